import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import { decide, type Actor, type SignedInActor } from '../auth/roles.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { listPublishedOfferings } from '../pd/pd.repository.js';
import * as repo from './schools.repository.js';
import { assessmentSchema, growthByDomain } from './schools.js';

type Db = Kysely<Database>;
interface Scoped {
	db: Db;
	actor: Actor;
	ecosystemId: string;
}

const manages = (actor: Actor, ecosystemId: string) => decide(actor, 'ecosystem.schools.manage', { ecosystemId }) === 'allow';

/** The schools whose team the actor is on (every school of the ecosystem for backbone staff). */
export async function listMySchools({ db, actor, ecosystemId }: Scoped) {
	requireAccess(actor, 'ecosystem.schools.assess', { ecosystemId });
	return repo.listSchools(db, ecosystemId, manages(actor, ecosystemId) ? undefined : actor.userId);
}

async function teamSchool(db: Executor, actor: SignedInActor, ecosystemId: string, slug: string) {
	const school = await repo.findSchoolBySlug(db, ecosystemId, slug);
	if (!school) throw new DomainError('SCHOOL_NOT_FOUND');
	if (!manages(actor, ecosystemId) && !(await repo.isSchoolMember(db, ecosystemId, school.id, actor.userId))) throw new DomainError('FORBIDDEN');
	return school;
}

const parseBands = (json: string): string[] => {
	try {
		return JSON.parse(json) as string[];
	} catch {
		return [];
	}
};

/**
 * A school's page for its team: the rubric, every year's self-assessment, growth by domain, and
 * published professional development that fits the school's grade bands.
 */
export async function getSchool({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	requireAccess(actor, 'ecosystem.schools.assess', { ecosystemId });
	const school = await teamSchool(db, actor, ecosystemId, slug);
	const domains = await repo.listDomains(db, ecosystemId);
	const assessments = await repo.listAssessments(db, ecosystemId, school.id, domains);
	const bands = new Set(parseBands(school.grade_bands));
	const offerings = (await listPublishedOfferings(db, ecosystemId)).filter((o) => parseBands(o.grade_bands).some((b) => bands.has(b)));
	return { school, domains, assessments, growth: growthByDomain(domains, assessments), offerings };
}

/** The school team records this year's self-assessment (or corrects it): a level and a plan per domain. */
export async function submitAssessment({ db, actor, ecosystemId, slug, input, now = new Date() }: Scoped & { slug: string; input: unknown; now?: Date }): Promise<Outcome<{ year: number }>> {
	requireAccess(actor, 'ecosystem.schools.assess', { ecosystemId });
	const school = await teamSchool(db, actor, ecosystemId, slug);
	const domains = await repo.listDomains(db, ecosystemId);
	const parsed = validate(assessmentSchema(domains, now.getUTCFullYear()), input);
	if (!parsed.ok) return parsed;
	const value = parsed.value as Record<string, unknown> & { year: number };
	return db.transaction().execute(async (trx) => {
		const id = await repo.saveAssessment(trx, ecosystemId, {
			schoolId: school.id,
			year: value.year,
			userId: actor.userId,
			scores: domains.map((d) => ({ domainId: d.id, level: value[`level.${d.key}`] as number, plan: ((value[`plan.${d.key}`] as string | undefined) ?? '').trim() }))
		});
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'school.assessment.save',
			entityType: 'school_assessment',
			entityId: id,
			summary: `Saved the ${value.year} STEM-school self-assessment of ${school.name}`
		});
		return ok({ year: value.year });
	});
}

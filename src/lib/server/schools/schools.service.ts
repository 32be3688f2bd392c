import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import { decide, type Actor, type SignedInActor } from '../auth/roles.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { listPublishedOfferings } from '../pd/pd.repository.js';
import { findEcosystemMemberByEmail } from '../groups/groups.repository.js';
import * as repo from './schools.repository.js';
import { helpByDomain } from './school-help.js';
import { assessmentSchema, teamMemberSchema, domainEditProblems, domainKeyFrom, domainSchema, growthByDomain, levelsText, reservedSchoolSlugs, sameSchoolName, schoolSchema } from './schools.js';
import { slugify } from '../util.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';

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
	const team = await repo.listSchoolMembers(db, ecosystemId, school.id);
	// Partners and PD that can help with each domain, lowest-rated first (see school-help.ts).
	const published = await listPublishedOfferings(db, ecosystemId);
	const partners = await repo.listPartnersWithActivePrograms(db, ecosystemId);
	const matched = helpByDomain(
		domains,
		assessments.at(-1)?.levels ?? {},
		[...bands],
		published.map((o) => ({ id: o.id, audience: o.audience, topic: o.topic, gradeBands: parseBands(o.grade_bands) })),
		partners
	);
	const offeringById = new Map(published.map((o) => [o.id, o]));
	const partnerById = new Map(partners.map((p) => [p.id, p]));
	const help = matched.map((h) => ({
		key: h.key,
		level: h.level,
		offerings: h.offeringIds.map((id) => offeringById.get(id)!),
		partners: h.partnerIds.map((id) => partnerById.get(id)!)
	}));
	return { school, domains, assessments, growth: growthByDomain(domains, assessments), offerings, help, team, canManageTeam: manages(actor, ecosystemId) };
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

/** A school's details for backbone staff to edit, pre-filled. */
export async function getSchoolForEdit({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	requireAccess(actor, 'ecosystem.schools.manage', { ecosystemId });
	const school = await repo.findSchoolBySlug(db, ecosystemId, slug);
	if (!school) throw new DomainError('SCHOOL_NOT_FOUND');
	return { school, values: { name: school.name, grade_bands: parseBands(school.grade_bands).join(',') } };
}

/** Backbone staff rename a school or change the grade bands it serves (which changes the PD it is shown). */
export async function updateSchool({ db, actor, ecosystemId, slug, input }: Scoped & { slug: string; input: unknown }): Promise<Outcome<{ slug: string }>> {
	requireAccess(actor, 'ecosystem.schools.manage', { ecosystemId });
	const school = await repo.findSchoolBySlug(db, ecosystemId, slug);
	if (!school) throw new DomainError('SCHOOL_NOT_FOUND');
	const parsed = validate(schoolSchema, input);
	if (!parsed.ok) return parsed;
	const duplicate = (await repo.listSchools(db, ecosystemId)).find((s) => s.id !== school.id && sameSchoolName(s.name, parsed.value.name));
	if (duplicate) return invalid([{ field: 'name', message: `Another school already has this name: ${duplicate.name}.` }]);
	return db.transaction().execute(async (trx) => {
		await repo.updateSchool(trx, ecosystemId, school.id, { name: parsed.value.name, gradeBands: parsed.value.grade_bands });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'school.update',
			entityType: 'school',
			entityId: school.id,
			summary: `Edited school ${school.name}${parsed.value.name !== school.name ? ` (now ${parsed.value.name})` : ''}: grades ${parsed.value.grade_bands.join(', ')}`
		});
		return ok({ slug: school.slug });
	});
}

/** The rubric for backbone staff to edit: each domain pre-filled, with how many ratings rest on it. */
export async function getRubricForEdit({ db, actor, ecosystemId }: Scoped) {
	requireAccess(actor, 'ecosystem.schools.manage', { ecosystemId });
	const domains = await repo.listDomains(db, ecosystemId);
	return Promise.all(
		domains.map(async (d) => ({
			domain: d,
			timesRated: await repo.countScoresOfDomain(db, ecosystemId, d.id),
			values: { name: d.name, name_es: d.name_es ?? '', levels: levelsText(d.levels) }
		}))
	);
}

/**
 * Backbone staff edit a rubric domain (its name and levels) or, without `domainId`, add one.
 * A domain that self-assessments already rated keeps its number of levels (see
 * `domainEditProblems`), so every past answer keeps pointing at the same step of the scale.
 */
export async function saveRubricDomain({ db, actor, ecosystemId, domainId, input }: Scoped & { domainId?: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.schools.manage', { ecosystemId });
	const domains = await repo.listDomains(db, ecosystemId);
	const stored = domainId ? domains.find((d) => d.id === domainId) : undefined;
	if (domainId && !stored) return invalid([{ field: 'form', message: 'That domain is not part of this rubric; reload the page and try again.' }]);
	const parsed = validate(domainSchema, input);
	if (!parsed.ok) return parsed;
	const value = { name: parsed.value.name, name_es: parsed.value.name_es || null, levels: parsed.value.levels };
	if (domains.some((d) => d.id !== domainId && d.name.toLowerCase() === value.name.toLowerCase())) {
		return invalid([{ field: 'name', message: 'Another domain of the rubric already has that name.' }]);
	}
	return db.transaction().execute(async (trx): Promise<Outcome<{ id: string }>> => {
		if (stored) {
			// Counted inside the transaction, so a rating saved meanwhile is seen.
			const problems = domainEditProblems(stored, await repo.countScoresOfDomain(trx, ecosystemId, stored.id), value);
			if (problems.length) return invalid(problems);
			await repo.updateDomain(trx, ecosystemId, stored.id, value);
		}
		let key = domainKeyFrom(value.name);
		for (let n = 2; !stored && domains.some((d) => d.key === key); n++) key = `${domainKeyFrom(value.name)}_${n}`;
		const id = stored?.id ?? (await repo.insertDomain(trx, ecosystemId, { key, ...value, position: domains.length + 1 }));
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: stored ? 'school.rubric.update' : 'school.rubric.add',
			entityType: 'school_rubric_domain',
			entityId: id,
			summary: `${stored ? 'Edited' : 'Added'} the rubric domain “${value.name}” (${value.levels.length} levels)`
		});
		return ok({ id });
	});
}

/**
 * Backbone staff add a school: a name (refused when it names a school already listed, ignoring
 * case, accents and punctuation) and the grade bands it serves. Its address comes from the name.
 */
export async function createSchool({ db, actor, ecosystemId, input }: Scoped & { input: unknown }): Promise<Outcome<{ slug: string }>> {
	requireAccess(actor, 'ecosystem.schools.manage', { ecosystemId });
	const parsed = validate(schoolSchema, input);
	// A duplicate name is reported together with any other problem, so one round fixes everything.
	const typed = (input as { name?: unknown } | null)?.name;
	const duplicate = typeof typed === 'string' && typed.trim() ? (await repo.listSchools(db, ecosystemId)).find((s) => sameSchoolName(s.name, typed)) : undefined;
	const duplicateIssues = duplicate ? [{ field: 'name', message: `This school is already listed: ${duplicate.name}.` }] : [];
	if (!parsed.ok) return invalid([...duplicateIssues, ...parsed.issues.filter((i) => !(duplicate && i.field === 'name'))]);
	if (duplicateIssues.length) return invalid(duplicateIssues);
	const { name, grade_bands: gradeBands } = parsed.value;
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ slug: string }>> => {
			const slugged = slugify(name) || 'school';
			const base = reservedSchoolSlugs.includes(slugged) ? `${slugged}-school` : slugged;
			let slug = base;
			for (let n = 2; await repo.schoolSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
			const id = await repo.insertSchool(trx, ecosystemId, { slug, name, gradeBands });
			await recordAudit(trx, { actor, ecosystemId, action: 'school.create', entityType: 'school', entityId: id, summary: `Added school ${name}: grades ${gradeBands.join(', ')}` });
			return ok({ slug });
		});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'name', message: ADDRESS_JUST_TAKEN }]));
}

/**
 * Backbone staff remove a rubric domain. A domain that self-assessments have rated stays, so
 * every school's history keeps meaning what it meant; the refusal says so and how many rated it.
 */
export async function removeRubricDomain({ db, actor, ecosystemId, domainId }: Scoped & { domainId: string }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.schools.manage', { ecosystemId });
	const domain = (await repo.listDomains(db, ecosystemId)).find((d) => d.id === domainId);
	if (!domain) return invalid([{ field: 'form', message: 'That domain is not part of this rubric; reload the page and try again.' }]);
	return db.transaction().execute(async (trx): Promise<Outcome<null>> => {
		// Counted inside the transaction, so a rating saved meanwhile is seen.
		const rated = await repo.countScoresOfDomain(trx, ecosystemId, domain.id);
		if (rated > 0) {
			return invalid([
				{
					field: 'form',
					message: `“${domain.name}” cannot be removed: ${rated} self-assessment${rated === 1 ? ' has' : 's have'} rated it, and removing it would erase part of those schools’ history. You may rename it instead.`
				}
			]);
		}
		if ((await repo.deleteDomain(trx, ecosystemId, domain.id)) === 0) return invalid([{ field: 'form', message: 'That domain was already removed; reload the page.' }]);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'school.rubric.remove',
			entityType: 'school_rubric_domain',
			entityId: domain.id,
			summary: `Removed the rubric domain “${domain.name}”`
		});
		return ok(null);
	});
}

/** A school's team, for backbone staff to change. */
export async function getSchoolTeam({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	requireAccess(actor, 'ecosystem.schools.manage', { ecosystemId });
	const school = await repo.findSchoolBySlug(db, ecosystemId, slug);
	if (!school) throw new DomainError('SCHOOL_NOT_FOUND');
	return { school, team: await repo.listSchoolMembers(db, ecosystemId, school.id) };
}

/**
 * Backbone staff add a person to a school's team by email. Only people with a role in the
 * ecosystem can be added (invite them first), and someone already on the team is refused plainly.
 */
export async function addSchoolMember({ db, actor, ecosystemId, slug, input }: Scoped & { slug: string; input: unknown }): Promise<Outcome<{ name: string }>> {
	requireAccess(actor, 'ecosystem.schools.manage', { ecosystemId });
	const school = await repo.findSchoolBySlug(db, ecosystemId, slug);
	if (!school) throw new DomainError('SCHOOL_NOT_FOUND');
	const parsed = validate(teamMemberSchema, input);
	if (!parsed.ok) return parsed;
	const email = parsed.value.email;
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ name: string }>> => {
			const person = await findEcosystemMemberByEmail(trx, ecosystemId, email);
			if (!person) return invalid([{ field: 'email', message: `Nobody with the email address ${email} has a role in this ecosystem. Invite them to the ecosystem first.` }]);
			if (await repo.isSchoolMember(trx, ecosystemId, school.id, person.id)) return invalid([{ field: 'email', message: `${person.name} is already on the team of ${school.name}.` }]);
			await repo.insertSchoolMember(trx, ecosystemId, school.id, person.id);
			await recordAudit(trx, { actor, ecosystemId, action: 'school.team.add', entityType: 'school', entityId: school.id, summary: `Added ${person.name} to the team of ${school.name}` });
			return ok({ name: person.name });
		});
	// Two staff adding the same person at once: the second is told plainly, not shown an error page.
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'email', message: `That person is already on the team of ${school.name}.` }]));
}

/** Backbone staff remove a person from a school's team (past self-assessments they submitted stay). */
export async function removeSchoolMember({ db, actor, ecosystemId, slug, userId }: Scoped & { slug: string; userId: string }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.schools.manage', { ecosystemId });
	const school = await repo.findSchoolBySlug(db, ecosystemId, slug);
	if (!school) throw new DomainError('SCHOOL_NOT_FOUND');
	return db.transaction().execute(async (trx): Promise<Outcome<null>> => {
		const member = (await repo.listSchoolMembers(trx, ecosystemId, school.id)).find((m) => m.userId === userId);
		if (!member || (await repo.deleteSchoolMember(trx, ecosystemId, school.id, userId)) === 0) {
			return invalid([{ field: 'form', message: 'That person is not on this school’s team (any more); reload the page.' }]);
		}
		await recordAudit(trx, { actor, ecosystemId, action: 'school.team.remove', entityType: 'school', entityId: school.id, summary: `Removed ${member.name} from the team of ${school.name}` });
		return ok(null);
	});
}

import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';
import type { AssessmentScores, RubricDomain, RubricLevel } from './schools.js';

export interface SchoolRow {
	id: string;
	slug: string;
	name: string;
	grade_bands: string;
	is_demo: number;
}

export async function listSchools(db: Executor, ecosystemId: string, memberUserId?: string): Promise<SchoolRow[]> {
	let query = db.selectFrom('school as s').select(['s.id', 's.slug', 's.name', 's.grade_bands', 's.is_demo']).where('s.ecosystem_id', '=', ecosystemId);
	if (memberUserId) {
		query = query.where((eb) =>
			eb.exists(eb.selectFrom('school_member as m').select('m.user_id').whereRef('m.school_id', '=', 's.id').where('m.user_id', '=', memberUserId))
		);
	}
	return query.orderBy('s.name').execute();
}

export async function findSchoolBySlug(db: Executor, ecosystemId: string, slug: string): Promise<SchoolRow | undefined> {
	return db.selectFrom('school').select(['id', 'slug', 'name', 'grade_bands', 'is_demo']).where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst();
}

export async function isSchoolMember(db: Executor, ecosystemId: string, schoolId: string, userId: string): Promise<boolean> {
	return !!(await db
		.selectFrom('school_member')
		.select('user_id')
		.where('ecosystem_id', '=', ecosystemId)
		.where('school_id', '=', schoolId)
		.where('user_id', '=', userId)
		.executeTakeFirst());
}

export async function insertSchool(db: Executor, ecosystemId: string, values: { slug: string; name: string; gradeBands: string[]; isDemo?: boolean }): Promise<string> {
	const id = newId();
	await db
		.insertInto('school')
		.values({ id, ecosystem_id: ecosystemId, slug: values.slug, name: values.name, grade_bands: JSON.stringify(values.gradeBands), is_demo: values.isDemo ? 1 : 0, created_at: nowIso() })
		.execute();
	return id;
}

export async function insertSchoolMember(db: Executor, ecosystemId: string, schoolId: string, userId: string): Promise<void> {
	await db.insertInto('school_member').values({ ecosystem_id: ecosystemId, school_id: schoolId, user_id: userId }).execute();
}

export async function insertDomain(db: Executor, ecosystemId: string, values: { key: string; name: string; name_es: string | null; levels: RubricLevel[]; position: number }): Promise<string> {
	const id = newId();
	await db
		.insertInto('school_rubric_domain')
		.values({ id, ecosystem_id: ecosystemId, key: values.key, name: values.name, name_es: values.name_es, levels: JSON.stringify(values.levels), position: values.position })
		.execute();
	return id;
}

export async function listDomains(db: Executor, ecosystemId: string): Promise<RubricDomain[]> {
	const rows = await db
		.selectFrom('school_rubric_domain')
		.select(['id', 'key', 'name', 'name_es', 'levels'])
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('position')
		.orderBy('key')
		.execute();
	return rows.map((r) => ({ ...r, levels: JSON.parse(r.levels) as RubricLevel[] }));
}

/** One assessment per school and year: a second submission in a year replaces that year's scores. */
export async function saveAssessment(
	db: Executor,
	ecosystemId: string,
	values: { schoolId: string; year: number; userId: string; scores: { domainId: string; level: number; plan: string }[] }
): Promise<string> {
	const existing = await db
		.selectFrom('school_assessment')
		.select('id')
		.where('ecosystem_id', '=', ecosystemId)
		.where('school_id', '=', values.schoolId)
		.where('year', '=', values.year)
		.executeTakeFirst();
	const id = existing?.id ?? newId();
	if (existing) {
		await db.updateTable('school_assessment').set({ submitted_at: nowIso(), submitted_by_user_id: values.userId }).where('id', '=', id).execute();
		await db.deleteFrom('school_assessment_score').where('ecosystem_id', '=', ecosystemId).where('assessment_id', '=', id).execute();
	} else {
		await db
			.insertInto('school_assessment')
			.values({ id, ecosystem_id: ecosystemId, school_id: values.schoolId, year: values.year, submitted_by_user_id: values.userId, submitted_at: nowIso() })
			.execute();
	}
	for (const score of values.scores) {
		await db
			.insertInto('school_assessment_score')
			.values({ ecosystem_id: ecosystemId, assessment_id: id, domain_id: score.domainId, level: score.level, action_plan: score.plan })
			.execute();
	}
	return id;
}

export async function listAssessments(db: Executor, ecosystemId: string, schoolId: string, domains: RubricDomain[]): Promise<AssessmentScores[]> {
	const rows = await db
		.selectFrom('school_assessment as a')
		.innerJoin('school_assessment_score as s', 's.assessment_id', 'a.id')
		.select(['a.year', 's.domain_id', 's.level', 's.action_plan'])
		.where('a.ecosystem_id', '=', ecosystemId)
		.where('a.school_id', '=', schoolId)
		.execute();
	const keyOf = new Map(domains.map((d) => [d.id, d.key]));
	const byYear = new Map<number, AssessmentScores>();
	for (const row of rows) {
		const key = keyOf.get(row.domain_id);
		if (!key) continue;
		const entry = byYear.get(row.year) ?? { year: row.year, levels: {}, plans: {} };
		entry.levels[key] = row.level;
		entry.plans[key] = row.action_plan;
		byYear.set(row.year, entry);
	}
	return [...byYear.values()].sort((a, b) => a.year - b.year);
}

export async function updateSchool(db: Executor, ecosystemId: string, id: string, values: { name: string; gradeBands: string[] }): Promise<number> {
	const result = await db
		.updateTable('school')
		.set({ name: values.name, grade_bands: JSON.stringify(values.gradeBands) })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** How many self-assessment scores rated this domain: any at all freezes its number of levels. */
export async function countScoresOfDomain(db: Executor, ecosystemId: string, domainId: string): Promise<number> {
	const row = await db
		.selectFrom('school_assessment_score')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('ecosystem_id', '=', ecosystemId)
		.where('domain_id', '=', domainId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function updateDomain(db: Executor, ecosystemId: string, id: string, values: { name: string; name_es: string | null; levels: RubricLevel[] }): Promise<number> {
	const result = await db
		.updateTable('school_rubric_domain')
		.set({ name: values.name, name_es: values.name_es, levels: JSON.stringify(values.levels) })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/**
 * Removes a rubric domain only while nobody has rated it: the condition is part of the statement,
 * so a rating saved after the service counted is never cascaded away with it.
 */
export async function deleteDomain(db: Executor, ecosystemId: string, id: string): Promise<number> {
	const result = await db
		.deleteFrom('school_rubric_domain')
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where((eb) => eb.not(eb.exists(eb.selectFrom('school_assessment_score as s').select('s.domain_id').where('s.domain_id', '=', id))))
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function schoolSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await db.selectFrom('school').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

/** A school's team: the people who fill in its self-assessment. */
export async function listSchoolMembers(db: Executor, ecosystemId: string, schoolId: string): Promise<{ userId: string; name: string; email: string }[]> {
	const rows = await db
		.selectFrom('school_member as m')
		.innerJoin('user as u', 'u.id', 'm.user_id')
		.select(['u.id', 'u.name', 'u.email'])
		.where('m.ecosystem_id', '=', ecosystemId)
		.where('m.school_id', '=', schoolId)
		.orderBy('u.name')
		.orderBy('u.email')
		.execute();
	return rows.map((r) => ({ userId: r.id, name: r.name, email: r.email }));
}

export async function deleteSchoolMember(db: Executor, ecosystemId: string, schoolId: string, userId: string): Promise<number> {
	const result = await db.deleteFrom('school_member').where('ecosystem_id', '=', ecosystemId).where('school_id', '=', schoolId).where('user_id', '=', userId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** The ecosystem's partners with their active programs, as the domain-help rule reads them. */
export async function listPartnersWithActivePrograms(db: Executor, ecosystemId: string) {
	const rows = await db
		.selectFrom('partner as pa')
		.innerJoin('program as pr', (j) => j.onRef('pr.partner_id', '=', 'pa.id').on('pr.status', '=', 'active'))
		.select(['pa.id', 'pa.slug', 'pa.name', 'pa.sector', 'pr.formats_json', 'pr.grade_min', 'pr.grade_max', 'pr.cost_kind'])
		.where('pa.ecosystem_id', '=', ecosystemId)
		.where('pr.ecosystem_id', '=', ecosystemId)
		.orderBy('pa.name')
		.orderBy('pa.id')
		.execute();
	const byId = new Map<string, { id: string; slug: string; name: string; sector: string; programs: { formats: string[]; gradeMin: number | null; gradeMax: number | null; costKind: string }[] }>();
	for (const r of rows) {
		const entry = byId.get(r.id) ?? { id: r.id, slug: r.slug, name: r.name, sector: r.sector, programs: [] };
		let formats: string[] = [];
		try {
			formats = JSON.parse(r.formats_json) as string[];
		} catch {
			formats = [];
		}
		entry.programs.push({ formats, gradeMin: r.grade_min, gradeMax: r.grade_max, costKind: r.cost_kind });
		byId.set(r.id, entry);
	}
	return [...byId.values()];
}

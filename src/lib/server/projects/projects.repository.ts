import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';

/** Projects of an ecosystem with their lead partner's name, newest first. */
export async function listProjects(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('project as p')
		.innerJoin('partner as l', (j) => j.onRef('l.id', '=', 'p.lead_partner_id').onRef('l.ecosystem_id', '=', 'p.ecosystem_id'))
		.select((eb) => [
			'p.id', 'p.slug', 'p.title', 'p.title_es', 'p.summary', 'p.summary_es', 'p.is_demo', 'p.created_at', 'l.name as lead_name', 'l.slug as lead_slug',
			eb.selectFrom('project_partner as pp').whereRef('pp.project_id', '=', 'p.id').select((e) => e.fn.countAll<number>().as('n')).as('partners')
		])
		.where('p.ecosystem_id', '=', ecosystemId)
		.orderBy('p.created_at', 'desc')
		.execute();
}

export async function findProjectBySlug(db: Executor, ecosystemId: string, slug: string) {
	return db
		.selectFrom('project as p')
		.innerJoin('partner as l', (j) => j.onRef('l.id', '=', 'p.lead_partner_id').onRef('l.ecosystem_id', '=', 'p.ecosystem_id'))
		.select(['p.id', 'p.slug', 'p.title', 'p.title_es', 'p.summary', 'p.summary_es', 'p.lead_partner_id', 'p.is_demo', 'p.created_at', 'l.name as lead_name', 'l.slug as lead_slug'])
		.where('p.ecosystem_id', '=', ecosystemId)
		.where('p.slug', '=', slug)
		.executeTakeFirst();
}

export async function projectSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await db.selectFrom('project').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

export async function insertProject(
	db: Executor,
	v: { ecosystemId: string; slug: string; title: string; title_es: string | null; summary: string; summary_es: string | null; leadPartnerId: string; userId: string | null; isDemo?: boolean }
): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('project')
		.values({
			id,
			ecosystem_id: v.ecosystemId,
			slug: v.slug,
			title: v.title,
			title_es: v.title_es,
			summary: v.summary,
			summary_es: v.summary_es,
			lead_partner_id: v.leadPartnerId,
			created_by_user_id: v.userId,
			is_demo: v.isDemo ? 1 : 0,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

export async function insertProjectPartner(db: Executor, v: { ecosystemId: string; projectId: string; partnerId: string; role: string; role_es: string | null }): Promise<void> {
	await db
		.insertInto('project_partner')
		.values({ ecosystem_id: v.ecosystemId, project_id: v.projectId, partner_id: v.partnerId, role: v.role, role_es: v.role_es, added_at: nowIso() })
		.execute();
}

export async function listProjectPartners(db: Executor, ecosystemId: string, projectId: string) {
	return db
		.selectFrom('project_partner as pp')
		.innerJoin('partner as p', (j) => j.onRef('p.id', '=', 'pp.partner_id').onRef('p.ecosystem_id', '=', 'pp.ecosystem_id'))
		.select(['pp.partner_id', 'p.name', 'p.slug', 'pp.role', 'pp.role_es', 'pp.added_at'])
		.where('pp.ecosystem_id', '=', ecosystemId)
		.where('pp.project_id', '=', projectId)
		.orderBy('pp.added_at')
		.orderBy('p.name')
		.execute();
}

export async function insertGoal(db: Executor, v: { ecosystemId: string; projectId: string; text: string; text_es: string | null; strategyId: string | null }): Promise<string> {
	const id = newId();
	await db
		.insertInto('project_goal')
		.values({ id, ecosystem_id: v.ecosystemId, project_id: v.projectId, text: v.text, text_es: v.text_es, strategy_id: v.strategyId, created_at: nowIso() })
		.execute();
	return id;
}

export async function listGoals(db: Executor, ecosystemId: string, projectId: string) {
	return db
		.selectFrom('project_goal as g')
		.leftJoin('agenda_strategy as s', (j) => j.onRef('s.id', '=', 'g.strategy_id').onRef('s.ecosystem_id', '=', 'g.ecosystem_id'))
		.select(['g.id', 'g.text', 'g.text_es', 'g.strategy_id', 's.title as strategy_title', 's.title_es as strategy_title_es'])
		.where('g.ecosystem_id', '=', ecosystemId)
		.where('g.project_id', '=', projectId)
		.orderBy('g.created_at')
		.execute();
}

export async function insertMilestone(
	db: Executor,
	v: { ecosystemId: string; projectId: string; title: string; title_es: string | null; ownerPartnerId: string; dueOn: string }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('project_milestone')
		.values({ id, ecosystem_id: v.ecosystemId, project_id: v.projectId, title: v.title, title_es: v.title_es, owner_partner_id: v.ownerPartnerId, due_on: v.dueOn, done_at: null, created_at: nowIso() })
		.execute();
	return id;
}

export async function listMilestones(db: Executor, ecosystemId: string, projectId: string) {
	return db
		.selectFrom('project_milestone as m')
		.innerJoin('partner as p', (j) => j.onRef('p.id', '=', 'm.owner_partner_id').onRef('p.ecosystem_id', '=', 'm.ecosystem_id'))
		.select(['m.id', 'm.title', 'm.title_es', 'm.owner_partner_id', 'p.name as owner_name', 'm.due_on', 'm.done_at'])
		.where('m.ecosystem_id', '=', ecosystemId)
		.where('m.project_id', '=', projectId)
		.orderBy('m.due_on')
		.orderBy('m.created_at')
		.execute();
}

export async function findMilestone(db: Executor, ecosystemId: string, projectId: string, id: string) {
	return db.selectFrom('project_milestone').selectAll().where('ecosystem_id', '=', ecosystemId).where('project_id', '=', projectId).where('id', '=', id).executeTakeFirst();
}

export async function completeMilestone(db: Executor, ecosystemId: string, id: string): Promise<number> {
	const result = await db.updateTable('project_milestone').set({ done_at: nowIso() }).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).where('done_at', 'is', null).executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function insertUpdate(db: Executor, v: { ecosystemId: string; projectId: string; userId: string | null; authorName: string; body: string }): Promise<string> {
	const id = newId();
	await db
		.insertInto('project_update')
		.values({ id, ecosystem_id: v.ecosystemId, project_id: v.projectId, author_user_id: v.userId, author_name: v.authorName, body: v.body, created_at: nowIso() })
		.execute();
	return id;
}

export async function listUpdates(db: Executor, ecosystemId: string, projectId: string) {
	return db
		.selectFrom('project_update')
		.select(['id', 'author_name', 'body', 'created_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('project_id', '=', projectId)
		.orderBy('created_at', 'desc')
		.execute();
}

export async function insertFile(db: Executor, v: { ecosystemId: string; projectId: string; userId: string; filename: string; contentType: string; data: Uint8Array }): Promise<string> {
	const id = newId();
	await db
		.insertInto('project_file')
		.values({ id, ecosystem_id: v.ecosystemId, project_id: v.projectId, uploader_user_id: v.userId, filename: v.filename, content_type: v.contentType, size: v.data.length, data: v.data, created_at: nowIso() })
		.execute();
	return id;
}

/** File names and sizes only: the bytes are read one file at a time, on download. */
export async function listFiles(db: Executor, ecosystemId: string, projectId: string) {
	return db
		.selectFrom('project_file as f')
		.leftJoin('user as u', 'u.id', 'f.uploader_user_id')
		.select(['f.id', 'f.filename', 'f.content_type', 'f.size', 'f.created_at', 'u.name as uploader'])
		.where('f.ecosystem_id', '=', ecosystemId)
		.where('f.project_id', '=', projectId)
		.orderBy('f.created_at', 'desc')
		.execute();
}

export async function findFile(db: Executor, ecosystemId: string, projectId: string, fileId: string) {
	return db.selectFrom('project_file').selectAll().where('ecosystem_id', '=', ecosystemId).where('project_id', '=', projectId).where('id', '=', fileId).executeTakeFirst();
}

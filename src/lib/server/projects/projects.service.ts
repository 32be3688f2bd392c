import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, isUniqueViolation, retryOnUniqueViolation } from '../db/unique-violation.js';
import { validate } from '../validation.js';
import { slugify } from '../util.js';
import { partnerActedFor, partnersActorActsFor } from '../partners/acting-for.js';
import { findPartnerBySlug, listPartners } from '../partners/partners.repository.js';
import { findStrategy, listStrategies } from '../agenda/agenda.repository.js';
import { detectFileType, uploadProblems, safeFilename } from '../groups/groups.js';
import * as repo from './projects.repository.js';
import { goalSchema, milestoneSchema, projectAbilities, projectPartnerSchema, projectSchema, updateSchema } from './projects.js';

type Db = Kysely<Database>;
const reservedSlugs = new Set(['new']);
const projectNotFound = () => new DomainError('NOT_FOUND', 'There is no project at that address in this ecosystem.');

/** The public list of projects: what each is, who leads it and how many partners it has. */
export async function listProjects({ db, ecosystemId }: { db: Db; ecosystemId: string }) {
	return (await repo.listProjects(db, ecosystemId)).map((p) => ({ ...p, partners: Number(p.partners) }));
}

async function loadProject(db: Db, ecosystemId: string, slug: string) {
	const project = await repo.findProjectBySlug(db, ecosystemId, slug);
	if (!project) throw projectNotFound();
	const partners = await repo.listProjectPartners(db, ecosystemId, project.id);
	return { project, partners };
}

/** The project and what this person may do in it; throws FORBIDDEN unless they manage it (or contribute, when `need` says so). */
async function projectFor(db: Db, actor: Actor, ecosystemId: string, slug: string, need: 'manage' | 'contribute') {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const loaded = await loadProject(db, ecosystemId, slug);
	const abilities = projectAbilities(actor, ecosystemId, { leadPartnerId: loaded.project.lead_partner_id, partnerIds: loaded.partners.map((p) => p.partner_id) });
	if (!abilities[need]) throw new DomainError('FORBIDDEN');
	return { ...loaded, abilities, user: actor as Extract<Actor, { kind: 'user' }> };
}

/**
 * One project's page. Anyone sees what it is, its lead, its partners with their roles and its
 * goals; milestones, updates and files only reach the project's partners and the backbone.
 */
export async function getProject({ db, actor, ecosystemId, slug }: { db: Db; actor: Actor; ecosystemId: string; slug: string }) {
	const { project, partners } = await loadProject(db, ecosystemId, slug);
	const abilities = projectAbilities(actor, ecosystemId, { leadPartnerId: project.lead_partner_id, partnerIds: partners.map((p) => p.partner_id) });
	const goals = await repo.listGoals(db, ecosystemId, project.id);
	const inside = abilities.contribute
		? {
				milestones: (await repo.listMilestones(db, ecosystemId, project.id)).map((m) => ({ ...m, canComplete: !m.done_at && abilities.completes(m.owner_partner_id) })),
				updates: await repo.listUpdates(db, ecosystemId, project.id),
				files: await repo.listFiles(db, ecosystemId, project.id)
			}
		: null;
	const forManagers = abilities.manage
		? {
				strategies: (await listStrategies(db, ecosystemId)).map((s) => ({ id: s.id, title: s.title, title_es: s.title_es })),
				otherPartners: (await listPartners(db, ecosystemId)).filter((p) => !partners.some((x) => x.partner_id === p.id)).map((p) => ({ slug: p.slug, name: p.name }))
			}
		: null;
	return { project, partners, goals, inside, forManagers, canManage: abilities.manage, canContribute: abilities.contribute };
}

/** Partners this person may start a project for (as its lead). */
export async function prepareProjectForm({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partners = await partnersActorActsFor(db, actor, ecosystemId, 'partner.projects.lead');
	if (partners.length === 0) throw new DomainError('FORBIDDEN');
	return { partners: partners.map((p) => ({ slug: p.slug, name: p.name })) };
}

/** A partner admin starts a project led by their partner; backbone staff for any partner. */
export async function createProject({ db, actor, ecosystemId, input, isDemo = false }: { db: Db; actor: Actor; ecosystemId: string; input: unknown; isDemo?: boolean }): Promise<Outcome<{ slug: string }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const raw = (input ?? {}) as Record<string, unknown>;
	const lead = await partnerActedFor(db, actor, ecosystemId, typeof raw['lead'] === 'string' ? raw['lead'] : '', 'partner.projects.lead');
	const parsed = validate(projectSchema, input);
	if (!parsed.ok) return parsed;
	if (!lead) return invalid([{ field: 'lead', message: 'Choose the lead partner.' }]);
	const v = parsed.value;
	const base = slugify(v.title) || 'project';
	if (reservedSlugs.has(base)) return invalid([{ field: 'title', message: 'Give the project a more descriptive title.' }]);
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ slug: string }>> => {
			let slug = base;
			for (let n = 2; await repo.projectSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
			const id = await repo.insertProject(trx, { ecosystemId, slug, title: v.title, title_es: v.title_es, summary: v.summary, summary_es: v.summary_es, leadPartnerId: lead.id, userId: actor.kind === 'user' ? actor.userId : null, isDemo });
			await repo.insertProjectPartner(trx, { ecosystemId, projectId: id, partnerId: lead.id, role: v.lead_role, role_es: null });
			await recordAudit(trx, { actor, ecosystemId, action: 'project.create', entityType: 'project', entityId: id, summary: `Started the project “${v.title}” led by ${lead.name}` });
			return ok({ slug });
		});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'title', message: ADDRESS_JUST_TAKEN }]));
}

/** The project's managers add a partner with its role. */
export async function addProjectPartner({ db, actor, ecosystemId, slug, input }: { db: Db; actor: Actor; ecosystemId: string; slug: string; input: unknown }): Promise<Outcome<null>> {
	const { project } = await projectFor(db, actor, ecosystemId, slug, 'manage');
	const parsed = validate(projectPartnerSchema, input);
	if (!parsed.ok) return parsed;
	const partner = await findPartnerBySlug(db, ecosystemId, parsed.value.partner);
	if (!partner) return invalid([{ field: 'partner', message: 'Choose a partner of this ecosystem.' }]);
	try {
		await db.transaction().execute(async (trx) => {
			await repo.insertProjectPartner(trx, { ecosystemId, projectId: project.id, partnerId: partner.id, role: parsed.value.role, role_es: parsed.value.role_es });
			await recordAudit(trx, { actor, ecosystemId, action: 'project.partner', entityType: 'project', entityId: project.id, summary: `Added ${partner.name} to “${project.title}” (${parsed.value.role})` });
		});
	} catch (error) {
		if (isUniqueViolation(error)) return invalid([{ field: 'partner', message: `${partner.name} is already in this project.` }]);
		throw error;
	}
	return ok(null);
}

/** The project's managers add a goal, tied to a strategy of the common agenda when it serves one. */
export async function addProjectGoal({ db, actor, ecosystemId, slug, input }: { db: Db; actor: Actor; ecosystemId: string; slug: string; input: unknown }): Promise<Outcome<null>> {
	const { project } = await projectFor(db, actor, ecosystemId, slug, 'manage');
	const parsed = validate(goalSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	if (v.strategy && !(await findStrategy(db, ecosystemId, v.strategy))) return invalid([{ field: 'strategy', message: 'Choose a strategy of this ecosystem’s common agenda.' }]);
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertGoal(trx, { ecosystemId, projectId: project.id, text: v.text, text_es: v.text_es, strategyId: v.strategy });
		await recordAudit(trx, { actor, ecosystemId, action: 'project.goal', entityType: 'project_goal', entityId: id, summary: `Added a goal to “${project.title}”` });
		return ok(null);
	});
}

/** The project's managers add a milestone owned by one of the project's partners. */
export async function addProjectMilestone({ db, actor, ecosystemId, slug, input }: { db: Db; actor: Actor; ecosystemId: string; slug: string; input: unknown }): Promise<Outcome<null>> {
	const { project, partners } = await projectFor(db, actor, ecosystemId, slug, 'manage');
	const parsed = validate(milestoneSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	const owner = partners.find((p) => p.slug === v.owner);
	if (!owner) return invalid([{ field: 'owner', message: 'Choose one of the project’s partners as the owner.' }]);
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertMilestone(trx, { ecosystemId, projectId: project.id, title: v.title, title_es: v.title_es, ownerPartnerId: owner.partner_id, dueOn: v.due_on });
		await recordAudit(trx, { actor, ecosystemId, action: 'project.milestone', entityType: 'project_milestone', entityId: id, summary: `Added the milestone “${v.title}” (${owner.name}, due ${v.due_on}) to “${project.title}”` });
		return ok(null);
	});
}

/** Staff of the owning partner (or the project's managers) mark a milestone done; done once. */
export async function completeProjectMilestone({ db, actor, ecosystemId, slug, milestoneId }: { db: Db; actor: Actor; ecosystemId: string; slug: string; milestoneId: string }): Promise<void> {
	const { project, abilities } = await projectFor(db, actor, ecosystemId, slug, 'contribute');
	const milestone = await repo.findMilestone(db, ecosystemId, project.id, milestoneId);
	if (!milestone) throw new DomainError('NOT_FOUND', 'There is no such milestone in this project.');
	if (!abilities.completes(milestone.owner_partner_id)) throw new DomainError('FORBIDDEN');
	await db.transaction().execute(async (trx) => {
		if ((await repo.completeMilestone(trx, ecosystemId, milestone.id)) === 0) return;
		await recordAudit(trx, { actor, ecosystemId, action: 'project.milestone.done', entityType: 'project_milestone', entityId: milestone.id, summary: `Completed “${milestone.title}” in “${project.title}”` });
	});
}

/** Staff of any partner in the project post an update (seen by the project's partners and the backbone). */
export async function postProjectUpdate({ db, actor, ecosystemId, slug, input }: { db: Db; actor: Actor; ecosystemId: string; slug: string; input: unknown }): Promise<Outcome<null>> {
	const { project, user } = await projectFor(db, actor, ecosystemId, slug, 'contribute');
	const parsed = validate(updateSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertUpdate(trx, { ecosystemId, projectId: project.id, userId: user.userId, authorName: user.name, body: parsed.value.body });
		await recordAudit(trx, { actor, ecosystemId, action: 'project.update', entityType: 'project_update', entityId: id, summary: `Posted an update to “${project.title}”` });
		return ok(null);
	});
}

/** The project's shared file space: at most 5 MB, of a type checked from the file's own bytes (as in groups). */
export async function uploadProjectFile({
	db,
	actor,
	ecosystemId,
	slug,
	file
}: {
	db: Db;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	file: { name: string; bytes: Uint8Array };
}): Promise<Outcome<{ id: string; filename: string }>> {
	const { project, user } = await projectFor(db, actor, ecosystemId, slug, 'contribute');
	const problems = await uploadProblems(file.name, file.bytes);
	if (problems.length) return invalid(problems.map((message) => ({ field: 'file', message })));
	const filename = safeFilename(file.name);
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertFile(trx, { ecosystemId, projectId: project.id, userId: user.userId, filename, contentType: detectFileType(file.name, file.bytes)!, data: file.bytes });
		await recordAudit(trx, { actor, ecosystemId, action: 'project.file', entityType: 'project_file', entityId: id, summary: `Shared the file “${filename}” in “${project.title}”` });
		return ok({ id, filename });
	});
}

export async function downloadProjectFile({ db, actor, ecosystemId, slug, fileId }: { db: Db; actor: Actor; ecosystemId: string; slug: string; fileId: string }) {
	const { project } = await projectFor(db, actor, ecosystemId, slug, 'contribute');
	const file = await repo.findFile(db, ecosystemId, project.id, fileId);
	if (!file) throw new DomainError('NOT_FOUND', 'There is no such file in this project.');
	return { filename: file.filename, contentType: file.content_type, data: new Uint8Array(file.data) };
}

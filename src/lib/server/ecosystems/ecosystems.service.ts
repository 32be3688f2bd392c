import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import { requireAccess } from '../auth/access.js';
import { decide, type Actor, type Permission } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { slugify } from '../util.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';
import * as repo from './ecosystems.repository.js';
import { conditionSchema, createEcosystemSchema, initiativeSchema, siteContentSchema } from './ecosystems.js';
import { createInvitation, type SentInvitation } from '../members/members.service.js';
import { countPartnersBySector } from '../partners/partners.repository.js';
import { sectors } from '../partners/partners.js';
import { isFallback, localized, type Locale } from '../content.js';
import { renderMarkdown } from '../markdown.js';

export async function listEcosystems({ db }: { db: Kysely<Database> }) {
	return repo.listEcosystems(db);
}

export async function getEcosystem({ db, slug }: { db: Kysely<Database>; slug: string }) {
	const ecosystem = await repo.findEcosystemBySlug(db, slug);
	if (!ecosystem) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	return ecosystem;
}

/** Platform admin: a new ecosystem, its five conditions, and an invitation for its first backbone admin. */
export async function createEcosystem({
	ctx,
	actor,
	input,
	origin,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	input: unknown;
	origin: string;
	locale: 'en' | 'es';
}): Promise<Outcome<{ ecosystemId: string; slug: string; invitation: SentInvitation }>> {
	requireAccess(actor, 'platform.ecosystems.manage');
	const parsed = validate(createEcosystemSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	// A second try sees an ecosystem created at the same moment and reports its address as used.
	const attempt = () => ctx.db.kysely.transaction().execute(async (trx) => {
		if (await repo.slugInUse(trx, value.slug)) {
			return invalid([{ field: 'slug', message: 'That web address is already used by another ecosystem.' }]);
		}
		const ecosystemId = await repo.insertEcosystem(trx, { name: value.name, slug: value.slug, region: value.region });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'ecosystem.create',
			entityType: 'ecosystem',
			entityId: ecosystemId,
			summary: `Created ecosystem “${value.name}” (/e/${value.slug})`
		});
		const invitation = await createInvitation(trx, {
			actor,
			ecosystemId,
			ecosystemName: value.name,
			email: value.adminEmail.toLowerCase(),
			role: 'backbone_admin',
			partnerId: null,
			origin,
			locale
		});
		return { ecosystemId, slug: value.slug, invitation };
	});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'slug', message: ADDRESS_JUST_TAKEN }])).then(async (result) => {
		if ('ok' in result) return result;
		await ctx.mailer.send(result.invitation.message);
		return ok(result);
	});
}

export async function updateSiteContent({
	db,
	actor,
	ecosystemId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	input: unknown;
}): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.site.edit', { ecosystemId });
	const parsed = validate(siteContentSchema, input);
	if (!parsed.ok) return parsed;
	await db.transaction().execute(async (trx) => {
		await repo.updateSiteContent(trx, ecosystemId, parsed.value);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'ecosystem.site.update',
			entityType: 'ecosystem',
			entityId: ecosystemId,
			summary: 'Updated the public site texts (mission, vision, goal)'
		});
	});
	return ok(null);
}

export async function saveConditionPractice({
	db,
	actor,
	ecosystemId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	input: unknown;
}): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.site.edit', { ecosystemId });
	const parsed = validate(conditionSchema, input);
	if (!parsed.ok) return parsed;
	const { condition, practice_md, practice_md_es } = parsed.value;
	await db.transaction().execute(async (trx) => {
		await repo.saveCondition(trx, ecosystemId, condition, practice_md, practice_md_es ?? null);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'ecosystem.condition.update',
			entityType: 'ecosystem_condition',
			entityId: condition,
			summary: `Updated how the ecosystem practises ${condition.replaceAll('_', ' ')}`
		});
	});
	return ok(null);
}

export async function createInitiative({
	db,
	actor,
	ecosystemId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	input: unknown;
}): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.site.edit', { ecosystemId });
	const parsed = validate(initiativeSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const attempt = () => db.transaction().execute(async (trx): Promise<Outcome<{ id: string }>> => {
		const base = slugify(value.title) || 'initiative';
		let slug = base;
		for (let n = 2; await repo.initiativeSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
		const id = await repo.insertInitiative(trx, ecosystemId, {
			slug,
			title: value.title,
			title_es: value.title_es ?? null,
			summary_md: value.summary_md,
			summary_md_es: value.summary_md_es ?? null,
			position: value.position
		});
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'initiative.create',
			entityType: 'initiative',
			entityId: id,
			summary: `Added initiative “${value.title}”`
		});
		return ok({ id });
	});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'title', message: ADDRESS_JUST_TAKEN }]));
}

export async function updateInitiative({
	db,
	actor,
	ecosystemId,
	initiativeId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	initiativeId: string;
	input: unknown;
}): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.site.edit', { ecosystemId });
	const parsed = validate(initiativeSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	return db.transaction().execute(async (trx) => {
		const changed = await repo.updateInitiative(trx, ecosystemId, initiativeId, {
			title: value.title,
			title_es: value.title_es ?? null,
			summary_md: value.summary_md,
			summary_md_es: value.summary_md_es ?? null,
			position: value.position
		});
		if (changed === 0) throw new DomainError('NOT_FOUND');
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'initiative.update',
			entityType: 'initiative',
			entityId: initiativeId,
			summary: `Updated initiative “${value.title}”`
		});
		return ok(null);
	});
}

export async function deleteInitiative({
	db,
	actor,
	ecosystemId,
	initiativeId
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	initiativeId: string;
}): Promise<void> {
	requireAccess(actor, 'ecosystem.site.edit', { ecosystemId });
	await db.transaction().execute(async (trx) => {
		const existing = await repo.findInitiative(trx, ecosystemId, initiativeId);
		if (!existing) throw new DomainError('NOT_FOUND');
		await repo.deleteInitiative(trx, ecosystemId, initiativeId);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'initiative.delete',
			entityType: 'initiative',
			entityId: initiativeId,
			summary: `Removed initiative “${existing.title}”`
		});
	});
}

/** Platform admin: every ecosystem in the deployment, with partner and member counts. */
export async function listAllEcosystemsForAdmin({ db, actor }: { db: Kysely<Database>; actor: Actor }) {
	requireAccess(actor, 'platform.ecosystems.manage');
	return repo.listEcosystemsWithCounts(db);
}

export const adminAreas = ['site', 'partners', 'events', 'announcements', 'members', 'audit', 'outbox'] as const;
export type AdminArea = (typeof adminAreas)[number];

const adminAreaPermission: Record<AdminArea, Permission> = {
	site: 'ecosystem.site.edit',
	partners: 'ecosystem.partners.manage',
	events: 'ecosystem.events.manage',
	announcements: 'ecosystem.announcements.publish',
	members: 'ecosystem.members.manage',
	audit: 'ecosystem.audit.read',
	outbox: 'ecosystem.outbox.read'
};

/**
 * The administration areas of an ecosystem this actor may open. An area that needs two-factor
 * sign-in the actor has not set up is listed as 'two_factor_required' (its page asks for it);
 * anyone with no area at all is refused.
 */
export async function getAdminIndex({
	actor,
	ecosystemId
}: {
	actor: Actor;
	ecosystemId: string;
}): Promise<{ area: AdminArea; access: 'allow' | 'two_factor_required' }[]> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const areas = adminAreas.flatMap((area) => {
		const decision = decide(actor, adminAreaPermission[area], { ecosystemId });
		return decision === 'allow' || decision === 'two_factor_required' ? [{ area, access: decision }] : [];
	});
	if (areas.length === 0) throw new DomainError('FORBIDDEN');
	return areas;
}

/** Everything the public-site editor shows: the site texts, the five conditions, the initiatives. */
export async function getSiteEditor({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.site.edit', { ecosystemId });
	const [ecosystem, conditions, initiatives] = await Promise.all([
		repo.findEcosystemById(db, ecosystemId),
		repo.listConditions(db, ecosystemId),
		repo.listInitiatives(db, ecosystemId)
	]);
	if (!ecosystem) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	return { ecosystem, conditions, initiatives };
}

export async function getInitiativeForEdit({
	db,
	actor,
	ecosystemId,
	initiativeId
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	initiativeId: string;
}) {
	requireAccess(actor, 'ecosystem.site.edit', { ecosystemId });
	const initiative = await repo.findInitiative(db, ecosystemId, initiativeId);
	if (!initiative) throw new DomainError('NOT_FOUND');
	return initiative;
}

/** Public: everything the ecosystem home page shows, in the visitor's language. */
export async function getPublicSite({ db, ecosystemId, locale }: { db: Kysely<Database>; ecosystemId: string; locale: Locale }) {
	const [ecosystem, conditions, initiatives, counts] = await Promise.all([
		repo.findEcosystemById(db, ecosystemId),
		repo.listConditions(db, ecosystemId),
		repo.listInitiatives(db, ecosystemId),
		countPartnersBySector(db, ecosystemId)
	]);
	if (!ecosystem) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	const e = ecosystem;
	return {
		site: {
			tagline: localized(locale, e.tagline, e.tagline_es),
			mission: localized(locale, e.mission, e.mission_es),
			vision: localized(locale, e.vision, e.vision_es),
			goal: localized(locale, e.goal, e.goal_es),
			goalYear: e.goal_year,
			website: e.website,
			contactEmail: e.contact_email,
			untranslated: isFallback(locale, e.mission_es)
		},
		conditions: conditions.map((c) => ({
			condition: c.condition,
			html: renderMarkdown(localized(locale, c.practice_md, c.practice_md_es)),
			untranslated: !!c.practice_md && isFallback(locale, c.practice_md_es)
		})),
		initiatives: initiatives.map((i) => ({
			slug: i.slug,
			title: localized(locale, i.title, i.title_es),
			html: renderMarkdown(localized(locale, i.summary_md, i.summary_md_es)),
			untranslated: isFallback(locale, i.title_es)
		})),
		sectors: sectors.map((sector) => ({ sector, count: counts[sector] ?? 0 })).filter((s) => s.count > 0)
	};
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';
import { validate } from '../validation.js';
import { slugify } from '../util.js';
import * as repo from './partners.repository.js';
import { partnerProfileSchema, sectors } from './partners.js';

export async function listPartners({ db, ecosystemId }: { db: Kysely<Database>; ecosystemId: string }) {
	return repo.listPartners(db, ecosystemId);
}

export async function getPartner({ db, ecosystemId, slug }: { db: Kysely<Database>; ecosystemId: string; slug: string }) {
	const partner = await repo.findPartnerBySlug(db, ecosystemId, slug);
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	return partner;
}

/** Backbone staff add a partner organisation to their ecosystem. */
export async function createPartner({
	db,
	actor,
	ecosystemId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	input: unknown;
}): Promise<Outcome<{ id: string; slug: string }>> {
	requireAccess(actor, 'ecosystem.partners.manage', { ecosystemId });
	const parsed = validate(partnerProfileSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const attempt = () => db.transaction().execute(async (trx): Promise<Outcome<{ id: string; slug: string }>> => {
		const base = slugify(value.name) || 'partner';
		let slug = base;
		for (let n = 2; await repo.partnerSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
		const id = await repo.insertPartner(trx, ecosystemId, slug, value);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'partner.create',
			entityType: 'partner',
			entityId: id,
			summary: `Added partner “${value.name}”`
		});
		return ok({ id, slug });
	});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'name', message: ADDRESS_JUST_TAKEN }]));
}

/** Backbone staff edit any partner of their ecosystem; a partner admin edits their own. */
export async function updatePartnerProfile({
	db,
	actor,
	ecosystemId,
	partnerId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	partnerId: string;
	input: unknown;
}): Promise<Outcome<null>> {
	requireAccess(actor, 'partner.profile.edit', { ecosystemId, partnerId });
	const parsed = validate(partnerProfileSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		const changed = await repo.updatePartner(trx, ecosystemId, partnerId, parsed.value);
		if (changed === 0) throw new DomainError('PARTNER_NOT_FOUND');
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'partner.update',
			entityType: 'partner',
			entityId: partnerId,
			summary: `Updated the profile of “${parsed.value.name}”`
		});
		return ok(null);
	});
}

/** Backbone staff: every partner of the ecosystem, for the administration table. */
export async function listPartnersForAdmin({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.partners.manage', { ecosystemId });
	return repo.listPartners(db, ecosystemId);
}

/** Backbone staff: what the "Add a partner" form offers. */
export async function preparePartnerForm({ actor, ecosystemId }: { actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.partners.manage', { ecosystemId });
	return { sectors: [...sectors] };
}

/**
 * A partner's profile for its edit form. Membership is checked first (so signed-out people are
 * sent to sign in and outsiders are refused before learning anything), then the right to edit
 * that particular partner.
 */
export async function getPartnerForEdit({
	db,
	actor,
	ecosystemId,
	slug
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	slug: string;
}) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await repo.findPartnerBySlug(db, ecosystemId, slug);
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	requireAccess(actor, 'partner.profile.edit', { ecosystemId, partnerId: partner.id });
	return { partner, sectors: [...sectors] };
}

/** The edit form posts to the partner's web address; this resolves it and saves the profile. */
export async function updatePartnerProfileBySlug({
	db,
	actor,
	ecosystemId,
	slug,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	input: unknown;
}): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await repo.findPartnerBySlug(db, ecosystemId, slug);
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	return updatePartnerProfile({ db, actor, ecosystemId, partnerId: partner.id, input });
}

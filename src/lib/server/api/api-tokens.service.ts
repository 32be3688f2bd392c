/**
 * Partner admins (and backbone admins) create and revoke their partner's API tokens on the
 * partner's pages. The secret is returned once, from `createApiToken`, and only its hash is kept.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, ok, type Outcome } from '../errors.js';
import { findPartnerBySlug } from '../partners/partners.repository.js';
import { validate } from '../validation.js';
import { apiTokenSchema, newTokenSecret } from './api-tokens.js';
import * as repo from './api-tokens.repository.js';

async function partnerFor(db: Kysely<Database>, actor: Actor, ecosystemId: string, partnerSlug: string) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await findPartnerBySlug(db, ecosystemId, partnerSlug);
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	requireAccess(actor, 'partner.api_tokens.manage', { ecosystemId, partnerId: partner.id });
	return Object.assign(partner, { userId: actor.userId });
}

export async function listApiTokens({ db, actor, ecosystemId, partnerSlug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; partnerSlug: string }) {
	const partner = await partnerFor(db, actor, ecosystemId, partnerSlug);
	return { partner: { name: partner.name, slug: partner.slug }, tokens: await repo.listApiTokens(db, ecosystemId, partner.id) };
}

export async function createApiToken({
	db,
	actor,
	ecosystemId,
	partnerSlug,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
	input: unknown;
}): Promise<Outcome<{ id: string; secret: string }>> {
	const partner = await partnerFor(db, actor, ecosystemId, partnerSlug);
	const parsed = validate(apiTokenSchema, input);
	if (!parsed.ok) return parsed;
	const { secret, hash, prefix } = newTokenSecret();
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertApiToken(trx, ecosystemId, partner.id, { name: parsed.value.name, hash, prefix, userId: partner.userId });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'api_token.create',
			entityType: 'partner_api_token',
			entityId: id,
			summary: `Created API token “${parsed.value.name}” (${prefix}…) for “${partner.name}”`
		});
		return ok({ id, secret });
	});
}

export async function revokeApiToken({
	db,
	actor,
	ecosystemId,
	partnerSlug,
	tokenId
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
	tokenId: string;
}): Promise<void> {
	const partner = await partnerFor(db, actor, ecosystemId, partnerSlug);
	await db.transaction().execute(async (trx) => {
		const name = await repo.revokeApiToken(trx, ecosystemId, partner.id, tokenId);
		if (name === undefined) throw new DomainError('NOT_FOUND', 'There is no active token with that id for this partner.');
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'api_token.revoke',
			entityType: 'partner_api_token',
			entityId: tokenId,
			summary: `Revoked API token “${name}” of “${partner.name}”`
		});
	});
}

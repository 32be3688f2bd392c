import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';

export interface ApiTokenRow {
	id: string;
	name: string;
	token_prefix: string;
	created_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
}

export async function insertApiToken(
	db: Executor,
	ecosystemId: string,
	partnerId: string,
	token: { name: string; hash: string; prefix: string; userId: string }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('partner_api_token')
		.values({
			id,
			ecosystem_id: ecosystemId,
			partner_id: partnerId,
			name: token.name,
			token_hash: token.hash,
			token_prefix: token.prefix,
			created_by_user_id: token.userId,
			created_at: nowIso()
		})
		.execute();
	return id;
}

export async function listApiTokens(db: Executor, ecosystemId: string, partnerId: string): Promise<ApiTokenRow[]> {
	return db
		.selectFrom('partner_api_token')
		.select(['id', 'name', 'token_prefix', 'created_at', 'last_used_at', 'revoked_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('partner_id', '=', partnerId)
		.orderBy('created_at', 'desc')
		.execute();
}

/** Revokes a live token of this partner; returns its name, or undefined when there is none. */
export async function revokeApiToken(db: Executor, ecosystemId: string, partnerId: string, tokenId: string): Promise<string | undefined> {
	const row = await db
		.updateTable('partner_api_token')
		.set({ revoked_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('partner_id', '=', partnerId)
		.where('id', '=', tokenId)
		.where('revoked_at', 'is', null)
		.returning('name')
		.executeTakeFirst();
	return row?.name;
}

export interface TokenOwner {
	tokenId: string;
	tokenName: string;
	ecosystemId: string;
	partnerId: string;
}

/**
 * The live token with this hash, within the ecosystem the request addresses (a token of another
 * ecosystem is not found, exactly like a wrong secret).
 */
export async function findLiveToken(db: Executor, ecosystemId: string, hash: string): Promise<TokenOwner | undefined> {
	const row = await db
		.selectFrom('partner_api_token')
		.select(['id', 'name', 'ecosystem_id', 'partner_id'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('token_hash', '=', hash)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return row && { tokenId: row.id, tokenName: row.name, ecosystemId: row.ecosystem_id, partnerId: row.partner_id };
}

export async function touchApiToken(db: Executor, ecosystemId: string, tokenId: string): Promise<void> {
	await db.updateTable('partner_api_token').set({ last_used_at: nowIso() }).where('ecosystem_id', '=', ecosystemId).where('id', '=', tokenId).execute();
}

import { createHmac } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/**
 * better-auth accepts a TOTP code for the previous, current and next 30-second step, so a code
 * can be accepted for at most about 90 seconds after it is first seen. It is remembered a little
 * longer than that, so a second use is refused for as long as the code could still be valid.
 */
export const TOTP_USED_CODE_SECONDS = 120;

export const TOTP_CODE_USED = 'TOTP_CODE_ALREADY_USED';
export const TOTP_CODE_USED_MESSAGE = 'This code has already been used. Wait for your authenticator app to show a new code and enter that one.';

/** Keyed, so the stored value reveals neither the code nor, without the server secret, a guess about it. */
export function usedCodeHash(secret: string, userId: string, code: string): string {
	return createHmac('sha256', secret).update(`totp-used\0${userId}\0${code}`).digest('base64url');
}

/**
 * Claims a code for its one use: true when this request is the first to present it. The insert
 * is the check, so two requests racing with the same code cannot both win, on any app server.
 */
export async function claimTotpCode(db: Kysely<Database>, codeHash: string, userId: string, now: Date = new Date()): Promise<boolean> {
	const nowIso = now.toISOString();
	await db.deleteFrom('totp_used_code').where('expires_at', '<=', nowIso).execute();
	const inserted = await db
		.insertInto('totp_used_code')
		.values({ code_hash: codeHash, user_id: userId, expires_at: new Date(now.getTime() + TOTP_USED_CODE_SECONDS * 1000).toISOString() })
		.onConflict((oc) => oc.column('code_hash').doNothing())
		.returning('code_hash')
		.execute();
	return inserted.length === 1;
}

/** A claimed code that turned out wrong is not "used": forget it. */
export async function releaseTotpCode(db: Kysely<Database>, codeHash: string): Promise<void> {
	await db.deleteFrom('totp_used_code').where('code_hash', '=', codeHash).execute();
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import { loadActor, type TwoFactorPolicy } from './actor.js';
import type { SignedInActor } from './roles.js';

/**
 * How long a sign-in lasts (docs/security.md, ASVS 5.0 V7.3). Parity holds young people's stories
 * and partners' participant data, so a session ends after a day without use (idle timeout: the
 * expiry moves forward at most once an hour while it is used) and, however active, two weeks after
 * sign-in (absolute timeout).
 */
export const SESSION_IDLE_SECONDS = 24 * 60 * 60;
export const SESSION_REFRESH_SECONDS = 60 * 60;
export const SESSION_ABSOLUTE_SECONDS = 14 * 24 * 60 * 60;

export function pastAbsoluteLifetime(createdAt: Date | string, now: Date = new Date()): boolean {
	const created = createdAt instanceof Date ? createdAt.getTime() : Date.parse(createdAt);
	// A session whose start cannot be read is treated as too old.
	if (!Number.isFinite(created)) return true;
	return now.getTime() - created >= SESSION_ABSOLUTE_SECONDS * 1000;
}

async function endSession(db: Kysely<Database>, sessionId: string): Promise<void> {
	await db.deleteFrom('session').where('id', '=', sessionId).execute();
}

/**
 * The signed-in person behind a request's cookie, or null: no session, an expired one (better-auth
 * checks the idle expiry), or one past its absolute lifetime (ended here, in the database, so every
 * app server refuses it).
 */
export async function sessionActor(
	ctx: Pick<AppContext, 'auth' | 'db'>,
	headers: Headers,
	policy: TwoFactorPolicy,
	now: Date = new Date()
): Promise<{ actor: SignedInActor; sessionId: string } | null> {
	const session = await ctx.auth.api.getSession({ headers }).catch(() => null);
	if (!session) return null;
	if (pastAbsoluteLifetime(session.session.createdAt, now)) {
		await endSession(ctx.db.kysely, session.session.id);
		return null;
	}
	return { actor: await loadActor(ctx.db.kysely, session.user, policy), sessionId: session.session.id };
}

import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { uniqueEmail } from '../testing/factories.js';
import { CLIENT_IP_HEADER } from './better-auth.js';
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, pastAbsoluteLifetime, sessionActor } from './sessions.js';
import type { AppContext } from '../context.js';

const origin = 'http://localhost';
const policy = { forAdmins: 'required', demo: false } as const;
const day = 86_400_000;

describe('pastAbsoluteLifetime', () => {
	const now = new Date('2026-12-15T12:00:00.000Z');
	it.each([
		['13 days 23 h ago', new Date(now.getTime() - 14 * day + 3_600_000), false],
		['exactly 14 days ago', new Date(now.getTime() - 14 * day), true],
		['a month ago', '2026-11-15T12:00:00.000Z', true],
		['just now', now, false],
		['unreadable', 'not a date', true],
	])('%s → %s', (_, createdAt, past) => expect(pastAbsoluteLifetime(createdAt, now)).toBe(past));

	it('the idle timeout is a day and the absolute one two weeks', () => {
		expect(SESSION_IDLE_SECONDS).toBe(86_400);
		expect(SESSION_ABSOLUTE_SECONDS).toBe(14 * 86_400);
	});
});

/** better-auth's own columns: timestamps on PostgreSQL, ISO text on SQLite. */
const at = (dialect: string, date: Date) => (dialect === 'postgres' ? date : date.toISOString());

async function signedInCookie(ctx: AppContext): Promise<{ cookie: string; email: string }> {
	const email = uniqueEmail('session');
	const password = 'a long test password';
	const headers = { origin, 'content-type': 'application/json', [CLIENT_IP_HEADER]: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}` };
	await ctx.auth.handler(new Request(`${origin}/api/auth/sign-up/email`, { method: 'POST', headers, body: JSON.stringify({ email, password, name: 'Session Person' }) }));
	const signIn = await ctx.auth.handler(new Request(`${origin}/api/auth/sign-in/email`, { method: 'POST', headers, body: JSON.stringify({ email, password }) }));
	const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('parity.session_token='))!.split(';')[0]!;
	return { cookie, email };
}

describeEachDatabase('session lifetimes', (get) => {
	it('a fresh session signs its person in', async () => {
		const { ctx } = get();
		const { cookie, email } = await signedInCookie(ctx);
		const signedIn = await sessionActor(ctx, new Headers({ cookie }), policy);
		expect(signedIn?.actor.email).toBe(email);
	});

	it('a session unused for longer than the idle timeout is refused', async () => {
		const { ctx, db } = get();
		const { cookie } = await signedInCookie(ctx);
		const { sessionId } = (await sessionActor(ctx, new Headers({ cookie }), policy))!;
		await db.updateTable('session').set({ expiresAt: at(get().dialect, new Date(Date.now() - 1000)) }).where('id', '=', sessionId).execute();
		expect(await sessionActor(ctx, new Headers({ cookie }), policy)).toBeNull();
	});

	it('a session older than two weeks is ended in the database, however active', async () => {
		const { ctx, db } = get();
		const { cookie } = await signedInCookie(ctx);
		const signedIn = (await sessionActor(ctx, new Headers({ cookie }), policy))!;
		// Active all along (its expiry kept moving), but signed in 15 days ago.
		const fifteenDaysAgo = new Date(Date.now() - 15 * day);
		await db.updateTable('session').set({ createdAt: at(get().dialect, fifteenDaysAgo) }).where('id', '=', signedIn.sessionId).execute();
		expect(await sessionActor(ctx, new Headers({ cookie }), policy)).toBeNull();
		expect(await db.selectFrom('session').select('id').where('id', '=', signedIn.sessionId).execute()).toEqual([]);
	});
});

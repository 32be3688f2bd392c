import { isIP } from 'node:net';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import type { Actor } from './roles.js';
import { requireSignedIn } from './access.js';
import { invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { takeRequestBudget } from '../http/request-budget.js';
import { log } from '../log.js';
import * as m from '../../paraglide/messages.js';

/**
 * A person's own sessions (ASVS 5.0 V7.5.2): where they are signed in, and ending any one or all
 * the others after typing their password again. Sessions are better-auth's rows; ending one goes
 * through better-auth's own revoke endpoints so its cookie rules stay the only ones.
 */

export interface SessionView {
	id: string;
	/** Browser and system read from the user agent, or null when it says nothing recognisable. */
	device: { browser: string; system: string | null } | null;
	/** The network address with its last part hidden (203.0.113.x), or null when none was recorded. */
	address: string | null;
	startedAt: string;
	/** When better-auth last moved the session's expiry forward: at most an hour behind real use. */
	lastActiveAt: string;
	current: boolean;
}

/** Enough of an address to recognise a place or network, not enough to locate a home. */
export function maskAddress(address: string | null | undefined): string | null {
	if (!address) return null;
	const plain = address.replace(/^::ffff:/i, '');
	if (isIP(plain) === 4) return plain.split('.').slice(0, 3).join('.') + '.x';
	if (isIP(plain) === 6) {
		const groups = plain.split(':').filter((g) => g !== '');
		return `${groups.slice(0, 3).join(':')}:…`;
	}
	return null;
}

const BROWSERS: readonly [RegExp, string][] = [
	[/\bEdg(e|A|iOS)?\//, 'Edge'],
	[/\bOPR\/|\bOpera\b/, 'Opera'],
	[/\bSamsungBrowser\//, 'Samsung Internet'],
	[/\bFirefox\/|\bFxiOS\//, 'Firefox'],
	[/\b(Headless)?Chrom(e|ium)\/|\bCriOS\//, 'Chrome'],
	[/\bVersion\/[\d.]+.*\bSafari\//, 'Safari'],
	[/\bcurl\//, 'curl']
];
const SYSTEMS: readonly [RegExp, string][] = [
	[/\bAndroid\b/, 'Android'],
	[/\biPhone\b|\biPad\b|\biOS\b/, 'iOS'],
	[/\bCrOS\b/, 'ChromeOS'],
	[/\bWindows\b/, 'Windows'],
	[/\bMac OS X\b|\bMacintosh\b/, 'macOS'],
	[/\bLinux\b/, 'Linux']
];

/** "Firefox on Windows": the two facts a person uses to recognise their own browser. */
export function describeUserAgent(userAgent: string | null | undefined): SessionView['device'] {
	if (!userAgent) return null;
	const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
	if (!browser) return null;
	return { browser, system: SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1] ?? null };
}

const iso = (value: Date | string) => new Date(value).toISOString();

/** The signed-in person's unexpired sessions, the current one first, then the most recently used. */
export async function listMySessions({ db, actor, currentSessionId, now = new Date() }: { db: Kysely<Database>; actor: Actor; currentSessionId: string | null; now?: Date }): Promise<SessionView[]> {
	requireSignedIn(actor);
	const rows = await db.selectFrom('session').select(['id', 'createdAt', 'updatedAt', 'expiresAt', 'ipAddress', 'userAgent']).where('userId', '=', actor.userId).execute();
	return rows
		.filter((r) => new Date(r.expiresAt).getTime() > now.getTime())
		.map((r) => ({
			id: r.id,
			device: describeUserAgent(r.userAgent),
			address: maskAddress(r.ipAddress),
			startedAt: iso(r.createdAt),
			lastActiveAt: iso(r.updatedAt),
			current: r.id === currentSessionId
		}))
		.sort((a, b) => Number(b.current) - Number(a.current) || b.lastActiveAt.localeCompare(a.lastActiveAt));
}

/** Password attempts to end sessions, per person: a stolen cookie cannot be used to guess the password. */
export const END_SESSIONS_BUDGET = { limit: 10, windowMs: 15 * 60 * 1000 };

const endSchema = z.object({
	sessionPassword: z.string({ message: 'Type your password to end a session.' }).min(1, 'Type your password to end a session.'),
	end: z.string({ message: 'Choose a session to end.' }).min(1, 'Choose a session to end.').max(200)
});

/**
 * Ends one of the person's other sessions (`end` = its id) or all the others (`end` = "others"),
 * after checking their password (V7.5.2: authenticated again with one factor). The current
 * session is never ended here: signing out does that.
 */
export async function endMySessions({
	ctx,
	actor,
	headers,
	currentSessionId,
	input
}: {
	ctx: Pick<AppContext, 'auth' | 'db'>;
	actor: Actor;
	headers: Headers;
	currentSessionId: string | null;
	input: unknown;
}): Promise<Outcome<{ ended: 'one' | 'others' | 'gone'; count: number }>> {
	requireSignedIn(actor);
	const parsed = validate(endSchema, input);
	if (!parsed.ok) return parsed;
	const db = ctx.db.kysely;
	if (!(await takeRequestBudget(db, `end-sessions:${actor.userId}`, END_SESSIONS_BUDGET.limit, END_SESSIONS_BUDGET.windowMs))) {
		return invalid([{ field: 'sessionPassword', message: m.security_more_sessions_too_many() }]);
	}
	const passwordRight = await ctx.auth.api
		.verifyPassword({ body: { password: parsed.value.sessionPassword }, headers })
		.then(() => true)
		.catch(() => false);
	if (!passwordRight) {
		log('warn', 'authentication failed', { operation: 'end-sessions', reason: 'INVALID_PASSWORD', userId: actor.userId });
		return invalid([{ field: 'sessionPassword', message: m.account_password_wrong() }]);
	}
	const others = await db.selectFrom('session').select(['id', 'token']).where('userId', '=', actor.userId).execute();
	const targets = others.filter((s) => s.id !== currentSessionId && (parsed.value.end === 'others' || s.id === parsed.value.end));
	if (targets.length === 0) return ok({ ended: 'gone', count: 0 });
	if (parsed.value.end === 'others') await ctx.auth.api.revokeOtherSessions({ headers });
	else await ctx.auth.api.revokeSession({ body: { token: targets[0]!.token }, headers });
	log('info', 'sessions ended', { userId: actor.userId, which: parsed.value.end === 'others' ? 'others' : 'one', count: targets.length });
	return ok({ ended: parsed.value.end === 'others' ? 'others' : 'one', count: targets.length });
}

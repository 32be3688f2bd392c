import { isIP } from 'node:net';
import { z } from 'zod';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import type { Actor, SignedInActor } from './roles.js';
import { requireAccess, requireSignedIn } from './access.js';
import { recordAudit } from '../audit/audit.repository.js';
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

/**
 * Password tries when authenticating again (ending sessions, changing the email address), per
 * person and shared by both: a stolen cookie cannot be used to guess the password.
 */
export const REAUTHENTICATION_BUDGET = { limit: 10, windowMs: 15 * 60 * 1000 };

/**
 * The signed-in person types their password again before a sensitive change (ASVS 5.0 V7.5.1,
 * V7.5.2). A wrong password is logged as a failed authentication.
 */
export async function passwordAgain({
	ctx,
	actor,
	headers,
	password,
	operation
}: {
	ctx: Pick<AppContext, 'auth' | 'db'>;
	actor: SignedInActor;
	headers: Headers;
	password: string;
	operation: string;
}): Promise<'right' | 'wrong' | 'too_many'> {
	if (!(await takeRequestBudget(ctx.db.kysely, `reauthenticate:${actor.userId}`, REAUTHENTICATION_BUDGET.limit, REAUTHENTICATION_BUDGET.windowMs))) return 'too_many';
	const right = await ctx.auth.api
		.verifyPassword({ body: { password }, headers })
		.then(() => true)
		.catch(() => false);
	if (!right) log('warn', 'authentication failed', { operation, reason: 'INVALID_PASSWORD', userId: actor.userId });
	return right ? 'right' : 'wrong';
}

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
	const again = await passwordAgain({ ctx, actor, headers, password: parsed.value.sessionPassword, operation: 'end-sessions' });
	if (again !== 'right') return invalid([{ field: 'sessionPassword', message: again === 'too_many' ? m.security_more_sessions_too_many() : m.account_password_wrong() }]);
	const others = await db.selectFrom('session').select(['id', 'token']).where('userId', '=', actor.userId).execute();
	const targets = others.filter((s) => s.id !== currentSessionId && (parsed.value.end === 'others' || s.id === parsed.value.end));
	if (targets.length === 0) return ok({ ended: 'gone', count: 0 });
	if (parsed.value.end === 'others') await ctx.auth.api.revokeOtherSessions({ headers });
	else await ctx.auth.api.revokeSession({ body: { token: targets[0]!.token }, headers });
	log('info', 'sessions ended', { userId: actor.userId, which: parsed.value.end === 'others' ? 'others' : 'one', count: targets.length });
	return ok({ ended: parsed.value.end === 'others' ? 'others' : 'one', count: targets.length });
}

const adminEndSchema = z.discriminatedUnion('scope', [
	z.object({ scope: z.literal('person'), email: z.email({ message: 'Enter the email address of the person whose sessions to end.' }).transform((e) => e.toLowerCase()) }),
	z.object({ scope: z.literal('everyone') })
]);

/**
 * A platform admin ends every session of one person (a lost laptop, someone leaving), or of
 * everyone but themselves (a suspected leak) (ASVS 5.0 V7.4.5). Rows are deleted, so every app
 * server refuses those cookies at once; the action is audited at platform level.
 */
export async function endSessionsAsAdmin({
	db,
	actor,
	currentSessionId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	currentSessionId: string | null;
	input: unknown;
}): Promise<Outcome<{ scope: 'person'; email: string; ended: number } | { scope: 'everyone'; ended: number }>> {
	requireAccess(actor, 'platform.ecosystems.manage');
	const parsed = validate(adminEndSchema, input);
	if (!parsed.ok) return parsed;
	const request = parsed.value;
	return db.transaction().execute(async (trx) => {
		if (request.scope === 'person') {
			const person = await trx.selectFrom('user').select(['id', 'email']).where('email', '=', request.email).executeTakeFirst();
			if (!person) return invalid([{ field: 'email', message: m.security_more_admin_no_such_person({ email: request.email }) }]);
			const ended = await trx.deleteFrom('session').where('userId', '=', person.id).where('id', '!=', currentSessionId ?? '').executeTakeFirst();
			const count = Number(ended.numDeletedRows);
			await recordAudit(trx, { actor, ecosystemId: null, action: 'sessions.end_person', entityType: 'user', entityId: person.id, summary: `Ended ${count} session(s) of ${person.email}` });
			log('info', 'sessions ended', { by: requireUserId(actor), userId: person.id, which: 'all of a person', count });
			return ok({ scope: 'person' as const, email: person.email, ended: count });
		}
		const ended = await trx.deleteFrom('session').where('id', '!=', currentSessionId ?? '').executeTakeFirst();
		const count = Number(ended.numDeletedRows);
		await recordAudit(trx, { actor, ecosystemId: null, action: 'sessions.end_everyone', entityType: 'session', summary: `Ended ${count} session(s) of everyone but the admin's own` });
		log('warn', 'sessions ended', { by: requireUserId(actor), which: 'everyone', count });
		return ok({ scope: 'everyone' as const, ended: count });
	});
}

function requireUserId(actor: Actor): string | null {
	return actor.kind === 'user' ? actor.userId : null;
}

import { betterAuth } from 'better-auth';
import { twoFactor } from 'better-auth/plugins';
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from 'better-auth/api';
import { COMMON_PASSWORD_MESSAGE, CONTEXT_WORD_MESSAGE, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, PASSWORD_SETTING_ENDPOINTS, isCommonPassword } from './passwords.js';
import type { Db } from '../db/connection.js';
import { passwordContextWord } from './password-context.js';
import type { Mailer } from '../mail/mailer.js';
import { authEmail } from '../mail/templates.js';
import { SESSION_IDLE_SECONDS, SESSION_REFRESH_SECONDS } from './sessions.js';
import { TOTP_CODE_USED, TOTP_CODE_USED_MESSAGE, claimTotpCode, releaseTotpCode, usedCodeHash } from './totp-replay.js';

export interface AuthOptions {
	db: Db;
	mailer: Mailer;
	secret: string;
	/** Fixed public origin (ORIGIN); when absent the origin is the request's own. */
	origin?: string;
	/** Sign-in attempts per IP per minute. */
	signInLimit?: number;
}

/** Header the app sets (and overwrites on inbound requests) to tell better-auth the client IP. */
export const CLIENT_IP_HEADER = 'x-parity-client-ip';

/**
 * Sign-in attempts allowed per client IP per minute (SIGN_IN_RATE_LIMIT); counters live in the
 * `rateLimit` table so every app server shares them. better-auth counts successful attempts too,
 * so the default leaves room for a school staff room behind one NAT address while keeping
 * password guessing slow.
 */
export const SIGN_IN_LIMIT = { window: 60, max: 30 };

export function createAuth({ db, mailer, secret, origin, signInLimit = SIGN_IN_LIMIT.max }: AuthOptions) {
	const signIn = { window: SIGN_IN_LIMIT.window, max: signInLimit };
	return betterAuth({
		appName: 'Parity',
		secret,
		// With ORIGIN the public origin is fixed; without it (the local quick start) server.js has
		// already pinned the request's host and plain-http protocol, so follow the request.
		baseURL: origin ?? { allowedHosts: ['*'], protocol: 'http' },
		basePath: '/api/auth',
		trustedOrigins: async (request) => (request ? [new URL(request.url).origin] : origin ? [origin] : []),
		database: { db: db.kysely, type: db.dialect, transaction: true },
		emailAndPassword: {
			enabled: true,
			minPasswordLength: MIN_PASSWORD_LENGTH,
			maxPasswordLength: MAX_PASSWORD_LENGTH,
			revokeSessionsOnPasswordReset: true,
			resetPasswordTokenExpiresIn: 60 * 60,
			sendResetPassword: async ({ user, url }) => {
				await mailer.send({ ecosystemId: null, to: user.email, kind: 'password_reset', ...authEmail('password_reset', localeOf(user), url) });
			}
		},
		emailVerification: {
			sendOnSignUp: true,
			autoSignInAfterVerification: true,
			expiresIn: 60 * 60 * 24,
			sendVerificationEmail: async ({ user, url }) => {
				await mailer.send({ ecosystemId: null, to: user.email, kind: 'verify_email', ...authEmail('verify_email', localeOf(user), url) });
			}
		},
		user: {
			// A new address takes effect only when its owner opens the link sent to it.
			changeEmail: { enabled: true },
			additionalFields: {
				locale: { type: 'string', required: false, input: true }
			}
		},
		// Idle timeout; the absolute one is enforced in sessions.ts on every request.
		session: {
			expiresIn: SESSION_IDLE_SECONDS,
			updateAge: SESSION_REFRESH_SECONDS
		},
		rateLimit: {
			enabled: true,
			storage: 'database',
			window: 60,
			max: 120,
			customRules: {
				'/sign-in/email': signIn,
				'/sign-up/email': signIn,
				'/request-password-reset': signIn,
				'/two-factor/verify-totp': signIn,
				'/two-factor/verify-backup-code': signIn
			}
		},
		advanced: {
			cookiePrefix: 'parity',
			useSecureCookies: origin?.startsWith('https://') ?? false,
			ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
			// better-auth turns its origin check off whenever NODE_ENV=test or TEST is set; keep it on
			// everywhere, so tests exercise the production behaviour and a stray variable cannot disable it.
			disableOriginCheck: false
		},
		// A common password, or one holding a context word (the product, an ecosystem, the person's
		// own name or address), is refused wherever one is set, also by a direct API call.
		hooks: {
			before: createAuthMiddleware(async (ctx) => {
				// A TOTP code is accepted once per person (ASVS 5.0 V6.5.1): claimed before better-auth
				// checks it, released again in the after hook when it was wrong.
				if (ctx.path === TOTP_VERIFY_PATH) {
					const codeHash = await totpCodeHash(ctx);
					if (codeHash && !(await claimTotpCode(db.kysely, codeHash.hash, codeHash.userId))) {
						throw new APIError('BAD_REQUEST', { message: TOTP_CODE_USED_MESSAGE, code: TOTP_CODE_USED });
					}
					return;
				}
				const field = PASSWORD_SETTING_ENDPOINTS[ctx.path];
				const body = ctx.body as Record<string, unknown> | undefined;
				const password = field ? body?.[field] : undefined;
				if (typeof password !== 'string') return;
				if (isCommonPassword(password)) {
					throw new APIError('BAD_REQUEST', { message: COMMON_PASSWORD_MESSAGE, code: 'PASSWORD_COMMON' });
				}
				const person = await passwordOwner(ctx, body ?? {});
				if (await passwordContextWord(db.kysely, password, person)) {
					throw new APIError('BAD_REQUEST', { message: CONTEXT_WORD_MESSAGE, code: 'PASSWORD_CONTEXT_WORD' });
				}
			}),
			after: createAuthMiddleware(async (ctx) => {
				if (ctx.path !== TOTP_VERIFY_PATH || !isAPIError(ctx.context.returned)) return;
				const returned = ctx.context.returned as { body?: { code?: unknown } };
				if (returned.body?.code === TOTP_CODE_USED) return;
				const codeHash = await totpCodeHash(ctx);
				if (codeHash) await releaseTotpCode(db.kysely, codeHash.hash);
			})
		},
		plugins: [twoFactor({ issuer: 'Parity', skipVerificationOnEnable: false })],
		telemetry: { enabled: false },
		logger: { level: process.env.VITEST ? 'error' : 'warn' }
	});
}

type HookContext = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

const TOTP_VERIFY_PATH = '/two-factor/verify-totp';
/** better-auth's signed cookie naming the person half-way through a two-factor sign-in. */
const TWO_FACTOR_COOKIE = 'two_factor';

/**
 * Whose TOTP code this is, found as better-auth's two-factor plugin finds it: the signed-in
 * person (confirming set-up), else the half-signed-in person named by the two-factor cookie.
 * Null when neither is known; better-auth then refuses the request itself.
 */
async function totpCodeHash(ctx: HookContext): Promise<{ hash: string; userId: string } | null> {
	const code = (ctx.body as { code?: unknown } | undefined)?.code;
	if (typeof code !== 'string') return null;
	const session = await getSessionFromCtx(ctx).catch(() => null);
	let userId = session?.user.id ?? null;
	if (!userId) {
		const cookie = ctx.context.createAuthCookie(TWO_FACTOR_COOKIE);
		const identifier = await ctx.getSignedCookie(cookie.name, ctx.context.secret);
		const verification = identifier ? await ctx.context.internalAdapter.findVerificationValue(identifier) : null;
		userId = verification?.value ?? null;
	}
	return userId ? { hash: usedCodeHash(ctx.context.secret, userId, code.trim()), userId } : null;
}

/** Whose password is being set: the new account's, the signed-in person's, or the reset link's owner's. */
async function passwordOwner(ctx: HookContext, body: Record<string, unknown>): Promise<{ email?: string | null; name?: string | null }> {
	if (ctx.path === '/sign-up/email') {
		return { email: typeof body.email === 'string' ? body.email : null, name: typeof body.name === 'string' ? body.name : null };
	}
	if (ctx.path === '/reset-password') {
		const token = typeof body.token === 'string' ? body.token : (ctx.query as Record<string, unknown> | undefined)?.token;
		if (typeof token !== 'string') return {};
		const verification = await ctx.context.internalAdapter.findVerificationValue(`reset-password:${token}`);
		const user = verification ? await ctx.context.internalAdapter.findUserById(verification.value) : null;
		return { email: user?.email, name: user?.name };
	}
	const session = await getSessionFromCtx(ctx).catch(() => null);
	return { email: session?.user.email, name: session?.user.name };
}

function localeOf(user: object): 'en' | 'es' {
	return (user as { locale?: unknown }).locale === 'es' ? 'es' : 'en';
}

export type Auth = ReturnType<typeof createAuth>;

import { expect, it, vi } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { uniqueEmail } from '../testing/factories.js';
import { CLIENT_IP_HEADER } from './better-auth.js';
import { authRequest, freshIp } from '../testing/auth-http.js';

const call = authRequest;

describeEachDatabase('better-auth', (get) => {
	it('signs up, signs in and reads the session through the HTTP handler', async () => {
		const { ctx } = get();
		const ip = freshIp();
		const email = uniqueEmail('signup');
		const password = 'a long test password';

		const signUp = await call(ctx, '/sign-up/email', { email, password, name: 'Sam Sign-up' }, { [CLIENT_IP_HEADER]: ip });
		expect(signUp.status).toBe(200);
		expect(await ctx.db.kysely.selectFrom('outbox').select('kind').where('to_address', '=', email).execute()).toEqual([{ kind: 'verify_email' }]);

		const signIn = await call(ctx, '/sign-in/email', { email, password }, { [CLIENT_IP_HEADER]: ip });
		expect(signIn.status).toBe(200);
		const cookie = signIn.headers.getSetCookie().find((c) => c.startsWith('parity.session_token='));
		expect(cookie).toBeDefined();

		const session = await call(ctx, '/get-session', undefined, { cookie: cookie!.split(';')[0]! });
		expect(session.status).toBe(200);
		expect(await session.json()).toMatchObject({ user: { email, name: 'Sam Sign-up' } });
	});

	it('refuses a sign-in posted from another origin, even under NODE_ENV=test', async () => {
		const { ctx } = get();
		const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
		const response = await call(ctx, '/sign-in/email', { email: uniqueEmail(), password: 'whatever password' }, { origin: 'https://evil.example', [CLIENT_IP_HEADER]: freshIp() });
		logged.mockRestore();
		expect(response.status).toBe(403);
	});

	it('answers 429 to the 6th wrong sign-in within a minute from one address (limit 5), counting in the rateLimit table', async () => {
		const { db, openContext } = get();
		const ctx = await openContext({ signInLimit: 5 });
		const ip = freshIp();
		const email = uniqueEmail('target');
		const statuses: number[] = [];
		for (let attempt = 1; attempt <= 6; attempt++) {
			const response = await call(ctx, '/sign-in/email', { email, password: `wrong password ${attempt}` }, { [CLIENT_IP_HEADER]: ip });
			statuses.push(response.status);
		}
		expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);

		// The counter is a row, not process memory, so every app server on this database shares it.
		const counters = await db.selectFrom('rateLimit').select(['key', 'count']).where('key', 'like', `${ip}|%`).execute();
		expect(counters.map((c) => [c.key, Number(c.count)])).toEqual([[`${ip}|/sign-in/email`, 5]]);
		const secondServer = await openContext({ signInLimit: 5 });
		expect((await call(secondServer, '/sign-in/email', { email, password: 'wrong again' }, { [CLIENT_IP_HEADER]: ip })).status).toBe(429);

		// Another address has its own counter.
		expect((await call(ctx, '/sign-in/email', { email, password: 'wrong again' }, { [CLIENT_IP_HEADER]: freshIp() })).status).toBe(401);
	});
});

import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, uniqueEmail } from '../testing/factories.js';
import { validate } from '../validation.js';
import { CLIENT_IP_HEADER } from './better-auth.js';
import { COMMON_PASSWORDS_CHECKED, COMMON_PASSWORD_MESSAGE, CONTEXT_WORD_MESSAGE, contextWordIn, contextWords, isCommonPassword, newPasswordField } from './passwords.js';
import type { AppContext } from '../context.js';
import { authRequest, freshIp } from '../testing/auth-http.js';

describe('password policy (ASVS 5.0 V6.2)', () => {
	it.each([
		['password123', true],
		['PassWord123', true],
		['qwertyuiop', true],
		['1234567890', true],
		['parity-demo-2030', false],
		['a long test password', false],
		['correct horse battery staple', false]
	])('%s common: %s', (password, common) => {
		expect(isCommonPassword(password)).toBe(common);
	});

	it('checks every listed password the length rule would let through (well over a thousand)', () => {
		expect(COMMON_PASSWORDS_CHECKED).toBeGreaterThan(1000);
	});

	it.each([
		['short', 'Choose a password of at least 10 characters.'],
		['x'.repeat(257), 'The password can have at most 256 characters.'],
		['password123', COMMON_PASSWORD_MESSAGE]
	])('a form refuses %s in plain words', (password, message) => {
		const outcome = validate(newPasswordField(), password);
		expect(outcome.ok).toBe(false);
		if (!outcome.ok) expect(outcome.issues.map((i) => i.message)).toEqual([message]);
	});

	it('takes a long uncommon password, any characters', () => {
		expect(validate(newPasswordField(), 'mañana 🌮 tacos al pastor').ok).toBe(true);
	});
});

const call = (ctx: AppContext, path: string, body: unknown, headers: Record<string, string> = {}) =>
	authRequest(ctx, path, body, { [CLIENT_IP_HEADER]: freshIp(), ...headers });

describeEachDatabase('common passwords refused by the auth API too', (get) => {
	it('sign-up and change-password with a common password answer 400 and store nothing', async () => {
		const { ctx } = get();
		const email = uniqueEmail('common');
		const refused = await call(ctx, '/sign-up/email', { email, password: 'Password123', name: 'Casey Common' });
		expect(refused.status).toBe(400);
		expect(await refused.json()).toMatchObject({ code: 'PASSWORD_COMMON', message: COMMON_PASSWORD_MESSAGE });
		expect(await ctx.db.kysely.selectFrom('user').select('id').where('email', '=', email).execute()).toEqual([]);

		const fine = await call(ctx, '/sign-up/email', { email, password: 'a long unusual passphrase', name: 'Casey Common' });
		expect(fine.status).toBe(200);
		const cookie = fine.headers.getSetCookie().find((c) => c.startsWith('parity.session_token='));
		expect(cookie, 'sign-up signs the person in').toBeDefined();
		const change = await call(ctx, '/change-password', { currentPassword: 'a long unusual passphrase', newPassword: 'qwertyuiop' }, { cookie: cookie!.split(';')[0]! });
		expect(change.status).toBe(400);
		const signIn = await call(ctx, '/sign-in/email', { email, password: 'a long unusual passphrase' });
		expect(signIn.status).toBe(200);
	});
});

describe('context-specific words (ASVS 5.0 V6.1.2, V6.2.11)', () => {
	const words = contextWords({
		email: 'ana.lopez@school.example',
		name: 'Ana María López',
		ecosystems: ['Philadelphia STEM Ecosystem', 'philadelphia', 'Ecosistema STEM de Filadelfia']
	});

	it('lists the product, the ecosystems and the person, leaving out short words', () => {
		expect(words).toEqual(expect.arrayContaining(['parity', 'analopez', 'lopez', 'maria', 'anamarialopez', 'philadelphia', 'philadelphiastemecosystem', 'filadelfia', 'ecosistema']));
		expect(words).not.toContain('ana');
		expect(words).not.toContain('stem');
	});

	it.each([
		['parity forever and ever', 'parity'],
		['PARITY-2030-rocks', 'parity'],
		['my p@r1ty garden gate', 'parity'],
		['Go Philadelphia Eagles!', 'philadelphia'],
		['ecosistema de la ciudad', 'ecosistema'],
		['lopez family picnic 99', 'lopez'],
		['LÓPEZ family picnic 99', 'lopez'],
		['ana.lopez and friends', 'analopez'],
		['maria sings at night', 'maria'],
		['a systematic purple fox', null],
		['correct horse battery staple', null],
		['banana bread recipe 7', null],
		['mañana 🌮 tacos al pastor', null]
	])('%s → %s', (password, found) => {
		expect(contextWordIn(password, words)).toBe(found);
	});

	it('someone with no name on file still has the product and ecosystems checked', () => {
		expect(contextWordIn('parity parity parity', contextWords({}))).toBe('parity');
		expect(contextWordIn('purple monkey dishwasher', contextWords({ email: null, name: null }))).toBeNull();
	});
});

describeEachDatabase('context words refused by the auth API', (get) => {
	it('sign-up and change-password refuse the person\'s own name, the product and an ecosystem name; nothing stored', async () => {
		const { ctx, db } = get();
		await makeEcosystem(db, { name: 'Quillwater Learning Network' });
		const email = uniqueEmail('rosalind');
		const name = 'Rosalind Okafor';
		for (const password of ['okafor for the win', 'rosalind-2031-oak', 'Parity is my password', 'welcome to quillwater']) {
			const refused = await call(ctx, '/sign-up/email', { email, password, name });
			expect(refused.status, password).toBe(400);
			expect(await refused.json()).toMatchObject({ code: 'PASSWORD_CONTEXT_WORD', message: CONTEXT_WORD_MESSAGE });
		}
		expect(await db.selectFrom('user').select('id').where('email', '=', email).execute()).toEqual([]);

		const fine = await call(ctx, '/sign-up/email', { email, password: 'granite lantern orchard', name });
		expect(fine.status).toBe(200);
		const cookie = fine.headers.getSetCookie().find((c) => c.startsWith('parity.session_token='))!.split(';')[0]!;
		const change = await call(ctx, '/change-password', { currentPassword: 'granite lantern orchard', newPassword: 'okafor family 2032' }, { cookie });
		expect(change.status).toBe(400);
		expect(await change.json()).toMatchObject({ code: 'PASSWORD_CONTEXT_WORD' });
		expect((await call(ctx, '/sign-in/email', { email, password: 'granite lantern orchard' })).status).toBe(200);
	});
});

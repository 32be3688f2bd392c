import { randomInt } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { uniqueEmail } from '../testing/factories.js';
import { validate } from '../validation.js';
import { CLIENT_IP_HEADER } from './better-auth.js';
import { COMMON_PASSWORDS_CHECKED, COMMON_PASSWORD_MESSAGE, isCommonPassword, newPasswordField } from './passwords.js';
import type { AppContext } from '../context.js';

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

const origin = 'http://localhost';
const call = (ctx: AppContext, path: string, body: unknown, headers: Record<string, string> = {}) =>
	ctx.auth.handler(
		new Request(`${origin}/api/auth${path}`, {
			method: 'POST',
			headers: { origin, 'content-type': 'application/json', [CLIENT_IP_HEADER]: `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`, ...headers },
			body: JSON.stringify(body)
		})
	);

describeEachDatabase('common passwords refused by the auth API too', (get) => {
	it('sign-up and change-password with a common password answer 400 and store nothing', async () => {
		const { ctx } = get();
		const email = uniqueEmail('common');
		const refused = await call(ctx, '/sign-up/email', { email, password: 'Password123', name: 'Casey Common' });
		expect(refused.status).toBe(400);
		expect(await refused.json()).toMatchObject({ code: 'PASSWORD_COMMON', message: COMMON_PASSWORD_MESSAGE });
		expect(await ctx.db.kysely.selectFrom('user').select('id').where('email', '=', email).execute()).toEqual([]);

		const fine = await call(ctx, '/sign-up/email', { email, password: 'a long uncommon passphrase', name: 'Casey Common' });
		expect(fine.status).toBe(200);
		const cookie = fine.headers.getSetCookie().find((c) => c.startsWith('parity.session_token='));
		expect(cookie, 'sign-up signs the person in').toBeDefined();
		const change = await call(ctx, '/change-password', { currentPassword: 'a long uncommon passphrase', newPassword: 'qwertyuiop' }, { cookie: cookie!.split(';')[0]! });
		expect(change.status).toBe(400);
		const signIn = await call(ctx, '/sign-in/email', { email, password: 'a long uncommon passphrase' });
		expect(signIn.status).toBe(200);
	});
});

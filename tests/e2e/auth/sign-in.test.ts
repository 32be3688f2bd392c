import { afterAll, describe, expect, it } from 'vitest';
import { browserSignIn, submit, chromiumPath, closeBrowser, DEMO_PASSWORD, demoAccounts, expectAccessible, HttpSession, newContext, signedIn, totp, type DemoRole } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;

describeBrowser('signing in with a browser', () => {
	afterAll(closeBrowser);

	for (const [role, email] of Object.entries(demoAccounts) as [DemoRole, string][]) {
		const javaScriptEnabled = role.length % 2 === 0;
		it(`signs in the demo ${role.replaceAll('_', ' ')} with JavaScript ${javaScriptEnabled ? 'on' : 'off'} and shows their account`, async () => {
			const context = await newContext({ javaScriptEnabled });
			const page = await context.newPage();
			await browserSignIn(page, email);
			expect(new URL(page.url()).pathname).toBe('/account');
			expect(await page.getByText(email).count()).toBeGreaterThan(0);
			// axe runs inside the page, so it needs JavaScript.
			if (javaScriptEnabled) await expectAccessible(page);
			await submit(page, page.getByRole('button', { name: 'Sign out' }));
			await page.goto('/account');
			expect(new URL(page.url()).pathname).toBe('/sign-in');
			await context.close();
		});
	}

	for (const javaScriptEnabled of [false, true]) {
		it(`explains a wrong password in plain language with JavaScript ${javaScriptEnabled ? 'on' : 'off'} and keeps the email typed`, async () => {
			const context = await newContext({ javaScriptEnabled });
			const page = await context.newPage();
			await browserSignIn(page, demoAccounts.educator, 'not-the-password');
			expect(new URL(page.url()).pathname).toBe('/sign-in');
			expect(await page.getByRole('alert').textContent()).toContain('do not match an account');
			expect(await page.getByLabel(/email/i).inputValue()).toBe(demoAccounts.educator);
			expect(await page.getByLabel(/^password/i).inputValue()).toBe('');
			if (javaScriptEnabled) await expectAccessible(page);
			await context.close();
		});
	}

	it('sets up two-factor sign-in and then asks for the code at every sign-in', async () => {
		const email = 'priya.partner@philadelphia.demo.parity.example';
		const context = await newContext({ javaScriptEnabled: true });
		const page = await context.newPage();
		await browserSignIn(page, email);
		await page.goto('/account/two-factor');
		await expectAccessible(page);
		await page.getByLabel(/^password/i).fill('parity-demo-2030');
		await submit(page, page.getByRole('button', { name: 'Begin set-up' }));
		const secret = (await page.locator('main code').first().textContent())!.trim();
		expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
		await expectAccessible(page);
		await page.getByLabel('Code').fill('000000');
		await submit(page, page.getByRole('button', { name: 'Verify' }));
		expect(await page.getByRole('alert').textContent()).toContain('not right');
		const setUpCode = totp(secret);
		await page.getByLabel('Code').fill(setUpCode);
		await submit(page, page.getByRole('button', { name: 'Verify' }));
		expect(new URL(page.url()).pathname).toBe('/account');
		expect(await page.getByText('Two-factor sign-in is on.').count()).toBe(1);
		await submit(page, page.getByRole('button', { name: 'Sign out' }));

		await browserSignIn(page, email);
		expect(new URL(page.url()).pathname).toBe('/sign-in/two-factor');
		await expectAccessible(page);
		// A code is good for one use only (ASVS 5.0 V6.5.1), even inside its time window.
		await page.getByLabel('Code').fill(setUpCode);
		await submit(page, page.getByRole('button', { name: 'Verify' }));
		expect(await page.getByRole('alert').textContent()).toContain('already been used');
		expect(new URL(page.url()).pathname).toBe('/sign-in/two-factor');
		// The next step's code: accepted (better-auth allows one step of skew) and never used.
		await page.getByLabel('Code').fill(totp(secret, Date.now() + 30_000));
		await submit(page, page.getByRole('button', { name: 'Verify' }));
		expect(new URL(page.url()).pathname).toBe('/account');
		await context.close();
	});
});

describe('sign-in over HTTP', () => {
	it('limits sign-in attempts per client address, counting in the database', async () => {
		const http = new HttpSession();
		const statuses: number[] = [];
		for (let i = 0; i < 12; i++) {
			const response = await http.post('/sign-in', { email: demoAccounts.partner_member, password: `wrong-${i}` });
			statuses.push(response.status);
		}
		expect(statuses.slice(0, 10).every((s) => s === 422)).toBe(true);
		const limited = await http.post('/sign-in', { email: demoAccounts.partner_member, password: 'parity-demo-2030' });
		expect(await limited.text()).toContain('Too many attempts');
		// Another client is not affected.
		const other = new HttpSession();
		await other.signIn(demoAccounts.partner_member);
	});

	it('refuses sign-in forms and JSON writes posted from another site', async () => {
		const http = new HttpSession();
		const form = await http.post('/sign-in', { email: demoAccounts.educator, password: 'parity-demo-2030' }, { origin: 'https://evil.example' });
		expect(form.status).toBe(403);
		const json = await http.request('/api/auth/sign-in/email', {
			method: 'POST',
			headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
			body: JSON.stringify({ email: demoAccounts.educator, password: 'parity-demo-2030' })
		});
		expect(json.status).toBe(403);
		const noOriginButCrossSite = await http.request('/e/philadelphia/admin/site', {
			method: 'POST',
			headers: { 'sec-fetch-site': 'cross-site', 'content-type': 'application/x-www-form-urlencoded' },
			body: 'name=x'
		});
		expect(noOriginButCrossSite.status).toBe(403);
	});

	it('never shows a stack trace, even for a malformed request', async () => {
		const http = new HttpSession();
		const response = await http.request('/sign-in', {
			method: 'POST',
			headers: { origin: http.origin, 'content-type': 'multipart/form-data; boundary=broken' },
			body: '--broken\r\nnonsense'
		});
		expect(response.status).toBeGreaterThanOrEqual(400);
		expect(await response.text()).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\.ts:\d+/);
	});
});

describe('changing the email address', () => {
	it('changes the address only after the link sent to the new address is opened', async () => {
		// An account no other test signs in with: the address changes for good.
		const oldEmail = 'nikolai.educator@portland.demo.parity.example';
		const person = new HttpSession();
		await person.signIn(oldEmail);
		const newEmail = `nikolai.${Date.now()}@example.org`;
		// The address is how a password is reset: changing it asks for the password again.
		const unproven = await person.post('/account?/email', { newEmail, emailPassword: 'not-the-password' });
		expect(unproven.status).toBe(422);
		expect(await unproven.text()).toContain('That password is not right.');
		const asked = await person.post('/account?/email', { newEmail, emailPassword: DEMO_PASSWORD });
		expect(asked.status).toBe(200);
		expect(await asked.text()).toContain(`A confirmation link is on its way to ${newEmail}`);
		expect(await (await person.get('/account')).text()).toContain(oldEmail);

		// Without SMTP the message waits in the platform outbox.
		const platform = await signedIn('platform_admin');
		const outbox = await (await platform.get('/admin/outbox')).text();
		const link = new RegExp(`To[^]*?${newEmail.replace('.', '\\.')}[^]*?(https?://[^\\s<"]+verify-email\\?token=[^\\s<"]+)`).exec(outbox)?.[1]
			?? /(https?:\/\/[^\s<"]+verify-email\?token=[^\s<"]+)/.exec(outbox)?.[1];
		expect(link, 'verification link in the outbox').toBeTruthy();
		const opened = await person.get(new URL(link!.replaceAll('&amp;', '&')).pathname + new URL(link!.replaceAll('&amp;', '&')).search);
		expect(opened.status).toBe(302);
		const account = await (await person.get('/account')).text();
		expect(account).toContain(newEmail);
	});
});

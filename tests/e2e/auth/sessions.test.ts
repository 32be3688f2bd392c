import { afterAll, describe, expect, it } from 'vitest';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, DEMO_PASSWORD, expectAccessible, newContext, submit } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;

/** A fixed client address for one browser, so its row can be told apart from other tests' sign-ins. */
const octet = () => 1 + Math.floor(Math.random() * 250);

describeBrowser('seeing and ending one’s own sessions (ASVS 5.0 V7.5.2)', () => {
	afterAll(closeBrowser);

	it('ends another browser’s session from the account page with JavaScript off; that browser is signed out', async () => {
		const email = demoAccounts.partner_member;
		const here = await newContext({ javaScriptEnabled: false });
		const there = await newContext({ javaScriptEnabled: true });
		const thereAddress = `198.19.${octet()}.${octet()}`;
		await there.setExtraHTTPHeaders({ 'x-forwarded-for': thereAddress });
		const masked = thereAddress.split('.').slice(0, 3).join('.') + '.x';

		const herePage = await here.newPage();
		const therePage = await there.newPage();
		await browserSignIn(therePage, email);
		await browserSignIn(herePage, email);
		expect(new URL(herePage.url()).pathname).toBe('/account');

		// The other browser sees this one listed too, and the page passes axe with its End buttons.
		await therePage.goto('/account');
		expect(await therePage.getByRole('heading', { name: 'Where you are signed in' }).count()).toBe(1);
		expect(await therePage.getByText('This browser (you are using it now)').count()).toBe(1);
		await expectAccessible(therePage);

		const row = herePage.getByRole('row').filter({ hasText: masked });
		expect(await row.count()).toBe(1);
		expect(await row.textContent()).toContain('Chrome on Linux');

		// A wrong password ends nothing.
		await herePage.getByLabel('Password', { exact: true }).fill('not-my-password');
		await submit(herePage, row.getByRole('button', { name: 'End this session' }));
		expect(await herePage.getByRole('alert').textContent()).toContain('That password is not right.');
		await therePage.goto('/account');
		expect(new URL(therePage.url()).pathname).toBe('/account');

		await herePage.getByLabel('Password', { exact: true }).fill(DEMO_PASSWORD);
		await submit(herePage, herePage.getByRole('row').filter({ hasText: masked }).getByRole('button', { name: 'End this session' }));
		expect(await herePage.getByRole('status').first().textContent()).toContain('That session has ended.');
		expect(await herePage.getByRole('row').filter({ hasText: masked }).count()).toBe(0);

		await therePage.goto('/account');
		expect(new URL(therePage.url()).pathname).toBe('/sign-in');
		await herePage.goto('/account');
		expect(new URL(herePage.url()).pathname).toBe('/account');
		await here.close();
		await there.close();
	});

	it('shows the sessions in Spanish and passes axe', async () => {
		const context = await newContext({ javaScriptEnabled: true, locale: 'es-ES' });
		const page = await context.newPage();
		await page.goto('/sign-in');
		await page.locator('input[name=email]').fill(demoAccounts.educator);
		await page.locator('input[name=password]').fill(DEMO_PASSWORD);
		await submit(page, page.getByRole('button', { name: /entrar|iniciar/i }));
		await page.goto('/account');
		expect(await page.getByRole('heading', { name: 'Dónde tienes la sesión iniciada' }).count()).toBe(1);
		expect(await page.getByText('Este navegador (lo estás usando ahora)').count()).toBe(1);
		await expectAccessible(page);
		await context.close();
	});
});

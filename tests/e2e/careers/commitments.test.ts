import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, newContext, submit } from '../helpers.js';

/** A partner publishes a commitment and reports progress with JavaScript off; the public register shows the bar. */
const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const title = `150 robotics club seats for girls ${randomBytes(3).toString('hex')}`;

describeBrowser('the commitment register', () => {
	let partner: BrowserContext;
	let publicView: BrowserContext;
	beforeAll(async () => {
		partner = await newContext({ javaScriptEnabled: false });
		publicView = await newContext({ javaScriptEnabled: true, locale: 'es-US' });
	});
	afterAll(async () => {
		await partner?.close();
		await publicView?.close();
		await closeBrowser();
	});

	it('shows a commitment’s reported progress on the public register', async () => {
		const page = await partner.newPage();
		await browserSignIn(page, demoAccounts.partner_admin);
		await page.goto(`${eco}/commitments`);
		await page.getByRole('link', { name: 'Publish a commitment' }).click();
		await submit(page, page.getByRole('button', { name: 'Publish the commitment' }));
		expect(await page.getByRole('alert').textContent()).toContain('Enter the target as a number.');
		expect(await page.getByRole('alert').textContent()).toContain('Enter the commitment.');
		await page.getByLabel('The commitment', { exact: true }).fill(title);
		await page.getByLabel('Target').fill('150');
		await page.getByLabel('What is counted', { exact: true }).fill('club seats');
		await page.getByLabel('What is counted, in Spanish').fill('plazas en clubes');
		await page.getByLabel('By the end of (year)').fill(String(new Date().getUTCFullYear() + 2));
		await submit(page, page.getByRole('button', { name: 'Publish the commitment' }));
		expect(await page.locator('h1').textContent()).toBe(title);
		await page.getByLabel('Progress so far').fill('60');
		await page.getByLabel('Note').fill('Spring season full.');
		await submit(page, page.getByRole('button', { name: 'Report progress' }));
		expect(await page.getByRole('status').textContent()).toContain('Progress reported.');
		await page.close();

		const visitor = await publicView.newPage();
		await visitor.goto(`${eco}/commitments`);
		const card = visitor.locator('li.card', { hasText: title });
		const bar = card.getByRole('progressbar', { name: '60 de 150 plazas en clubes (40%)' });
		expect(await bar.getAttribute('value')).toBe('40');
		await expectAccessible(visitor);
		await card.getByRole('link', { name: title }).click();
		expect(await visitor.getByText('Spring season full.').count()).toBe(1);
		await expectAccessible(visitor);
		await visitor.goto('/e/portland/commitments');
		await expectAccessible(visitor);
	});
});

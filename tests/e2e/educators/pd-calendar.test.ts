import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPath, closeBrowser, newContext } from '../helpers.js';
import { axeWalk } from './axe-walk.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;

/** The events calendar shows upcoming professional development sessions and links to the offering (JavaScript off). */
describeBrowser('PD sessions in the events calendar', () => {
	afterAll(closeBrowser);

	it('lists the demo workshop’s sessions and opens the offering', async () => {
		const context = await newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await page.goto('/e/philadelphia/events');
		const section = page.getByRole('region', { name: 'Professional development sessions' });
		const links = section.getByRole('link');
		expect(await links.count()).toBeGreaterThan(0);
		const title = (await links.first().textContent())!.trim();
		await links.first().click();
		expect(new URL(page.url()).pathname).toMatch(/^\/e\/philadelphia\/pd\/[a-z0-9-]+$/);
		expect((await page.getByRole('heading', { level: 1 }).textContent())!.trim()).toBe(title);
		await context.close();
	});

	it('the calendar passes axe in English and Spanish', { timeout: 120_000 }, () => axeWalk(null, ['/e/philadelphia/events']));
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, newContext } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const page_ = '/e/philadelphia/admin/asset-map/overlap';

describeBrowser('backbone staff see which partners’ programs overlap, and why', () => {
	let noJs: BrowserContext;
	let withJs: BrowserContext;
	let page: Page;
	let checker: Page;
	beforeAll(async () => {
		noJs = await newContext({ javaScriptEnabled: false });
		page = await noJs.newPage();
		await browserSignIn(page, demoAccounts.backbone_staff);
		withJs = await newContext();
		checker = await withJs.newPage();
		await browserSignIn(checker, demoAccounts.backbone_staff);
	});
	afterAll(async () => {
		await noJs?.close();
		await withJs?.close();
		await closeBrowser();
	});

	it('shows the seeded overlapping pair with the reason, with JavaScript off', async () => {
		await page.goto('/e/philadelphia/admin/asset-map');
		await page.getByRole('link', { name: 'Overlap between partners and coverage by sector' }).click();
		await page.waitForURL(`**${page_}`);
		const pair = page.getByRole('listitem').filter({ hasText: 'Robot Builders After School (demo)' }).filter({ hasText: 'Neighborhood Robotics Crew (demo)' });
		await expect(pair.count()).resolves.toBe(1);
		const text = await pair.innerText();
		expect(text).toContain('Brick and Bolt');
		expect(text).toContain('Why: both serve ZIP 19122, ages 11 to 14, in Robotics, meeting at the same time on Tuesday 16:00–17:30.');
		// The coverage table says gaps and crowding in words, not only in colour.
		const table = page.getByRole('table', { name: 'Partners with programs in each subject, by sector' });
		expect(await table.getByRole('rowheader', { name: 'Robotics' }).count()).toBe(1);
		expect(await table.innerText()).toContain('Nobody');
	});

	it('has no axe violations in English and Spanish', async () => {
		for (const locale of ['en', 'es'] as const) {
			await checker.goto(`/language/${locale}?next=${encodeURIComponent(page_)}`);
			await checker.waitForURL(`**${page_}`);
			expect(await checker.locator('h1').innerText()).toBe(locale === 'es' ? 'Coincidencias y cobertura' : 'Overlap and coverage');
			await expectAccessible(checker);
		}
		await checker.goto('/language/en?next=/');
	});
});

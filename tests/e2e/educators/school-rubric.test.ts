import { afterAll, describe, expect, it } from 'vitest';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, newContext, submit } from '../helpers.js';
import { axeWalk } from './axe-walk.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const school = '/e/philadelphia/schools/kestrel-park-stem-academy';

/** Ms. Lee's school team completes the rubric for a second year and sees growth (JavaScript off). */
describeBrowser('STEM school transformation', () => {
	afterAll(closeBrowser);

	it('a school team completes this year’s rubric and sees growth by domain since last year', async () => {
		const context = await newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await browserSignIn(page, demoAccounts.educator);
		await page.goto('/e/philadelphia/schools');
		await page.getByRole('link', { name: /Kestrel Park STEM Academy/ }).click();
		const year = new Date().getUTCFullYear();
		expect(await page.getByRole('columnheader', { name: String(year - 1) }).count()).toBe(1);
		await page.getByLabel('Level for Leadership and culture').selectOption('3');
		await page.getByLabel('Level for Curriculum and instruction').selectOption('2');
		await page.getByLabel('Level for Partnerships').selectOption('4');
		await submit(page, page.getByRole('button', { name: 'Save self-assessment' }));
		// Every problem at once: one domain was left without a level.
		expect(await page.getByRole('alert').textContent()).toMatch(/Choose a level for Equity and access/);
		await page.getByLabel('Level for Equity and access').selectOption('1');
		await page.getByLabel('Action plan for Partnerships').fill('Two industry visits per semester.');
		await submit(page, page.getByRole('button', { name: 'Save self-assessment' }));
		expect(await page.getByRole('status').textContent()).toBe(`The ${year} self-assessment is saved.`);
		const rows: string[] = [];
		for (const row of await page.locator('tbody tr').all()) rows.push((await row.locator('th, td').allTextContents()).join(' | '));
		expect(rows).toEqual([
			'Leadership and culture | 1 · Emerging | 3 · Established | Up 2',
			'Curriculum and instruction | 2 · Developing | 2 · Developing | No change',
			'Partnerships | 1 · Emerging | 4 · Exemplary | Up 3',
			'Equity and access | 2 · Developing | 1 · Emerging | Down 1'
		]);
		await context.close();
	});

	it('the school pages pass axe in English and Spanish', { timeout: 120_000 }, () => axeWalk('educator', ['/e/philadelphia/schools', school]));
});

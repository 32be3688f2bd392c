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

	it('backbone staff add an ecosystem member to the school team by email and remove them; strangers and duplicates are refused plainly (JavaScript off)', async () => {
		const context = await newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await browserSignIn(page, demoAccounts.backbone_staff);
		await page.goto(school);
		// Per domain, what can help; every domain of the rubric has its section.
		expect(await page.getByRole('heading', { name: 'Partners and professional development that can help' }).count()).toBe(1);
		expect(await page.locator('section h3').allTextContents()).toHaveLength(4);
		await page.getByRole('link', { name: 'Manage the school team' }).click();
		const add = async (email: string) => {
			await page.getByLabel('Email address').fill(email);
			await submit(page, page.getByRole('button', { name: 'Add to the team' }));
		};
		await add('nobody.at.all@example.org');
		expect(await page.getByRole('alert').textContent()).toMatch(/Nobody with the email address nobody\.at\.all@example\.org has a role in this ecosystem/);
		await add(demoAccounts.partner_member.toUpperCase());
		expect(await page.getByRole('status').textContent()).toMatch(/is now on the school team/);
		const listed = await page.locator('main li').allTextContents();
		expect(listed.some((t) => t.includes(demoAccounts.partner_member))).toBe(true);
		await add(demoAccounts.partner_member);
		expect(await page.getByRole('alert').textContent()).toMatch(/is already on the team of Kestrel Park STEM Academy/);
		const row = page.locator('main li', { hasText: demoAccounts.partner_member });
		await submit(page, row.getByRole('button', { name: /^Remove .* from the team$/ }));
		expect(await page.getByRole('status').textContent()).toBe('The person was removed from the school team.');
		expect(await page.locator('main li', { hasText: demoAccounts.partner_member }).count()).toBe(0);
		await context.close();
	});

	it('the school pages pass axe in English and Spanish', { timeout: 120_000 }, () => axeWalk('educator', ['/e/philadelphia/schools', school]));
	it('the school team page passes axe in English and Spanish', { timeout: 120_000 }, () => axeWalk('backbone_staff', [`${school}/team`]));
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, expectAccessible, newContext, submit } from '../helpers.js';

/** Ms. Lee's journey with JavaScript off: she posts a need and gets a suggested match, with the reasons shown. */
const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describeBrowser('needs ↔ offers with JavaScript off', () => {
	let teacher: BrowserContext;
	beforeAll(async () => {
		teacher = await newContext({ javaScriptEnabled: false });
	});
	afterAll(async () => {
		await teacher?.close();
		await closeBrowser();
	});

	it('a teacher’s need gets a suggested match with the reasons, and she connects', async () => {
		const page = await teacher.newPage();
		await browserSignIn(page, 'andre.educator@philadelphia.demo.parity.example');
		await page.goto(`${eco}/needs`);
		await page.getByRole('link', { name: 'Post a need' }).click();
		await submit(page, page.getByRole('button', { name: 'Post the need' }));
		expect(await page.getByRole('alert').textContent()).toContain('Choose what kind of help this is.');
		await page.getByLabel('Kind of help').selectOption('speaker');
		await page.getByLabel('Title').fill('A biomedical engineer for 9th-grade biology');
		await page.getByLabel('Subject').selectOption('biology');
		await page.getByLabel('Grade band').selectOption('9_12');
		await page.getByLabel('ZIP code').fill('19121');
		await page.getByLabel('From', { exact: true }).fill(inDays(10));
		await page.getByLabel('Until', { exact: true }).fill(inDays(40));
		await page.getByLabel(/Share of your students/).fill('90');
		await submit(page, page.getByRole('button', { name: 'Post the need' }));
		expect(await page.locator('h1').textContent()).toBe('A biomedical engineer for 9th-grade biology');
		const best = page.locator('article').first();
		expect(await best.getByRole('heading', { level: 3 }).textContent()).toBe('1. Lab scientists visit classrooms (demo): Helix Row Biotherapeutics');
		const reasons = await best.getByRole('listitem').allTextContents();
		expect(reasons).toContain('Offers Biology.');
		expect(reasons).toContain('Works with Grades 9–12.');
		expect(reasons.some((r) => /^About \d+(\.\d)? miles away\.$/.test(r))).toBe(true);
		expect(reasons).toContain('Priority: 90% of students are from focus groups.');
		await best.getByLabel('A message for the other side').fill('Could someone come in three weeks?');
		await submit(page, best.getByRole('button', { name: /^Connect/ }));
		expect(await page.getByRole('status').textContent()).toContain('Connected.');
		expect(await page.getByText('Already connected.').count()).toBe(1);

		const checker = await newContext({ javaScriptEnabled: true });
		await checker.addCookies(await teacher.cookies());
		const axe = await checker.newPage();
		for (const path of [new URL(page.url()).pathname, `${eco}/needs`, `${eco}/needs/new`]) {
			await axe.goto(path);
			await expectAccessible(axe);
		}
		await checker.close();
		await page.close();
	});

	it('the backbone sees needs nobody has answered and can tune the ranking', async () => {
		const context = await newContext({ javaScriptEnabled: true });
		const page = await context.newPage();
		await browserSignIn(page, 'luis.staff@philadelphia.demo.parity.example');
		await page.goto(`${eco}/needs`);
		const waiting = page.getByRole('table', { name: /needs waiting/ });
		expect(await waiting.getByRole('link', { name: 'A host for an environmental science field trip (demo)' }).count()).toBe(1);
		expect(await waiting.getByRole('link', { name: 'A biomedical engineer for 9th-grade biology' }).count()).toBe(0);
		await expectAccessible(page);
		await page.getByLabel('Distance that still counts (miles)').fill('0');
		await submit(page, page.getByRole('button', { name: 'Save the weights' }));
		expect(await page.getByRole('alert').textContent()).toContain('at least 1 mile');
		await expectAccessible(page);
		await page.goto(`${eco}/needs/offers/new`);
		await expectAccessible(page);
		await context.close();
	});
});

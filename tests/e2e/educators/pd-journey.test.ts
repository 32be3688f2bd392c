import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, HttpSession, newContext, submit } from '../helpers.js';
import { readPdf } from '../../../src/lib/server/testing/pdf.js';
import { axeWalk } from './axe-walk.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const title = `Microscopy for 9th-grade biology ${Date.now().toString(36)}`;

/**
 * Ms. Lee's journey (JOURNEYS.md), with JavaScript off throughout: a partner publishes a 6-hour
 * workshop in two sessions, an educator registers, is checked in to both, completes, downloads
 * her certificate, and a stranger verifies its code.
 */
describeBrowser('professional development, from publishing to a verified certificate', () => {
	let provider: BrowserContext;
	let educator: BrowserContext;
	let stranger: BrowserContext;
	let providerPage: Page;
	let educatorPage: Page;
	let offeringPath = '';
	let code = '';

	beforeAll(async () => {
		provider = await newContext({ javaScriptEnabled: false });
		educator = await newContext({ javaScriptEnabled: false });
		stranger = await newContext({ javaScriptEnabled: false });
		providerPage = await provider.newPage();
		educatorPage = await educator.newPage();
		await browserSignIn(providerPage, demoAccounts.partner_admin);
		await browserSignIn(educatorPage, demoAccounts.educator);
	});
	afterAll(async () => {
		await Promise.all([provider, educator, stranger].map((c) => c?.close()));
		await closeBrowser();
	});

	it('a partner admin publishes a 6-hour workshop in two sessions, after fixing what the form flags', async () => {
		const page = providerPage;
		await page.goto(`${eco}/pd`);
		await page.getByRole('link', { name: 'Offerings you run' }).click();
		await page.getByRole('link', { name: 'New offering' }).click();
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Hours', { exact: true }).fill('six');
		await submit(page, page.getByRole('button', { name: 'Save offering' }));
		const summary = await page.getByRole('alert').textContent();
		expect(summary).toMatch(/Enter the topic/);
		expect(summary).toMatch(/hours as a number/);
		expect(summary).toMatch(/Add at least one session/);
		expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(title);

		expect(await page.getByLabel('Provider').locator('option').allTextContents()).toEqual(['Brick and Bolt Youth Makerspace']);
		await page.getByLabel('Topic', { exact: true }).fill('Using microscopes for cell biology labs');
		await page.getByLabel('For', { exact: true }).selectOption('classroom_teachers');
		await page.getByLabel('Grades 9-12').check();
		await page.getByLabel('STEM subject').selectOption('science');
		await page.getByLabel('Format').selectOption('workshop');
		await page.getByLabel('Hours', { exact: true }).fill('6');
		await page.getByLabel(/^Credit type/).selectOption({ label: 'PA Act 48 hours' });
		await page.getByLabel('Capacity (seats)').fill('12');
		for (const [i, date] of ['2027-03-04', '2027-03-11'].entries()) {
			await page.locator(`[name="sessions.${i}.date"]`).fill(date);
			await page.locator(`[name="sessions.${i}.start"]`).fill('16:00');
			await page.locator(`[name="sessions.${i}.end"]`).fill('19:00');
			await page.locator(`[name="sessions.${i}.location"]`).fill('Demo lab, Room 12');
		}
		await submit(page, page.getByRole('button', { name: 'Save offering' }));
		expect(page.url()).toMatch(/\/pd\/[\w-]+\/roster/);
		expect(await page.getByRole('status').first().textContent()).toMatch(/saved/);
		offeringPath = new URL(page.url()).pathname.replace(/\/roster$/, '');
	});

	it('the educator finds it in the catalog and registers', async () => {
		const page = educatorPage;
		await page.goto(`${eco}/pd`);
		await page.getByRole('link', { name: title }).click();
		expect(new URL(page.url()).pathname).toBe(offeringPath);
		expect(await page.getByText('6 (PA Act 48 hours)').count()).toBe(1);
		await submit(page, page.getByRole('button', { name: 'Register' }));
		expect(await page.getByRole('status').textContent()).toBe('You are registered.');
		expect(await page.getByText('Sessions attended: 0 of 2').count()).toBe(1);
		expect(await page.getByRole('button', { name: /Complete/ }).count()).toBe(0);
	});

	it('the provider checks her in to both sessions', async () => {
		const page = providerPage;
		await page.goto(`${offeringPath}/roster`);
		expect(await page.getByRole('rowheader', { name: /Andre Coleman/ }).count()).toBe(1);
		for (const session of [1, 2]) {
			await submit(page, page.getByRole('button', { name: `Check in Andre Coleman to session ${session}` }));
			expect(await page.getByRole('status').textContent()).toBe('Attendance saved.');
		}
		expect(await page.getByRole('button', { name: /Undo the check-in of Andre Coleman/ }).count()).toBe(2);
	});

	it('she completes the workshop and downloads a certificate naming her, the hours and the code', async () => {
		const page = educatorPage;
		await page.goto(offeringPath);
		expect(await page.getByText('Sessions attended: 2 of 2').count()).toBe(1);
		await submit(page, page.getByRole('button', { name: 'Complete and get my certificate' }));
		expect(await page.getByRole('status').textContent()).toMatch(/certificate is ready/);
		code = /PD(-[0-9A-Z]{4}){5}/.exec((await page.getByText(/Verification code:/).textContent()) ?? '')?.[0] ?? '';
		expect(code).not.toBe('');

		const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download your certificate/ }).click()]);
		expect(download.suggestedFilename()).toBe(`certificate-${code}.pdf`);
		const pdf = await readPdf(new Uint8Array(readFileSync((await download.path())!)));
		expect(pdf.lines).toContain('Andre Coleman');
		expect(pdf.lines).toContain(title);
		expect(pdf.lines).toContain('Hours: 6 (PA Act 48 hours)');
		expect(pdf.lines).toContain('Issued by: Brick and Bolt Youth Makerspace');
		expect(pdf.lines).toContain(`Verification code: ${code}`);
		expect(pdf.lines.some((line) => line.includes(`/verify/${code}`))).toBe(true);
	});

	it('her transcript lists the hours by year and exports them as CSV', async () => {
		const page = educatorPage;
		await page.goto(`${eco}/pd/mine`);
		expect(await page.getByRole('cell', { name: code }).count()).toBe(1);
		const session = new HttpSession();
		await session.signIn(demoAccounts.educator);
		const response = await session.get(`${eco}/pd/mine/transcript.csv`);
		expect(response.status).toBe(200);
		expect(response.headers.get('content-disposition')).toContain('attachment');
		const rows = (await response.text()).trim().split('\r\n');
		expect(rows[0]).toBe('year,offering,provider,hours,credit_type,completed_on,verification_code');
		expect(rows.find((r) => r.endsWith(code))).toMatch(new RegExp(`^\\d{4},${title},Brick and Bolt Youth Makerspace,6,PA Act 48 hours,\\d{4}-\\d{2}-\\d{2},${code}$`));
	});

	it('anyone can verify the code, typed in lower case with spaces, in English and Spanish', async () => {
		const page = await stranger.newPage();
		await page.goto('/verify');
		await page.getByLabel('Verification code').fill(code.toLowerCase().replaceAll('-', ' '));
		await page.getByRole('button', { name: 'Verify' }).click();
		await page.waitForURL(`**/verify/**`);
		expect(await page.getByRole('status').textContent()).toBe('This certificate is genuine.');
		expect(await page.getByText('Andre Coleman').count()).toBe(1);
		expect(await page.getByText(title).count()).toBe(1);
		await page.goto(`/language/es?next=/verify/${code}`);
		expect(await page.getByRole('status').textContent()).toBe('Este certificado es auténtico.');
		await page.goto('/verify/PD-0000-0000-0000-0000-0000');
		expect(await page.getByRole('status').textContent()).toMatch(/Ningún certificado/);
		await page.close();
	});

	it('refuses a client that keeps guessing codes', async () => {
		const guesser = new HttpSession();
		const statuses: number[] = [];
		for (let i = 0; i < 25; i++) statuses.push((await guesser.get(`/verify/PD-${String(i).padStart(4, '0')}-AAAA-AAAA-AAAA-AAAA`)).status);
		expect(statuses.slice(0, 20).every((s) => s === 200)).toBe(true);
		expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
	});

	// axe runs inside the page, so it needs JavaScript: the same pages, in a JS-on context per role.
	const walks: [keyof typeof demoAccounts | null, () => string[]][] = [
		['partner_admin', () => [`${eco}/pd/manage`, `${eco}/pd/new`, `${offeringPath}/roster`]],
		['educator', () => [`${eco}/pd`, offeringPath, `${eco}/pd/mine`]],
		[null, () => [`${eco}/pd`, '/verify', `/verify/${code}`, '/verify/PD-0000-0000-0000-0000-0000']]
	];
	for (const [role, paths] of walks) {
		it(`every page ${role ?? 'a visitor'} sees passes axe, in English and Spanish`, { timeout: 180_000 }, async () => {
			await axeWalk(role, paths());
			if (role === 'partner_admin') {
				// The form showing every problem is a page of its own.
				const context = await newContext({ javaScriptEnabled: true });
				const page = await context.newPage();
				await browserSignIn(page, demoAccounts.partner_admin);
				await page.goto(`${eco}/pd/new`);
				await submit(page, page.getByRole('button', { name: 'Save offering' }));
				expect(await page.getByRole('alert').count()).toBe(1);
				await expectAccessible(page);
				await context.close();
			}
		});
	}
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, HttpSession, newContext, submit } from '../helpers.js';
import { axeWalk } from './axe-walk.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const word = `zeolite${Date.now().toString(36)}`;
const title = `Water filters from ${word} (e2e)`;
const pdfBytes = Buffer.from('%PDF-1.4\n% a tiny test file\n');

/** A partner suggests a resource with a file, backbone staff publish it, anyone finds and downloads it (JavaScript off). */
describeBrowser('the evidence library: suggest, review, search, download', () => {
	let partner: BrowserContext;
	let staff: BrowserContext;
	let partnerPage: Page;
	let slug = '';

	beforeAll(async () => {
		partner = await newContext({ javaScriptEnabled: false });
		staff = await newContext({ javaScriptEnabled: false });
		partnerPage = await partner.newPage();
		await browserSignIn(partnerPage, demoAccounts.partner_member);
	});
	afterAll(async () => {
		await partner?.close();
		await staff?.close();
		await closeBrowser();
	});

	it('a partner suggests a resource, fixing every problem the form lists at once', async () => {
		const page = partnerPage;
		await page.goto(`${eco}/evidence`);
		await page.getByRole('link', { name: 'Suggest a resource' }).click();
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Summary', { exact: true }).fill('Students build and test low-cost water filters and compare turbidity.');
		await page.getByLabel('Kind').selectOption('curriculum');
		await page.getByLabel(/^Evidence tier/).selectOption('3');
		await page.getByLabel(/^File/).setInputFiles({ name: 'filters.exe', mimeType: 'application/pdf', buffer: Buffer.from([0x4d, 0x5a, 0x90, 0]) });
		await submit(page, page.getByRole('button', { name: 'Send suggestion' }));
		const summary = (await page.getByRole('alert').textContent()) ?? '';
		expect(summary).toMatch(/study or source behind the evidence tier/);
		expect(summary).toMatch(/Upload a PDF/);
		expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(title);

		await page.getByLabel(/^Citation/).fill('Demo citation: a fictional classroom study (2025).');
		await page.getByLabel(/^Tags/).fill('water, engineering design');
		await page.getByLabel('Engineering').check();
		await page.getByLabel(/^File/).setInputFiles({ name: 'filters.pdf', mimeType: 'application/pdf', buffer: pdfBytes });
		await submit(page, page.getByRole('button', { name: 'Send suggestion' }));
		expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(title);
		expect(await page.getByText(/waiting for review/).count()).toBe(1);
		slug = new URL(page.url()).pathname.split('/').pop()!;
	});

	it('is not in the library until backbone staff publish it', async () => {
		const visitor = new HttpSession();
		expect(await (await visitor.get(`${eco}/evidence?q=${word}`)).text()).not.toContain(title);
		expect((await visitor.get(`${eco}/evidence/${slug}`)).status).toBe(404);

		const page = await staff.newPage();
		await browserSignIn(page, demoAccounts.backbone_staff);
		await page.goto(`${eco}/evidence/review`);
		await submit(page, page.getByRole('button', { name: `Publish ${title}` }));
		expect(await page.getByRole('status').textContent()).toBe('The resource is published in the library.');
		expect(await page.getByRole('button', { name: `Publish ${title}` }).count()).toBe(0);
	});

	it('anyone finds it by a word prefix and downloads the file as an attachment', async () => {
		const page = await (await newContext({ javaScriptEnabled: false })).newPage();
		await page.goto(`${eco}/evidence`);
		await page.getByLabel('Search the library').fill(word.slice(0, 9).toUpperCase());
		await page.getByRole('button', { name: 'Search' }).click();
		await page.waitForURL(/\?q=/);
		expect(await page.getByRole('status').textContent()).toMatch(/^1 resources match/);
		await page.getByRole('link', { name: title }).click();
		expect(await page.getByText('ESSA tier 3: promising evidence').count()).toBe(1);
		const visitor = new HttpSession();
		const file = await visitor.get(`${eco}/evidence/${slug}/file`);
		expect(file.status).toBe(200);
		expect(file.headers.get('content-type')).toBe('application/pdf');
		expect(file.headers.get('content-disposition')).toBe('attachment; filename="filters.pdf"');
		expect(file.headers.get('x-content-type-options')).toBe('nosniff');
		expect(Buffer.from(await file.arrayBuffer()).equals(pdfBytes)).toBe(true);
		await page.context().close();
	});

	const walks: [keyof typeof demoAccounts | null, () => string[]][] = [
		['partner_member', () => [`${eco}/evidence/suggest`]],
		['backbone_staff', () => [`${eco}/evidence/review`]],
		[null, () => [`${eco}/evidence`, `${eco}/evidence?q=robot`, `${eco}/evidence/${slug}`, `${eco}/evidence/family-science-nights-playbook`]]
	];
	for (const [role, paths] of walks) {
		it(`every library page ${role ?? 'a visitor'} sees passes axe, in English and Spanish`, { timeout: 120_000 }, () => axeWalk(role, paths()));
	}
});

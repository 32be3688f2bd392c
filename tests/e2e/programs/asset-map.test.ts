import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, HttpSession, newContext, submit } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const officialExample = resolve(process.cwd(), '../shared/data/hsds/v3.0/examples/service_full.json');
const haveExample = existsSync(officialExample);
if (!haveExample) {
	if (process.env.CI === 'true') throw new Error('The official HSDS examples (../shared/data/hsds/v3.0) are required in CI.');
	console.warn('\n*** HSDS example upload test SKIPPED: ../shared/data/hsds/v3.0 is not on this machine. ***\n');
}

describe('the HSDS export over HTTP', () => {
	it('publishes the visible directory as HSDS list pages', async () => {
		const session = new HttpSession();
		const services = (await (await session.get(`${eco}/programs/hsds/services.json`)).json()) as { contents: { name: string; organization: { name: string } }[]; total_items: number };
		expect(services.total_items).toBe(services.contents.length);
		expect(services.contents.map((s) => s.name)).toContain('Robot Builders After School (demo)');
		// The demo listing overdue for confirmation is still public (grace period); none is hidden yet.
		expect(services.contents.map((s) => s.name)).toContain('Sparkline Web Makers (demo)');
		expect((await session.get(`${eco}/programs/hsds/nothing.json`)).status).toBe(404);
		const zip = await session.get(`${eco}/programs/hsds/datapackage.zip`);
		expect(zip.headers.get('content-type')).toBe('application/zip');
		const bytes = Buffer.from(await zip.arrayBuffer());
		expect(bytes.subarray(0, 2).toString()).toBe('PK');
		expect(bytes.includes(Buffer.from('services.csv'))).toBe(true);
		expect(bytes.includes(Buffer.from('Robot Builders After School (demo)'))).toBe(true);
	});
});

describeBrowser('backbone staff and the asset map, with JavaScript off', () => {
	let staff: BrowserContext;
	let page: Page;
	beforeAll(async () => {
		staff = await newContext({ javaScriptEnabled: false });
		page = await staff.newPage();
		await browserSignIn(page, demoAccounts.backbone_admin);
	});
	afterAll(async () => {
		await staff?.close();
		await closeBrowser();
	});

	it('lists the listings to confirm, and refuses a file that is not JSON with a clear message', async () => {
		await page.goto(`${eco}/admin/asset-map`);
		expect(await page.locator('main').innerText()).toContain('Sparkline Web Makers (demo)');
		await page.setInputFiles('#field-file', { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') });
		await submit(page, page.getByRole('button', { name: 'Import', exact: true }));
		expect(await page.locator('.error-summary').innerText()).toContain('The file is not valid JSON.');
	});

	(haveExample ? it : it.skip)('imports the official HSDS example service and reports what it could not keep', async () => {
		await page.goto(`${eco}/admin/asset-map`);
		await page.setInputFiles('#field-file', officialExample);
		await submit(page, page.getByRole('button', { name: 'Import', exact: true }));
		const main = await page.locator('main').innerText();
		expect(main).toContain('Imported 1 programs.');
		expect(main).toContain('New partners added: Example Organization Inc.');
		expect(main).toContain('coordinates outside the globe');
	});

	(haveExample ? it : it.skip)('imports the official HSDS CSV example package', async () => {
		const dir = resolve(process.cwd(), '../shared/data/hsds/v3.0/examples/csv');
		const csvFiles = readdirSync(dir).filter((f) => f.endsWith('.csv')).map((f) => join(dir, f));
		await page.goto(`${eco}/admin/asset-map`);
		await page.setInputFiles('#field-files', csvFiles);
		await submit(page, page.getByRole('button', { name: 'Import the CSV files' }));
		expect(await page.locator('main').innerText()).toContain('Imported 1 programs.');
	});

	it('passes axe in English and Spanish', async () => {
		const checker = await newContext({ javaScriptEnabled: true });
		const checkPage = await checker.newPage();
		await browserSignIn(checkPage, demoAccounts.backbone_admin);
		for (const locale of ['en', 'es']) {
			for (const path of [`${eco}/admin/asset-map`, `${eco}/admin`]) {
				await checkPage.goto(`/language/${locale}?next=${encodeURIComponent(path)}`);
				expect(new URL(checkPage.url()).pathname).toBe(path);
				await expectAccessible(checkPage);
			}
		}
		await checker.close();
	});
});

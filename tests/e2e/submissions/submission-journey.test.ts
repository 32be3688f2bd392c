import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, newContext, submit } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const partnerData = `${eco}/partners/brick-and-bolt-youth-makerspace/data`;
const metric = 'ost-stem-participation';
const cycleName = 'Spring 2027 check-in (e2e)';

const csv = (rows: string[]) => Buffer.from(['metric,group,count', ...rows].join('\r\n') + '\r\n', 'utf8');

/**
 * Dana (backbone admin) and Keisha (partner admin of Brick and Bolt), each in Chromium with
 * JavaScript off. axe needs JavaScript, so each also has a JavaScript-on page that checks the
 * same addresses (the pages send no script either way).
 */
describeBrowser('a collection cycle from opening to the public dashboard, JavaScript off', () => {
	const contexts: BrowserContext[] = [];
	let dana: BrowserContext;
	let keisha: BrowserContext;
	let d: Page;
	let k: Page;
	let danaAxe: Page;
	let keishaAxe: Page;
	let cyclePath = '';

	async function signedInPage(email: string, javaScriptEnabled: boolean) {
		const context = await newContext({ javaScriptEnabled });
		contexts.push(context);
		const page = await context.newPage();
		await browserSignIn(page, email);
		return { context, page };
	}
	/** axe on what `page` shows now: the same address, opened in the JavaScript-on page. */
	async function accessible(axePage: Page, page: Page) {
		const response = await axePage.goto(new URL(page.url()).pathname);
		expect(response?.status()).toBe(200);
		await expectAccessible(axePage);
	}

	beforeAll(async () => {
		({ context: dana, page: d } = await signedInPage(demoAccounts.backbone_admin, false));
		({ context: keisha, page: k } = await signedInPage(demoAccounts.partner_admin, false));
		({ page: danaAxe } = await signedInPage(demoAccounts.backbone_admin, true));
		({ page: keishaAxe } = await signedInPage(demoAccounts.partner_admin, true));
	});
	afterAll(async () => {
		for (const context of contexts) await context.close();
		await closeBrowser();
	});

	it('Dana opens a cycle for the out-of-school partners; the demo cycles and data-quality pages pass axe', async () => {
		for (const path of [`${eco}/admin/cycles`, `${eco}/admin/data-quality`]) {
			expect((await d.goto(path))?.status(), path).toBe(200);
			await accessible(danaAxe, d);
		}
		await d.goto(`${eco}/admin/cycles`);
		await d.getByRole('link', { name: 'Open a collection cycle' }).click();
		await accessible(danaAxe, d);
		// Every problem at once first.
		await submit(d, d.getByRole('button', { name: 'Open the cycle' }));
		const problems = await d.getByRole('alert').textContent();
		expect(problems).toMatch(/Name the cycle/);
		expect(problems).toMatch(/Choose at least one metric/);
		expect(problems).toMatch(/Choose the partners to ask/);

		await d.getByLabel(/^Name/).fill(cycleName);
		await d.getByLabel(/^Year on dashboards/).fill('2027');
		await d.getByLabel(/^Due date/).fill('2027-06-30');
		await d.getByLabel(/^Period starts/).fill('2027-01-01');
		await d.getByLabel(/^Period ends/).fill('2027-05-31');
		await d.getByLabel(/out-of-school STEM programmes/).check();
		await d.getByLabel(/Every Out-of-school-time providers partner/).check();
		await submit(d, d.getByRole('button', { name: 'Open the cycle' }));
		expect(d.url()).toMatch(/\/admin\/cycles\/[\w-]+/);
		cyclePath = new URL(d.url()).pathname;
		await expect(d.getByRole('status').textContent()).resolves.toMatch(/3 partners were asked/);
		await expect(d.getByRole('table').textContent()).resolves.toMatch(/Brick and Bolt Youth Makerspace\s*Not submitted/);
		await accessible(danaAxe, d);
	});

	it('Keisha submits through the web grid, then a CSV with mistakes: every mistake listed, nothing stored', async () => {
		await k.goto(partnerData);
		await accessible(keishaAxe, k);
		await k.getByRole('link', { name: cycleName }).click();
		await accessible(keishaAxe, k);
		const cell = (group: string) => k.locator(`input[name="c:${metric}:${group}"]`);
		await cell('all').fill('120');
		await cell('female').fill('64');
		await cell('male').fill('56');
		await cell('black').fill('50');
		await cell('hispanic').fill('30');
		await submit(k, k.getByRole('button', { name: 'Submit the counts' }));
		await expect(k.getByRole('status').textContent()).resolves.toMatch(/Version 1 was submitted with 5 numbers/);

		const template = await keisha.request.get(`${new URL(k.url()).pathname}/template.csv`);
		expect(template.status()).toBe(200);
		const body = await template.body();
		expect(body.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
		expect(body.toString('utf8')).toContain('\r\nost-stem-participation,');

		await k.setInputFiles('#field-file', {
			name: 'counts-with-mistakes.csv',
			mimeType: 'text/csv',
			buffer: csv([`${metric},all,124`, `${metric},women,66`, `${metric},male,fifty`, 'volunteer-hours,all,3', `${metric},disability=yes,4`])
		});
		await submit(k, k.getByRole('button', { name: 'Upload and submit' }));
		const table = k.getByRole('table', { name: /Every problem found/ });
		const rows = await table.locator('tbody tr').allInnerTexts();
		expect(rows.map((r) => r.split('\t').slice(0, 3).join('|'))).toEqual(['3|group|women', '4|value|fifty', '5|metric|volunteer-hours', '6|group|disability=yes']);
		await expect(k.getByRole('alert').textContent()).resolves.toMatch(/Nothing from counts-with-mistakes\.csv was stored/);
		// The problem list itself through axe: the same upload from the JavaScript-on page (it stores nothing either).
		await keishaAxe.goto(new URL(k.url()).pathname);
		await keishaAxe.setInputFiles('#field-file', { name: 'counts-with-mistakes.csv', mimeType: 'text/csv', buffer: csv([`${metric},women,66`]) });
		await submit(keishaAxe, keishaAxe.getByRole('button', { name: 'Upload and submit' }));
		expect(await keishaAxe.getByRole('table', { name: /Every problem found/ }).count()).toBe(1);
		await expectAccessible(keishaAxe);
		const versions = await k.getByRole('table', { name: /Every version sent/ }).locator('tbody tr').count();
		expect(versions).toBe(1);
	});

	it('Dana returns version 1 with a comment; Keisha sees it, resends a correct CSV; Dana accepts and the public dashboard changes', async () => {
		await d.goto('/e/philadelphia/dashboard');
		const before = (await d.locator('main').innerText()).includes('2019–2027');
		expect(before).toBe(false);

		await d.goto(cyclePath);
		await d.getByRole('link', { name: 'Version 1' }).click();
		await accessible(danaAxe, d);
		await d.getByLabel(/^Comment for the partner/).fill('Please add Black women and men separately.');
		await submit(d, d.getByRole('button', { name: 'Return with comment' }));
		await expect(d.getByRole('status').textContent()).resolves.toMatch(/Returned/);
		await d.goto(`${eco}/admin/outbox`);
		await expect(d.locator('main').innerText()).resolves.toContain(`Your numbers for ${cycleName} need a change`);

		await k.reload();
		await expect(k.locator('main').innerText()).resolves.toContain('Please add Black women and men separately.');
		await k.setInputFiles('#field-file', {
			name: 'counts.csv',
			mimeType: 'text/csv',
			buffer: csv([`${metric},all,124`, `${metric},female,66`, `${metric},male,58`, `${metric},black,52`, `${metric},black:female,27`, `${metric},black:male,25`, `${metric},hispanic,31`])
		});
		await submit(k, k.getByRole('button', { name: 'Upload and submit' }));
		await expect(k.getByRole('status').textContent()).resolves.toMatch(/Version 2 was submitted with 7 numbers/);

		await d.goto(cyclePath);
		await d.getByRole('link', { name: 'Version 2' }).click();
		await submit(d, d.getByRole('button', { name: 'Accept' }));
		await expect(d.getByRole('status').textContent()).resolves.toMatch(/Accepted/);
		await d.goto(cyclePath);
		await expect(d.getByRole('table').textContent()).resolves.toMatch(/Brick and Bolt Youth Makerspace\s*Accepted/);

		await d.goto('/e/philadelphia/dashboard');
		await expect(d.locator('main').innerText()).resolves.toContain('2019–2027');

		await k.goto(`${partnerData}/dashboard`);
		await accessible(keishaAxe, k);
		await expect(k.locator('main').innerText()).resolves.toContain('2027');
	});

	// axe is slow on a busy machine: each walk gets its own test and a longer limit.
	for (const [who, paths] of [
		['Dana', () => [`${eco}/admin`, `${eco}/workspace`, `${eco}/admin/cycles`, `${eco}/admin/cycles/new`, `${eco}/admin/data-quality`, cyclePath]],
		['Keisha', () => [`${eco}/workspace`, partnerData, `${partnerData}/dashboard`]]
	] as const) {
		it(`${who}'s submission pages, and the admin index and workspace that link to them, pass axe in both languages`, async () => {
			const page = who === 'Dana' ? danaAxe : keishaAxe;
			for (const locale of ['en', 'es'] as const) {
				await page.goto(`/language/${locale}?next=/`);
				for (const path of paths()) {
					expect((await page.goto(path))?.status(), path).toBe(200);
					expect(await page.getAttribute('html', 'lang')).toBe(locale);
					if (path.endsWith('/admin') || path.endsWith('/workspace')) {
						const links = page.getByRole('link', { name: /collection cycles|our data|ciclos de recolección|nuestros datos/i });
						expect(await links.count(), path).toBeGreaterThanOrEqual(1);
					}
					await expectAccessible(page);
				}
			}
			await page.goto('/language/en?next=/');
		}, 180_000);
	}
});

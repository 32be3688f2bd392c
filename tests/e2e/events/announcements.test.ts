import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, expectAccessible, newContext, signedIn, submit, type HttpSession } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const tom = 'tom.member@philadelphia.demo.parity.example';

describeBrowser('announcements, email preferences and one-click unsubscribe (JavaScript off)', () => {
	let member: BrowserContext;
	let staff: BrowserContext;
	let admin: HttpSession;
	const title = `Spring convening moved ${Date.now().toString(36)}`;
	let unsubscribePath = '';

	beforeAll(async () => {
		member = await newContext({ javaScriptEnabled: false });
		staff = await newContext({ javaScriptEnabled: false });
		admin = await signedIn('backbone_admin');
	});
	afterAll(async () => {
		await member?.close();
		await staff?.close();
		await closeBrowser();
	});

	it('a member asks for announcements immediately; staff publish one; it is emailed with an unsubscribe link', async () => {
		const page = await member.newPage();
		await browserSignIn(page, tom);
		await page.goto(`${eco}/notifications`);
		await page.getByRole('group', { name: 'Announcements from the backbone team' }).getByLabel('Immediately').check();
		await submit(page, page.getByRole('button', { name: 'Save my choices' }));
		expect(await page.getByRole('status').textContent()).toContain('Your choices are saved.');

		const staffPage = await staff.newPage();
		await browserSignIn(staffPage, 'luis.staff@philadelphia.demo.parity.example');
		await staffPage.goto(`${eco}/admin/announcements`);
		await staffPage.getByLabel('Title (English)').fill(title);
		await staffPage.getByLabel('Text (English)').fill('The spring convening moves to the Free Library.');
		await submit(staffPage, staffPage.getByRole('button', { name: 'Publish' }));
		expect(await staffPage.getByRole('status').textContent()).toMatch(/Published\. Emailed now to [1-9]\d* people/);

		const html = (await (await admin.get(`${eco}/admin/outbox`)).text()).replaceAll('&amp;', '&');
		const block = html.split(/<tr|<li|<article/).find((b) => b.includes(tom) && b.includes(title));
		expect(block, 'the announcement email to Tom').toBeTruthy();
		unsubscribePath = new URL(/https?:\/\/[^\s<"]+\/unsubscribe\/[A-Za-z0-9_-]+/.exec(block!)![0]).pathname;

		await page.goto(`${eco}/announcements`);
		expect(await page.locator('main').textContent()).toContain(title);
	});

	it('the unsubscribe link works without signing in', async () => {
		const stranger = await newContext({ javaScriptEnabled: false });
		const page = await stranger.newPage();
		await page.goto(unsubscribePath);
		await submit(page, page.getByRole('button', { name: 'Unsubscribe' }));
		expect(await page.getByRole('status').textContent()).toContain('You will get no more announcement, digest or group emails');
		await stranger.close();

		const mine = await member.newPage();
		await mine.goto(`${eco}/notifications`);
		expect(await mine.getByRole('group', { name: 'Announcements from the backbone team' }).getByLabel('Never').isChecked()).toBe(true);
	});

	it('these pages pass axe in English and Spanish (with JavaScript on, which axe needs)', async () => {
		const withScript = await newContext();
		const page = await withScript.newPage();
		await browserSignIn(page, 'luis.staff@philadelphia.demo.parity.example');
		for (const locale of ['en', 'es']) {
			await page.goto(`/language/${locale}?next=/`);
			for (const path of [`${eco}/notifications`, `${eco}/announcements`, `${eco}/admin/announcements`, unsubscribePath]) {
				const response = await page.goto(path);
				expect(response?.status(), path).toBe(200);
				expect(await page.locator('h1').count(), `one h1 on ${path}`).toBe(1);
				await expectAccessible(page);
			}
		}
		await withScript.close();
	});
});

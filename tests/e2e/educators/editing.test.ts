import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { axeWalk } from './axe-walk.js';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, HttpSession, mailTo, newContext, submit } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const title = `Circuits for middle-school science ${Date.now().toString(36)}`;
const rosa = 'rosa.educator@philadelphia.demo.parity.example';

/**
 * A partner admin moves a session of an offering someone registered for, with JavaScript off; the
 * registered educator receives the new time by email.
 */
describeBrowser('a provider edits an offering after an educator registered', () => {
	let provider: BrowserContext;
	let page: Page;
	let offeringPath = '';

	beforeAll(async () => {
		provider = await newContext({ javaScriptEnabled: false });
		page = await provider.newPage();
		await browserSignIn(page, demoAccounts.partner_admin);
		const keisha = new HttpSession();
		await keisha.signIn(demoAccounts.partner_admin);
		const form = await keisha.get(`${eco}/pd/new`);
		const partnerId = /<option value="([0-9a-f-]{36})"[^>]*>Brick and Bolt/.exec(await form.text())?.[1] ?? '';
		const created = await keisha.post(`${eco}/pd/new`, {
			provider: partnerId, title, topic: 'Breadboards and sensors', audience: 'classroom_teachers', subject: 'engineering', format: 'series',
			hours: '4', capacity: '10', publish: 'yes',
			'sessions.0.date': '2031-04-02', 'sessions.0.start': '15:30', 'sessions.0.end': '17:30', 'sessions.0.location': 'Demo room 3',
			'sessions.1.date': '2031-04-09', 'sessions.1.start': '15:30', 'sessions.1.end': '17:30'
		});
		expect(created.status).toBe(303);
		offeringPath = created.headers.get('location')!.replace(/\/roster\?.*$/, '');
		for (const email of [rosa, demoAccounts.educator]) {
			const educator = new HttpSession();
			await educator.signIn(email);
			expect((await educator.post(`${offeringPath}?/register`, {})).status).toBe(303);
		}
	});
	afterAll(async () => {
		await provider?.close();
		await closeBrowser();
	});

	it('refuses a capacity below the two registrations, keeping what was typed', async () => {
		await page.goto(`${offeringPath}/roster`);
		await page.getByRole('link', { name: 'Edit offering' }).click();
		expect(await page.getByLabel('Title', { exact: true }).inputValue()).toBe(title);
		expect(await page.locator('[name="sessions.0.start"]').inputValue()).toBe('15:30');
		await page.getByLabel('Capacity (seats)').fill('1');
		await page.getByLabel('Topic', { exact: true }).fill('Breadboards, sensors and soldering');
		await submit(page, page.getByRole('button', { name: 'Save changes' }));
		expect(await page.getByRole('alert').textContent()).toMatch(/2 people are already registered, so the capacity cannot be lower than 2\./);
		expect(await page.getByLabel('Topic', { exact: true }).inputValue()).toBe('Breadboards, sensors and soldering');
		await page.getByLabel('Capacity (seats)').fill('2');
		await page.getByLabel('Topic', { exact: true }).fill('Breadboards, sensors and soldering');
		await submit(page, page.getByRole('button', { name: 'Save changes' }));
		expect(await page.getByRole('status').first().textContent()).toBe('Changes saved.');
		expect(mailTo(rosa).filter((m) => m.subject.includes(title))).toEqual([]);
	});

	it('moves the second session; the registered educators are emailed the new time', async () => {
		await page.goto(`${offeringPath}/edit`);
		await page.locator('[name="sessions.1.date"]').fill('2031-04-10');
		await page.locator('[name="sessions.1.start"]').fill('16:00');
		await page.locator('[name="sessions.1.end"]').fill('18:00');
		await submit(page, page.getByRole('button', { name: 'Save changes' }));
		expect(await page.getByRole('status').first().textContent()).toBe('Changes saved. Registered people emailed the new session times: 2.');
		for (const email of [rosa, demoAccounts.educator]) {
			// Each in their own language: the subject is "New time: …" or "Nuevo horario: …".
			const mail = mailTo(email).filter((m) => m.subject.includes(title));
			expect(mail.map((m) => m.subject), email).toHaveLength(1);
			expect(mail[0]!.subject).toMatch(/^(New time|Nuevo horario): /);
			expect(mail[0]!.body).toContain('2031-04-10, 16:00–18:00 UTC');
			expect(mail[0]!.body).toContain(offeringPath);
		}
		await page.goto(offeringPath);
		expect(await page.getByText(/Apr(il)? 10, 2031/).count()).toBeGreaterThan(0);
	});

	it('the edit page passes axe with and without problems shown (JavaScript on: axe runs in the page)', { timeout: 120_000 }, async () => {
		const context = await newContext({ javaScriptEnabled: true });
		try {
			const axePage = await context.newPage();
			await browserSignIn(axePage, demoAccounts.partner_admin);
			for (const locale of ['en', 'es']) {
				await axePage.goto(`/language/${locale}?next=${offeringPath}/edit`);
				expect(await axePage.locator('h1').count()).toBe(1);
				await expectAccessible(axePage);
			}
			await axePage.getByLabel(/^(Title|Título)$/).fill('');
			await submit(axePage, axePage.getByRole('button', { name: /Guardar cambios|Save changes/ }));
			expect(await axePage.getByRole('alert').count()).toBe(1);
			await expectAccessible(axePage);
		} finally {
			await context.close();
		}
	});

	it('backbone staff’s edit pages for a resource, a school and the rubric pass axe, in English and Spanish', { timeout: 180_000 }, async () => {
		await axeWalk('backbone_staff', [`${eco}/evidence/family-science-nights-playbook/edit`, `${eco}/schools/kestrel-park-stem-academy/edit`, `${eco}/schools/rubric`, `${eco}/schools`]);
	});
});

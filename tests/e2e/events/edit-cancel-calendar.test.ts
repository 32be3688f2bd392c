import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import ICAL from 'ical.js';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, mailTo, newContext, signedIn, submit, HttpSession } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';

async function calendarEvent(admin: HttpSession, path: string) {
	const vevent = new ICAL.Component(ICAL.parse(await (await admin.get(path)).text())).getFirstSubcomponent('vevent')!;
	return { sequence: vevent.getFirstPropertyValue('sequence'), status: vevent.getFirstPropertyValue('status'), start: String(vevent.getFirstPropertyValue('dtstart')) };
}

describeBrowser('events: staff edit and cancel, registrants are emailed; the month calendar (JavaScript off)', () => {
	let staff: BrowserContext;
	let visitor: BrowserContext;
	let visitorEs: BrowserContext;
	let partner: BrowserContext;
	let staffPage: Page;
	let admin: HttpSession;
	const stamp = Date.now().toString(36);
	const title = `Teacher externship info night ${stamp}`;
	const email = `rosa.${stamp}@example.org`;
	let slug = '';

	beforeAll(async () => {
		[staff, visitor, visitorEs, partner] = await Promise.all([
			newContext({ javaScriptEnabled: false }),
			newContext({ javaScriptEnabled: false }),
			newContext({ javaScriptEnabled: false, locale: 'es-ES' }),
			newContext({ javaScriptEnabled: false })
		]);
		staffPage = await staff.newPage();
		await browserSignIn(staffPage, demoAccounts.backbone_staff);
		admin = await signedIn('backbone_admin');
	});
	afterAll(async () => {
		await Promise.all([staff?.close(), visitor?.close(), visitorEs?.close(), partner?.close()]);
		await closeBrowser();
	});

	it('staff publish an event and someone registers', async () => {
		await staffPage.goto(`${eco}/admin/events/new`);
		await staffPage.getByLabel('Title (English)').fill(title);
		await staffPage.getByLabel('Where').fill('Science Center, Room 2');
		await staffPage.getByLabel('Starts').fill('2031-04-15T18:00');
		await staffPage.getByLabel('Ends').fill('2031-04-15T19:30');
		await submit(staffPage, staffPage.getByRole('button', { name: 'Publish the event' }));
		slug = new URL(staffPage.url()).searchParams.get('added')!;
		expect(slug).toBeTruthy();
		const page = await visitor.newPage();
		await page.goto(`${eco}/events/${slug}`);
		await page.getByLabel('Your name').fill('Rosa Ortiz');
		await page.getByLabel('Your email address').fill(email);
		await submit(page, page.getByRole('button', { name: 'Register' }));
		expect(await page.locator('main').textContent()).toContain('Rosa Ortiz, you have a seat at');
	});

	it('a new time emails the registrant and bumps the .ics SEQUENCE; the edit page passes axe', async () => {
		await staffPage.goto(`${eco}/admin/events`);
		await staffPage.getByRole('link', { name: `Edit or cancel “${title}”` }).click();
		await expectAccessible(staffPage);
		expect(await staffPage.getByLabel('Starts').inputValue()).toBe('2031-04-15T18:00');
		await staffPage.getByLabel('Starts').fill('2031-04-16T17:30');
		await staffPage.getByLabel('Ends').fill('2031-04-16T19:00');
		await submit(staffPage, staffPage.getByRole('button', { name: 'Save changes' }));
		expect(await staffPage.getByRole('status').textContent()).toContain('1 people were emailed');
		await expect.poll(() => mailTo(email).filter((m) => m.subject === `Changed: ${title}`).length).toBe(1);
		expect(mailTo(email).find((m) => m.subject.startsWith('Changed'))!.body).toMatch(/April 16, 2031, 5:30/);
		expect(await calendarEvent(admin, `${eco}/events/${slug}.ics`)).toMatchObject({ sequence: 1, status: 'CONFIRMED', start: '2031-04-16T17:30:00' });
	});

	it('the month calendar shows the event on its day, with previous and next months, in English and Spanish, without axe violations', async () => {
		const page = await visitor.newPage();
		await page.goto(`${eco}/events`);
		await page.getByRole('link', { name: 'Month calendar' }).click();
		await page.goto(`${eco}/events/calendar?month=2031-04`);
		expect(await page.locator('caption').textContent()).toMatch(/^April 2031: \d+ events/);
		const cell = page.getByRole('cell').filter({ has: page.getByRole('link', { name: new RegExp(title) }) });
		expect(await cell.locator('time').first().getAttribute('datetime')).toBe('2031-04-16');
		await expectAccessible(page);
		await page.getByRole('link', { name: /May 2031/ }).click();
		expect(page.url()).toContain('month=2031-05');
		expect(await page.getByRole('link', { name: new RegExp(title) }).count()).toBe(0);
		const es = await visitorEs.newPage();
		await es.goto(`${eco}/events/calendar?month=2031-04`);
		expect(await es.locator('caption').textContent()).toMatch(/abril de 2031/);
		await expectAccessible(es);
		const bad = await page.goto(`${eco}/events/calendar?month=2031-13`);
		expect(bad?.status()).toBe(400);
		expect(await page.locator('main').textContent()).toContain('for example 2031-03');
	});

	it('cancelling emails the reason; the page says cancelled and the .ics carries STATUS:CANCELLED', async () => {
		await staffPage.goto(`${eco}/admin/events/${slug}/edit`);
		await submit(staffPage, staffPage.getByRole('button', { name: `Cancel “${title}”` }));
		expect(await staffPage.getByRole('alert').textContent()).toContain('Say why');
		await staffPage.getByLabel('Reason (sent to everyone registered)').fill('The Science Center closed for the week.');
		await submit(staffPage, staffPage.getByRole('button', { name: `Cancel “${title}”` }));
		expect(await staffPage.getByRole('status').textContent()).toContain('1 people were emailed');
		await expect.poll(() => mailTo(email).filter((m) => m.subject === `Cancelled: ${title}`).length).toBe(1);
		expect(mailTo(email).find((m) => m.subject.startsWith('Cancelled'))!.body).toContain('The Science Center closed for the week.');
		const page = await visitor.newPage();
		await page.goto(`${eco}/events/${slug}`);
		expect(await page.locator('main').textContent()).toContain('This event is cancelled.');
		expect(await page.getByRole('button', { name: 'Register' }).count()).toBe(0);
		expect(await calendarEvent(admin, `${eco}/events/${slug}.ics`)).toMatchObject({ sequence: 2, status: 'CANCELLED' });
	});

});

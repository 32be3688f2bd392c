import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import ICAL from 'ical.js';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, newContext, signedIn, submit, HttpSession } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';

/** The newest private link emailed to `email`, read from the ecosystem outbox (the demo has no SMTP). */
async function emailedLink(admin: HttpSession, email: string, kind: RegExp): Promise<string> {
	const html = await (await admin.get(`${eco}/admin/outbox`)).text();
	const decoded = html.replaceAll('&amp;', '&');
	const blocks = decoded.split(/<tr|<li|<article/).filter((block) => block.includes(email) && kind.test(block));
	const link = blocks.map((block) => /https?:\/\/[^\s<"]+\/events\/registration\/[A-Za-z0-9_-]+/.exec(block)?.[0]).find(Boolean);
	if (!link) throw new Error(`no ${kind} link for ${email} in the outbox`);
	return new URL(link).pathname;
}

describeBrowser('events: an event fills up, a cancellation promotes the waiting list (JavaScript off)', () => {
	let staff: BrowserContext;
	let ana: BrowserContext;
	let ben: BrowserContext;
	let staffPage: Page;
	let admin: HttpSession;
	const title = `Robotics open lab ${Date.now().toString(36)}`;
	const anaEmail = `ana.${Date.now().toString(36)}@example.org`;
	const benEmail = `ben.${Date.now().toString(36)}@example.org`;
	let slug = '';
	const privatePages: string[] = [];

	beforeAll(async () => {
		staff = await newContext({ javaScriptEnabled: false });
		ana = await newContext({ javaScriptEnabled: false });
		ben = await newContext({ javaScriptEnabled: false });
		staffPage = await staff.newPage();
		await browserSignIn(staffPage, demoAccounts.backbone_staff);
		admin = await signedIn('backbone_admin');
	});
	afterAll(async () => {
		await Promise.all([staff?.close(), ana?.close(), ben?.close()]);
		await closeBrowser();
	});

	it('staff publish an online event with one seat and a required question', async () => {
		await staffPage.goto(`${eco}/admin/events/new`);
		await submit(staffPage, staffPage.getByRole('button', { name: 'Publish the event' }));
		expect(await staffPage.getByRole('alert').textContent()).toContain('Enter a title.');
		await staffPage.getByLabel('Title (English)').fill(title);
		await staffPage.getByLabel('Format').selectOption('online');
		await staffPage.getByLabel('Link to join online').fill('https://meet.example.org/open-lab');
		await staffPage.getByLabel('Starts').fill('2031-03-18T18:00');
		await staffPage.getByLabel('Ends').fill('2031-03-18T19:30');
		await staffPage.getByLabel('Seats').fill('1');
		await staffPage.getByLabel('Registration questions (English)').fill('Your school or program *');
		await submit(staffPage, staffPage.getByRole('button', { name: 'Publish the event' }));
		expect(staffPage.url()).toContain('/admin/events?added=');
		slug = new URL(staffPage.url()).searchParams.get('added')!;
		expect(slug).toMatch(/^robotics-open-lab-[a-z0-9]+-2031-03-18$/);
	});

	it('the first person gets the seat and sees the online link; the second is wait-listed without it', async () => {
		const page = await ana.newPage();
		await page.goto(`${eco}/events`);
		await page.getByRole('link', { name: title }).click();
		expect(await page.content()).not.toContain('meet.example.org/open-lab');
		await page.getByLabel('Your name').fill('Ana Díaz');
		await page.getByLabel('Your email address').fill(anaEmail);
		await submit(page, page.getByRole('button', { name: 'Register' }));
		expect(await page.getByRole('alert').textContent()).toContain('Answer “Your school or program”.');
		await page.getByLabel('Your school or program').fill('Lincoln High');
		await page.getByLabel('Language support').fill('Spanish interpretation');
		await submit(page, page.getByRole('button', { name: 'Register' }));
		expect(await page.locator('main').textContent()).toContain('Ana Díaz, you have a seat at');
		expect(await page.getByRole('link', { name: 'https://meet.example.org/open-lab' }).count()).toBe(1);

		const second = await ben.newPage();
		await second.goto(`${eco}/events/${slug}`);
		expect(await second.locator('main').textContent()).toContain('Full.');
		await second.getByLabel('Your name').fill('Ben Okafor');
		await second.getByLabel('Your email address').fill(benEmail);
		await second.getByLabel('Your school or program').fill('Makerspace');
		await submit(second, second.getByRole('button', { name: 'Join the waiting list' }));
		expect(await second.locator('main').textContent()).toContain('you are number 1 on the waiting list');
		expect(await second.content()).not.toContain('meet.example.org/open-lab');
	});

	it('the attendee cancels through the emailed link; the wait-listed person is promoted and emailed a working link', async () => {
		const page = await ana.newPage();
		const anaLink = await emailedLink(admin, anaEmail, /You are registered/);
		privatePages.push(anaLink);
		await page.goto(anaLink);
		await submit(page, page.getByRole('button', { name: 'Cancel my registration' }));
		expect(await page.getByRole('status').textContent()).toContain('Your registration is cancelled');
		expect(await page.locator('main').textContent()).toContain('is cancelled');

		const promoted = await ben.newPage();
		const benLink = await emailedLink(admin, benEmail, /A seat opened up/);
		privatePages.push(benLink);
		await promoted.goto(benLink);
		expect(await promoted.locator('main').textContent()).toContain('Ben Okafor, you have a seat at');
		expect(await promoted.getByRole('link', { name: 'https://meet.example.org/open-lab' }).count()).toBe(1);
	});

	it('staff check the promoted person in from the door list and export attendance', async () => {
		await staffPage.goto(`${eco}/admin/events/${slug}`);
		await submit(staffPage, staffPage.getByRole('button', { name: 'Check in Ben Okafor' }));
		expect(await staffPage.locator('main').textContent()).toContain('Checked in');
		const csv = await (await admin.get(`${eco}/admin/events/${slug}/attendance.csv`)).text();
		const lines = csv.trim().split('\r\n');
		expect(lines[0]).toBe('name,email,status,place_in_line,registered_at,checked_in_at,accessibility_request,language_request,Your school or program');
		expect(lines.find((l) => l.startsWith('Ana Díaz'))).toMatch(/,cancelled,1,.*,Spanish interpretation,Lincoln High$/);
		expect(lines.find((l) => l.startsWith('Ben Okafor'))).toMatch(/,confirmed,2,[^,]+,20\d\d-[^,]+,,,Makerspace$/);
	});

	it('the .ics file and the feed parse with ical.js and carry the event’s time zone', async () => {
		const response = await admin.get(`${eco}/events/${slug}.ics`);
		expect(response.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
		const calendar = new ICAL.Component(ICAL.parse(await response.text()));
		const zone = calendar.getFirstSubcomponent('vtimezone');
		expect(zone?.getFirstPropertyValue('tzid')).toBe('America/New_York');
		ICAL.TimezoneService.register(new ICAL.Timezone(zone!));
		const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
		expect(event.summary).toBe(title);
		expect(event.startDate.toString()).toBe('2031-03-18T18:00:00');
		expect(event.startDate.zone?.tzid).toBe('America/New_York');
		expect(event.startDate.toJSDate().toISOString()).toBe('2031-03-18T22:00:00.000Z');
		expect(event.endDate.toJSDate().toISOString()).toBe('2031-03-18T23:30:00.000Z');
		expect(calendar.toString()).not.toContain('meet.example.org');

		const feed = new ICAL.Component(ICAL.parse(await (await admin.get(`${eco}/events/feed.ics`)).text()));
		const summaries = feed.getAllSubcomponents('vevent').map((v) => v.getFirstPropertyValue('summary'));
		expect(summaries).toContain(title);
		expect(summaries).toContain('Family STEM night at the makerspace (demo)');
	});

	it('every events page passes axe, in English and Spanish (checked with JavaScript on, which axe needs)', async () => {
		const withScript = await newContext();
		const page = await withScript.newPage();
		await browserSignIn(page, demoAccounts.backbone_staff);
		// A third person, wait-listed now that Ben holds the seat: their private page is checked too.
		const waiting = await new HttpSession().post(`${eco}/events/${slug}`, { name: 'Cai Lin', email: `cai.${Date.now().toString(36)}@example.org`, answer_q1: 'Library club' });
		expect(waiting.status).toBe(303);
		privatePages.push(new URL(waiting.headers.get('location')!, 'http://x').pathname);
		const paths = [`${eco}/events`, `${eco}/events/calendar`, `${eco}/events/calendar?month=2031-03`, `${eco}/events/${slug}`, ...privatePages, `${eco}/admin/events`, `${eco}/admin/events/new`, `${eco}/admin/events/${slug}`, `${eco}/admin/events/${slug}/edit`];
		for (const locale of ['en', 'es']) {
			await page.goto(`/language/${locale}?next=/`);
			for (const path of paths) {
				const response = await page.goto(path);
				expect(response?.status(), path).toBe(200);
				expect(await page.locator('h1').count(), `one h1 on ${path}`).toBe(1);
				await expectAccessible(page);
			}
		}
		await withScript.close();
	});
});

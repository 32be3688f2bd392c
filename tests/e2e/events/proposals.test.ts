import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, mailTo, newContext, signedIn, submit, HttpSession } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';

describeBrowser('events: partner proposals and the outbox status filter (JavaScript off)', () => {
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

	it('a partner proposes, the backbone declines with a reason, and the partner sees it and is emailed', async () => {
		const page = await partner.newPage();
		await browserSignIn(page, demoAccounts.partner_admin);
		const proposal = `Bridge building challenge ${stamp}`;
		await page.goto(`${eco}/admin/events/new`);
		await page.getByLabel('Title (English)').fill(proposal);
		await page.getByLabel('Where').fill('Brick and Bolt workshop');
		await page.getByLabel('Starts').fill('2031-05-02T10:00');
		await page.getByLabel('Ends').fill('2031-05-02T12:00');
		await submit(page, page.getByRole('button', { name: 'Send for approval' }));
		await page.goto(`${eco}/events/proposals`);
		expect(await page.getByRole('row', { name: new RegExp(proposal) }).textContent()).toContain('Waiting for approval');
		await expectAccessible(page);

		await staffPage.goto(`${eco}/admin/events`);
		const row = staffPage.getByRole('row', { name: new RegExp(proposal) });
		await submit(staffPage, row.getByRole('button', { name: `Decline “${proposal}”` }));
		expect(await staffPage.getByRole('alert').textContent()).toContain('Say why');
		await staffPage.getByRole('row', { name: new RegExp(proposal) }).getByLabel('Comment to the partner').fill('Please move it after the spring break.');
		await submit(staffPage, staffPage.getByRole('row', { name: new RegExp(proposal) }).getByRole('button', { name: `Decline “${proposal}”` }));
		expect(await staffPage.getByRole('status').first().textContent()).toContain('declined');

		await page.goto(`${eco}/events/proposals`);
		const mine = await page.getByRole('row', { name: new RegExp(proposal) }).textContent();
		expect(mine).toContain('Declined');
		expect(mine).toContain('Please move it after the spring break.');
		await expect.poll(() => mailTo(demoAccounts.partner_admin).filter((m) => m.subject === `Your proposed event was declined: ${proposal}`).length).toBe(1);
	});

	it('backbone admins filter the outbox by delivery status', async () => {
		const html = await (await admin.get(`${eco}/admin/outbox?status=sent`)).text();
		expect(html).toContain('Delivery summary');
		// The registration confirmation went out: it is listed as sent, and not as bounced.
		expect(html).toContain(title);
		expect(await (await admin.get(`${eco}/admin/outbox?status=bounced`)).text()).not.toContain(title);
	});
});

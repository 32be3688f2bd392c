import { afterAll, describe, expect, it } from 'vitest';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, mailTo, newContext, submit } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const partner = `${eco}/partners/brick-and-bolt-youth-makerspace`;

describeBrowser('technical assistance with JavaScript off', () => {
	afterAll(async () => {
		await closeBrowser();
	});

	it('a partner files a request, staff triage, reply and close it, the partner rates it, and the report shows the times', async () => {
		const subject = `Budget help for our NSF proposal ${Date.now()}`;
		const partnerContext = await newContext({ javaScriptEnabled: false });
		partnerContext.setDefaultTimeout(10_000);
		const p = await partnerContext.newPage();
		await browserSignIn(p, demoAccounts.partner_admin);
		await p.goto(`${eco}/workspace`);
		await p.getByRole('link', { name: 'Ask the backbone team for help' }).click();
		await p.waitForLoadState('load');

		// Every problem at once, nothing stored.
		await submit(p, p.getByRole('button', { name: 'Send the request' }));
		await expect(p.getByText('Give the request a short subject (at least 3 characters).').count()).resolves.toBeGreaterThan(0);
		await expect(p.getByText('Describe what you need in at least 10 characters.').count()).resolves.toBeGreaterThan(0);

		await p.getByLabel('Kind of help').selectOption('grant_writing');
		await p.getByLabel('Subject', { exact: true }).fill(subject);
		await p.getByLabel('What do you need?').fill('We need help with the budget justification for the ITEST proposal due in March.');
		await submit(p, p.getByRole('button', { name: 'Send the request' }));
		await expect(p.getByRole('status').innerText()).resolves.toBe('Your request was sent to the backbone team.');
		await expect(p.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(subject);
		const requestUrl = p.url().split('?')[0]!;
		expect(mailTo(demoAccounts.backbone_staff).some((mail) => mail.subject.includes(subject))).toBe(true);

		const staffContext = await newContext({ javaScriptEnabled: false });
		staffContext.setDefaultTimeout(10_000);
		const s = await staffContext.newPage();
		await browserSignIn(s, demoAccounts.backbone_staff);
		await s.goto(`${eco}/admin/assistance`);
		await s.getByRole('link', { name: subject }).click();
		await s.waitForLoadState('load');
		await s.getByLabel('Priority', { exact: true }).selectOption('high');
		const luis = await s.locator('#field-assignee_user_id option', { hasText: 'Luis' }).getAttribute('value');
		await s.getByLabel(/Assigned to/).selectOption(luis!);
		await submit(s, s.getByRole('button', { name: 'Save priority and assignment' }));
		await expect(s.getByRole('status').innerText()).resolves.toBe('Priority and assignment saved.');
		await s.getByLabel('Your message').fill('Send us your draft budget; we will read it today.');
		await submit(s, s.getByRole('button', { name: 'Send the message' }));
		await expect(s.getByText('Send us your draft budget; we will read it today.').count()).resolves.toBe(1);
		expect(mailTo(demoAccounts.partner_admin).some((mail) => mail.subject.includes(subject) && mail.body.includes('Send us your draft budget'))).toBe(true);

		await p.goto(requestUrl);
		await p.getByLabel('Your message').fill('Thank you, it is in our shared folder.');
		await submit(p, p.getByRole('button', { name: 'Send the message' }));
		await expect(p.getByRole('status').innerText()).resolves.toBe('Your message was sent.');

		await s.reload();
		await expect(s.getByText('Thank you, it is in our shared folder.').count()).resolves.toBe(1);
		await submit(s, s.getByRole('button', { name: 'Close the request' }));
		await expect(s.getByRole('status').innerText()).resolves.toMatch(/The request is closed/);
		expect(mailTo(demoAccounts.partner_admin).some((mail) => mail.subject.startsWith(`Your request “${subject}” is closed`))).toBe(true);

		await p.goto(requestUrl);
		await expect(p.getByText('This request is closed.').count()).resolves.toBe(1);
		await p.getByRole('group', { name: /How helpful was it/ }).getByRole('radio').nth(4).check();
		await p.getByLabel(/Comment/).fill('Fast and practical.');
		await submit(p, p.getByRole('button', { name: 'Send the rating' }));
		await expect(p.getByRole('status').innerText()).resolves.toBe('Thank you for rating the help.');
		await expect(p.getByText(/Rated 5 of 5/).count()).resolves.toBeGreaterThan(0);

		await s.goto(`${eco}/admin/assistance`);
		const times = s.getByRole('table', { name: /Median hours/ });
		const grant = await times.getByRole('row', { name: /^Grant writing/ }).innerText();
		// Filed, answered and closed within the test: hours with one decimal, one rating of 5.
		expect(grant).toMatch(/\d+(\.\d)? h/);
		expect(grant).toMatch(/\b5\b/);
		await expect(s.getByRole('row', { name: new RegExp(subject) }).innerText()).resolves.toMatch(/High[\s\S]*Closed/);
		await partnerContext.close();
		await staffContext.close();
	}, 120_000);

	it('passes axe on the assistance pages in English and Spanish', async () => {
		const context = await newContext();
		const page = await context.newPage();
		await browserSignIn(page, demoAccounts.backbone_staff);
		await page.goto(`${eco}/admin/assistance`);
		const first = await page.locator(`a[href^="${eco}/admin/assistance/"]`).first().getAttribute('href');
		await page.goto(`${eco}/admin/agenda`);
		const strategy = await page.locator(`a[href^="${eco}/admin/agenda/strategies/"]:not([href$="/new"])`).first().getAttribute('href');
		const action = await page.locator(`a[href^="${eco}/admin/agenda/actions/"]:not([href$="/new"])`).first().getAttribute('href');
		const paths = [`${eco}/admin/assistance`, first, strategy, action, `${partner}/assistance`].filter((p): p is string => Boolean(p));
		expect(paths.length).toBe(5);
		for (const locale of ['en', 'es']) {
			await page.goto(`/language/${locale}?next=/`);
			for (const path of paths) {
				expect((await page.goto(path))?.status(), path).toBe(200);
				await expectAccessible(page);
			}
		}
		await context.close();

		const partnerContext = await newContext();
		const pp = await partnerContext.newPage();
		await browserSignIn(pp, demoAccounts.partner_admin);
		await pp.goto(`${partner}/agenda`);
		const activity = await pp.locator('a[href*="/agenda/activities/"]').first().getAttribute('href');
		const measure = await pp.locator('a[href*="/agenda/measures/"]').first().getAttribute('href');
		await pp.goto(`${partner}/assistance`);
		const request = await pp.locator(`a[href^="${partner}/assistance/"]`).first().getAttribute('href');
		for (const locale of ['en', 'es']) {
			await pp.goto(`/language/${locale}?next=/`);
			for (const path of [`${partner}/assistance`, request!, activity!, measure!]) {
				expect((await pp.goto(path))?.status(), path).toBe(200);
				await expectAccessible(pp);
			}
		}
		await partnerContext.close();
	}, 300_000);
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, newContext, submit } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';

describeBrowser('backbone and partner staff in a browser', () => {
	let admin: BrowserContext;
	let page: Page;
	beforeAll(async () => {
		admin = await newContext();
		page = await admin.newPage();
		await browserSignIn(page, demoAccounts.backbone_admin);
	});
	afterAll(async () => {
		await admin?.close();
		await closeBrowser();
	});

	it('every signed-in page a backbone admin uses passes axe, in English and Spanish', async () => {
		const paths = [
			'/account',
			'/account/two-factor',
			`${eco}/workspace`,
			`${eco}/admin`,
			`${eco}/admin/site`,
			`${eco}/admin/partners`,
			`${eco}/admin/partners/new`,
			`${eco}/admin/members`,
			`${eco}/admin/audit`,
			`${eco}/admin/outbox`,
			`${eco}/admin/jobs`,
			`${eco}/admin/measurement`,
			`${eco}/admin/measurement/metrics/new`,
			`${eco}/partners/brick-and-bolt-youth-makerspace/edit`,
			`${eco}/partners/brick-and-bolt-youth-makerspace/team`
		];
		await page.goto(`${eco}/admin/site`);
		const initiative = await page.locator('a[href*="/admin/site/initiatives/"]').first().getAttribute('href');
		await page.goto(`${eco}/admin/members`);
		const member = await page.locator('a[href*="/admin/members/"]').first().getAttribute('href');
		paths.push(initiative!, `${initiative}/delete`, member!);
		for (const locale of ['en', 'es']) {
			await page.goto(`/language/${locale}?next=/`);
			for (const path of paths) {
				const response = await page.goto(path);
				expect(response?.status(), path).toBe(200);
				expect(await page.locator('h1').count(), `one h1 on ${path}`).toBe(1);
				await expectAccessible(page);
			}
		}
		await page.goto('/language/en?next=/');
	});

	it('the platform admin and partner admin pages pass axe too', async () => {
		for (const [role, paths] of [
			['platform_admin', ['/admin', '/admin/outbox', '/admin/jobs', '/account']],
			['partner_admin', [`${eco}/workspace`, `${eco}/partners/brick-and-bolt-youth-makerspace/edit`, `${eco}/partners/brick-and-bolt-youth-makerspace/team`]],
			['educator', [`${eco}/workspace`, `${eco}/admin`]]
		] as const) {
			const context = await newContext();
			const other = await context.newPage();
			await browserSignIn(other, demoAccounts[role]);
			for (const path of paths) {
				await other.goto(path);
				await expectAccessible(other);
			}
			await context.close();
		}
	});

	it('the platform admin sees the background work the server ran from its durable queue', async () => {
		const context = await newContext();
		const other = await context.newPage();
		await browserSignIn(other, demoAccounts.platform_admin);
		// Start-up runs (story purge, expired opportunities, overdue loans) are jobs like any other.
		await expect.poll(async () => {
			await other.goto('/admin/jobs');
			return other.getByRole('row', { name: /story-purge.*Done/ }).count();
		}, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
		expect(await other.getByRole('row', { name: /closing-expired-opportunities/ }).count()).toBeGreaterThanOrEqual(1);
		await context.close();
	});

	it('shows every problem of an invalid form at once and keeps what was typed', async () => {
		await page.goto(`${eco}/admin/partners/new`);
		await page.getByLabel(/^Website/).fill('not a url');
		await page.getByLabel(/^ZIP/).fill('123');
		await submit(page, page.getByRole('button', { name: /add/i }));
		const summary = await page.getByRole('alert').textContent();
		expect(summary).toMatch(/name/i);
		expect(summary).toMatch(/https:\/\//);
		expect(summary).toMatch(/5-digit ZIP/);
		expect(await page.getByLabel(/^ZIP/).inputValue()).toBe('123');
		await expectAccessible(page);
	});

	it('invites a new partner member, who accepts from the emailed link with JavaScript off', async () => {
		const email = `newcomer-${Date.now()}@example.org`;
		await page.goto(`${eco}/admin/members`);
		const invite = page.locator('form', { has: page.getByRole('button', { name: 'Send the invitation' }) });
		await invite.getByLabel('Email address').fill(email);
		await invite.getByLabel('Role').selectOption('partner_member');
		await invite.getByLabel(/Partner organisation/).selectOption({ label: 'Brick and Bolt Youth Makerspace' });
		await submit(page, page.getByRole('button', { name: 'Send the invitation' }));
		expect(await page.getByRole('status').first().textContent()).toContain(email);

		// No SMTP in the demo: the message waits in the outbox, readable by the backbone admin.
		await page.goto(`${eco}/admin/outbox`);
		const body = await page.locator('details', { hasText: '' }).filter({ has: page.locator('summary') }).evaluateAll(
			(nodes, to) => nodes.map((n) => n.textContent ?? '').find((t) => t.includes('/invite/') && t.includes(to)) ?? nodes.map((n) => n.textContent).join('\n'),
			email
		);
		const link = /https?:\/\/[^\s]+\/invite\/[\w-]+/.exec(body)?.[0];
		expect(link, 'invitation link in the outbox').toBeTruthy();

		const newcomer = await newContext({ javaScriptEnabled: false });
		const visitor = await newcomer.newPage();
		await visitor.goto(new URL(link!).pathname);
		expect(await visitor.locator('main').textContent()).toContain('Partner member');
		await visitor.getByLabel('Your name').fill('Nia Newcomer');
		await visitor.getByLabel(/^New password/).fill('a good long passphrase');
		await submit(visitor, visitor.getByRole('button', { name: /create my account/i }));
		expect(new URL(visitor.url()).pathname).toBe(`${eco}/workspace`);
		expect(await visitor.locator('main').textContent()).toContain('Brick and Bolt Youth Makerspace');

		// The link works once.
		await visitor.goto(new URL(link!).pathname);
		expect(await visitor.locator('main').textContent()).toContain('already been used');
		await newcomer.close();

		await page.goto(`${eco}/admin/audit`);
		const audit = await page.locator('main').textContent();
		expect(audit).toContain(`Invited ${email}`);
		expect(audit).toContain(`${email} joined`);
	});

	it('edits the public mission in Markdown-free text and in Spanish, and the public page shows it', async () => {
		await page.goto(`${eco}/admin/site`);
		const form = page.locator('form', { has: page.locator('input[name="which"][value="site"]') });
		await form.locator('textarea[name="mission"]').fill('Every young Philadelphian can reach a STEM career. (edited in a test)');
		await form.locator('textarea[name="mission_es"]').fill('Cada joven de Filadelfia puede llegar a una carrera STEM. (editado en una prueba)');
		await submit(page, form.getByRole('button').first());
		const visitor = await newContext({ javaScriptEnabled: false });
		const publicPage = await visitor.newPage();
		await publicPage.goto(eco);
		expect(await publicPage.locator('main').textContent()).toContain('(edited in a test)');
		await publicPage.goto(`/language/es?next=${eco}`);
		expect(await publicPage.locator('main').textContent()).toContain('(editado en una prueba)');
		await visitor.close();
	});
});

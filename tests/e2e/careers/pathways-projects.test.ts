import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, HttpSession, mailTo, newContext, submit } from '../helpers.js';

/**
 * Career pathways, multi-partner projects and withdrawing an application, with JavaScript off
 * (axe runs in JavaScript-on tabs on the same pages, in English and Spanish).
 */
const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const token = randomBytes(3).toString('hex');
const projectTitle = `Girls build bridges ${token}`;
const update = `Forty kits packed for the clubs ${token}`;

describeBrowser('career pathways, projects and withdrawals (JavaScript off)', () => {
	let lead: BrowserContext;
	let member: BrowserContext;
	let visitor: BrowserContext;
	beforeAll(async () => {
		lead = await newContext({ javaScriptEnabled: false });
		member = await newContext({ javaScriptEnabled: false });
		visitor = await newContext({ javaScriptEnabled: false, locale: 'es-US' });
	});
	afterAll(async () => {
		await lead?.close();
		await member?.close();
		await visitor?.close();
		await closeBrowser();
	});

	it('a student finds a career area in Spanish: the work, its education, the programs and opportunities, and the Access Index', async () => {
		const page = await visitor.newPage();
		await page.goto(`${eco}/careers`);
		expect(await page.locator('h1').textContent()).toBe('Trayectorias profesionales en STEM');
		await page.getByRole('link', { name: 'Computación y matemáticas' }).click();
		expect(new URL(page.url()).pathname).toBe(`${eco}/careers/15`);
		expect(await page.getByRole('heading', { name: 'En qué consiste el trabajo' }).count()).toBe(1);
		expect(await page.getByText('La mayoría de quienes tienen estos empleos en Estados Unidos tiene una licenciatura o más: el 71 %.').count()).toBe(1);
		// The demo's workforce metric is ACS "computer, engineering and science occupations": the same suppressed figures as the dashboard.
		const table = page.getByRole('table', { name: /Índice de Acceso por grupo/ });
		expect(await table.getByRole('row').count()).toBeGreaterThan(1);
		expect(await page.getByRole('link', { name: 'Buscar todas las oportunidades de esta área' }).getAttribute('href')).toBe(`${eco}/opportunities?area=15`);
		await page.goto(`${eco}/careers/29`);
		expect(await page.getByText('No disponible.').count()).toBeGreaterThan(0);
		await page.close();
		for (const locale of ['en-US', 'es-US']) {
			const context = await newContext({ javaScriptEnabled: true, locale });
			const tab = await context.newPage();
			for (const path of [`${eco}/careers`, `${eco}/careers/15`, `${eco}/careers/29`, '/e/portland/careers/17']) {
				await tab.goto(path);
				expect(await tab.locator('h1').count(), path).toBe(1);
				await expectAccessible(tab);
			}
			await context.close();
		}
	});

	it('a lead partner starts a project with partners, a goal on the agenda and a milestone; a partner posts and completes; the public sees only what it is', async () => {
		const page = await lead.newPage();
		await browserSignIn(page, demoAccounts.partner_admin);
		await page.goto(`${eco}/projects`);
		await page.getByRole('link', { name: 'Start a project' }).click();
		await submit(page, page.getByRole('button', { name: 'Start the project' }));
		expect(await page.getByRole('alert').textContent()).toContain('Enter the summary.');
		await page.getByLabel('What the lead partner does').fill('Runs the bridge-building clubs');
		await page.getByLabel('Title', { exact: true }).fill(projectTitle);
		await page.getByLabel('What the project is', { exact: true }).fill('Girls in three middle schools design, build and test model bridges with engineers.');
		await submit(page, page.getByRole('button', { name: 'Start the project' }));
		expect(await page.locator('h1').textContent()).toBe(projectTitle);
		const projectPath = new URL(page.url()).pathname;

		await page.getByLabel('Partner', { exact: true }).selectOption({ label: 'Faro Verde Youth Science Lab' });
		await page.getByLabel('Role in the project').fill('Sends bilingual engineering mentors');
		await submit(page, page.getByRole('button', { name: 'Add a partner' }));
		expect(await page.getByText('Faro Verde Youth Science Lab: Sends bilingual engineering mentors').count()).toBe(1);
		await page.getByLabel('Goal', { exact: true }).fill('60 girls finish a bridge by May');
		const strategy = page.getByLabel('Common agenda strategy');
		const firstStrategy = await strategy.locator('option').nth(1).textContent();
		await strategy.selectOption({ index: 1 });
		await submit(page, page.getByRole('button', { name: 'Add a goal' }));
		expect(await page.getByText(`common agenda strategy: ${firstStrategy}`).count()).toBe(1);
		await page.getByLabel('Milestone', { exact: true }).fill('Mentors matched to clubs');
		await page.getByLabel('Owner (a partner of the project)').selectOption({ label: 'Faro Verde Youth Science Lab' });
		await page.getByLabel('Due date').fill('not a date');
		await submit(page, page.getByRole('button', { name: 'Add a milestone' }));
		expect(await page.getByRole('alert').textContent()).toContain('Enter the due date as YYYY-MM-DD.');
		await page.getByLabel('Due date').fill(new Date(Date.now() + 21 * 86_400_000).toISOString().slice(0, 10));
		await submit(page, page.getByRole('button', { name: 'Add a milestone' }));
		expect(await page.locator('strong', { hasText: 'Mentors matched to clubs' }).count()).toBe(1);
		await page.close();

		const contributor = await member.newPage();
		await browserSignIn(contributor, demoAccounts.partner_member);
		await contributor.goto(projectPath);
		await contributor.getByLabel('Write an update').fill(update);
		await submit(contributor, contributor.getByRole('button', { name: 'Post the update' }));
		expect(await contributor.getByText(update).count()).toBe(1);
		await contributor.getByLabel('Share a file').setInputFiles({ name: 'mentor list.csv', mimeType: 'text/csv', buffer: Buffer.from('school,mentor\nA,B\n') });
		await submit(contributor, contributor.getByRole('button', { name: 'Upload' }));
		expect(await contributor.getByRole('link', { name: 'mentor list.csv' }).count()).toBe(1);
		await submit(contributor, contributor.locator('li', { hasText: 'Mentors matched to clubs' }).getByRole('button', { name: /Mark done/ }));
		expect(await contributor.locator('li', { hasText: 'Mentors matched to clubs' }).textContent()).toMatch(/· done\s*$/);
		expect(await contributor.getByRole('button', { name: /^Mark done/ }).count()).toBe(0);
		const fileHref = (await contributor.getByRole('link', { name: 'mentor list.csv' }).getAttribute('href'))!;
		await contributor.close();

		const anyone = new HttpSession();
		const html = await (await anyone.get(projectPath)).text();
		expect(html).toContain(projectTitle);
		expect(html).toContain('Sends bilingual engineering mentors');
		expect(html).toContain('60 girls finish a bridge by May');
		for (const secret of [update, 'mentor list.csv', 'Mentors matched to clubs']) expect(html).not.toContain(secret);
		expect((await anyone.get(fileHref)).status).not.toBe(200);
		expect(await (await anyone.get(`${eco}/projects`)).text()).toContain(projectTitle);

		for (const [context, locale] of [[lead, 'en-US'], [visitor, 'es-US']] as const) {
			const tab = await newContext({ javaScriptEnabled: true, locale });
			await tab.addCookies(await context.cookies());
			const p = await tab.newPage();
			for (const path of [`${eco}/projects`, projectPath, ...(context === lead ? [`${eco}/projects/new`] : [])]) {
				await p.goto(path);
				await expectAccessible(p);
			}
			await tab.close();
		}
	});

	it('an applicant withdraws with the private link in their confirmation email, once', async () => {
		const email = `leo.${token}@example.org`;
		const applicant = new HttpSession();
		const slug = 'summer-biomanufacturing-research-internship';
		const applied = await applicant.post(`${eco}/opportunities/${slug}?/apply`, { name: `Leo ${token}`, email, phone: '', age: '17', grade: '11', zip: '19121', statement: 'I like labs.' });
		expect(applied.status).toBe(200);
		let link: string | undefined;
		for (let i = 0; i < 50 && !link; i++) {
			link = mailTo(email).map((mail) => /https?:\/\/\S+\/opportunities\/withdraw\/[A-Za-z0-9_-]+/.exec(mail.body)?.[0]).find(Boolean);
			if (!link) await new Promise((r) => setTimeout(r, 200));
		}
		expect(link).toBeDefined();
		const page = await visitor.newPage();
		await page.goto(new URL(link!).pathname);
		expect(await page.locator('h1').textContent()).toBe('Retirar tu solicitud');
		await submit(page, page.getByRole('button', { name: 'Retirar mi solicitud' }));
		expect(await page.getByRole('status').textContent()).toContain('Tu solicitud está retirada.');
		const tab = await newContext({ javaScriptEnabled: true, locale: 'es-US' });
		const p = await tab.newPage();
		await p.goto(new URL(link!).pathname);
		expect(await p.getByRole('status').textContent()).toContain('Tu solicitud está retirada.');
		await expectAccessible(p);
		await tab.close();
		await page.close();
	});
});

import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, HttpSession, newContext, signedIn, submit } from '../helpers.js';

/**
 * Jamal's journey with JavaScript off: a college partner (the demo's Tinicum Bridge member) posts
 * a paid internship with an age limit; a 17-year-old finds it in Spanish and applies; a
 * 14-year-old is told why she cannot; Jamal reviews, reports the placement and emails the
 * applicant. Then every public page is searched for the applicant's contact data.
 */
const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
// Not priya or rosa: the sign-in tests change those accounts.
const jamal = 'tom.member@philadelphia.demo.parity.example';
const token = randomBytes(3).toString('hex');
const title = `Protein lab internship ${token}`;
const titleEs = `Pasantía en laboratorio de proteínas ${token}`;
const student = { name: `Camila Ortiz ${token}`, email: `camila.${token}@example.org`, phone: '215-555-0142' };
const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);

describeBrowser('opportunities: post, find in Spanish, apply, review (JavaScript off)', () => {
	let poster: BrowserContext;
	let youth: BrowserContext;
	let slug = '';
	let applicationId = '';
	beforeAll(async () => {
		poster = await newContext({ javaScriptEnabled: false });
		youth = await newContext({ javaScriptEnabled: false, locale: 'es-US' });
	});
	afterAll(async () => {
		await poster?.close();
		await youth?.close();
		await closeBrowser();
	});

	/**
	 * axe runs scripts in the page, so each page of the JavaScript-off journey is checked again in
	 * a JavaScript-on tab with the same cookies (the server renders the same HTML either way).
	 */
	async function accessible(from: BrowserContext, path: string, act?: (page: Page) => Promise<void>): Promise<void> {
		const context = await newContext({ javaScriptEnabled: true, locale: from === youth ? 'es-US' : 'en-US' });
		await context.addCookies(await from.cookies());
		const page = await context.newPage();
		await page.goto(path);
		if (act) await act(page);
		await expectAccessible(page);
		await context.close();
	}

	async function posterPage(): Promise<Page> {
		const page = await poster.newPage();
		if (!(await poster.cookies()).some((c) => c.name.includes('session'))) await browserSignIn(page, jamal);
		return page;
	}

	it('a partner posts an internship with an age limit, seeing every problem first', async () => {
		const page = await posterPage();
		await page.goto(`${eco}/opportunities`);
		await page.getByRole('link', { name: 'Post an opportunity' }).click();
		expect(await page.getByText('You are posting for Tinicum Bridge Community College.').count()).toBe(1);
		await submit(page, page.getByRole('button', { name: 'Post the opportunity' }));
		expect(await page.getByRole('alert').textContent()).toContain('Choose what kind of opportunity this is.');
		await accessible(poster, `${eco}/opportunities/new`, (p) => submit(p, p.getByRole('button', { name: 'Post the opportunity' })));

		await page.getByLabel('Kind of opportunity').selectOption('internship');
		await page.getByLabel('For', { exact: true }).selectOption('youth');
		await page.getByLabel('Title', { exact: true }).fill(title);
		await page.getByLabel('Title in Spanish').fill(titleEs);
		await page.getByLabel('Description', { exact: true }).fill('Six weeks purifying proteins with our research team, with a mentor and a final presentation.');
		await page.getByLabel('Description in Spanish').fill('Seis semanas purificando proteínas con nuestro equipo, con mentoría y una presentación final.');
		await page.getByLabel('STEM career').selectOption({ label: 'Biochemists and Biophysicists' });
		await page.getByLabel('Youngest age').fill('16');
		await page.getByLabel('Oldest age').fill('19');
		await page.getByLabel('Black students').check();
		await page.getByLabel('Paid, stipend or unpaid').selectOption('stipend');
		await page.getByLabel('Amount in dollars').fill('1800');
		await page.getByLabel('The amount is').selectOption('total');
		await page.getByLabel('Apply by').fill(deadline);
		await page.getByLabel('Places').fill('10');
		await submit(page, page.getByRole('button', { name: 'Post the opportunity' }));
		expect(await page.locator('h1').textContent()).toBe(title);
		expect(await page.getByRole('status').first().textContent()).toContain('Your opportunity is posted');
		slug = new URL(page.url()).pathname.split('/').pop()!;
		await accessible(poster, `${eco}/opportunities/${slug}`);
		await page.close();
	});

	it('a 17-year-old finds it in Spanish, saves it and applies', async () => {
		const page = await youth.newPage();
		await page.goto(`${eco}/opportunities`);
		expect(await page.getAttribute('html', 'lang')).toBe('es');
		await page.getByLabel('Palabras a buscar').fill(`proteínas ${token}`);
		await page.getByLabel('Tu edad').fill('17');
		await page.getByRole('button', { name: 'Buscar' }).click();
		expect(await page.getByRole('heading', { level: 2, name: '1 oportunidades abiertas' }).count()).toBe(1);
		await accessible(youth, new URL(page.url()).pathname + new URL(page.url()).search);
		await submit(page, page.getByRole('button', { name: new RegExp(`^Guardar\\W+${titleEs}`) }));
		await page.getByRole('link', { name: /Oportunidades guardadas \(1\)/ }).click();
		await page.getByRole('link', { name: titleEs }).click();
		expect(await page.locator('h1').textContent()).toBe(titleEs);
		expect(await page.getByText('Estipendio: $1,800 en total').count()).toBe(1);
		expect(await page.getByText('De 16 a 19 años').count()).toBe(1);
		await accessible(youth, `${eco}/opportunities/saved`);

		await page.getByLabel('Tu nombre').fill(student.name);
		await page.getByLabel('Correo electrónico').fill(student.email);
		await page.getByLabel('Teléfono').fill(student.phone);
		await page.getByLabel('Edad').fill('17');
		await page.getByLabel('Grado').selectOption({ label: 'Grado 11' });
		await page.getByLabel('Código postal').fill('19121');
		await submit(page, page.getByRole('button', { name: 'Enviar mi solicitud' }));
		expect(await page.getByRole('status').textContent()).toContain('Tu solicitud fue enviada');
		await page.close();
	});

	it('a 14-year-old is told why she cannot apply, and nothing is stored', async () => {
		const page = await youth.newPage();
		await page.goto(`${eco}/opportunities/${slug}`);
		await page.getByLabel('Tu nombre').fill('Lucía');
		await page.getByLabel('Correo electrónico').fill(`lucia.${token}@example.org`);
		await page.getByLabel('Edad').fill('14');
		await submit(page, page.getByRole('button', { name: 'Enviar mi solicitud' }));
		const alert = page.getByRole('alert');
		expect(await alert.textContent()).toContain('No puedes solicitar esta oportunidad');
		expect(await alert.textContent()).toContain('Es para personas de 16 años o más.');
		expect(await page.getByLabel('Tu nombre').inputValue()).toBe('Lucía');
		await accessible(youth, `${eco}/opportunities/${slug}`, async (p) => {
			await p.getByLabel('Tu nombre').fill('Lucía');
			await p.getByLabel('Correo electrónico').fill('not-an-email');
			await p.getByLabel('Edad').fill('14');
			await submit(p, p.getByRole('button', { name: 'Enviar mi solicitud' }));
		});
		await page.close();
	});

	it('the poster reviews the application, reports the placement and emails the applicant', async () => {
		const page = await posterPage();
		await page.goto(`${eco}/opportunities/posted`);
		await accessible(poster, `${eco}/opportunities/posted`);
		await page.getByRole('link', { name: new RegExp(`^1\\W+Applications\\W+${title}`) }).click();
		expect(await page.getByRole('cell', { name: student.email }).count()).toBe(1);
		expect(await page.getByText(`lucia.${token}`).count()).toBe(0);
		await accessible(poster, `${eco}/opportunities/${slug}/applications`);
		await page.getByRole('link', { name: student.name }).click();
		applicationId = new URL(page.url()).pathname.split('/').pop()!;
		expect(await page.getByText(student.phone).count()).toBe(1);

		await page.getByLabel('Status', { exact: true }).selectOption('placed');
		await page.getByLabel('Private notes').fill('Strong interview; starts June 16.');
		await submit(page, page.getByRole('button', { name: 'Save status and notes' }));
		expect(await page.getByRole('status').textContent()).toContain('Status and notes saved.');
		expect(await page.locator('dd', { hasText: /placed on \d{4}-\d{2}-\d{2}/ }).textContent()).toMatch(/^Placed\s*\(placed on/);

		await page.getByLabel('Subject', { exact: true }).fill('Welcome to the lab');
		await page.getByLabel('Message', { exact: true }).fill('We would love to have you this summer. Can you visit on Friday at 4pm?');
		await submit(page, page.getByRole('button', { name: 'Send email' }));
		expect(await page.getByRole('status').textContent()).toContain(`Email sent to ${student.email}`);
		expect(await page.getByRole('heading', { level: 3, name: 'Welcome to the lab' }).count()).toBe(1);
		await accessible(poster, new URL(page.url()).pathname, (p) => submit(p, p.getByRole('button', { name: 'Send email' })));

		await page.goto(`${eco}/opportunities/${slug}/applications`);
		expect(await page.getByText('Placements reported: 1 of 10 places.').count()).toBe(1);
		await page.close();
	});

	it('shows the applicant’s contact data to nobody else: no public page, no other role', async () => {
		const visitor = new HttpSession();
		const pages = [
			eco,
			`${eco}/opportunities`,
			`${eco}/opportunities?q=${token}`,
			`${eco}/opportunities/${slug}`,
			`${eco}/opportunities/saved`,
			`${eco}/partners`,
			`${eco}/partners/helix-row-biotherapeutics`,
			`${eco}/dashboard`,
			`${eco}/careers`,
			`${eco}/careers/19`,
			`${eco}/projects`,
			`${eco}/projects/robotics-in-north-philadelphia-middle-schools`,
			'/'
		];
		for (const path of pages) {
			const html = await (await visitor.get(path)).text();
			for (const secret of Object.values(student)) expect(html, `${secret} on ${path}`).not.toContain(secret);
		}
		// The career pathway of the internship's occupation lists it (so the search above saw it).
		expect(await (await visitor.get(`${eco}/careers/19`)).text()).toContain(title);
		for (const role of ['backbone_admin', 'backbone_staff', 'partner_admin', 'educator'] as const) {
			const session = await signedIn(role);
			expect((await session.get(`${eco}/opportunities/${slug}/applications`)).status, role).toBe(403);
			expect((await session.get(`${eco}/opportunities/${slug}/applications/${applicationId}`)).status, role).toBe(403);
			for (const path of [`${eco}/opportunities/${slug}`, `${eco}/opportunities/posted`, `${eco}/admin/outbox`, `${eco}/admin/audit`]) {
				const html = await (await session.get(path)).text();
				for (const secret of Object.values(student)) expect(html, `${secret} on ${path} as ${role}`).not.toContain(secret);
			}
		}
		expect(demoAccounts.partner_admin).not.toBe(jamal);
	});

	it('passes axe on the public opportunity pages of both demo ecosystems, in English and Spanish', async () => {
		for (const locale of ['en-US', 'es-US']) {
			const context = await newContext({ javaScriptEnabled: true, locale });
			const page = await context.newPage();
			for (const path of [
				`${eco}/opportunities?kind=internship&age=16`,
				`${eco}/opportunities/summer-biomanufacturing-research-internship`,
				'/e/portland/opportunities',
				'/e/portland/opportunities/paid-summer-internship-in-chip-testing'
			]) {
				await page.goto(path);
				expect(await page.locator('h1').count(), path).toBe(1);
				await expectAccessible(page);
			}
			await context.close();
		}
	});
});

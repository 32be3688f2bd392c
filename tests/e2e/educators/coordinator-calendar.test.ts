import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, HttpSession, mailTo, newContext, submit } from '../helpers.js';
import { axeWalk } from './axe-walk.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const offering = `${eco}/pd/culturally-responsive-lab-investigations`;
// Brick and Bolt's staff: demo accounts no other test signs in as or changes.
const jordan = 'jordan.member@philadelphia.demo.parity.example';
const ana = 'ana.member@philadelphia.demo.parity.example';

/**
 * Rosa's journey step (JOURNEYS.md: "registers two staff for a PD workshop"), played by the
 * demo partner coordinator Keisha with JavaScript off; then the sessions in calendars.
 */
describeBrowser('a partner coordinator registers two staff for a PD workshop', () => {
	let context: BrowserContext;
	let page: Page;

	beforeAll(async () => {
		context = await newContext({ javaScriptEnabled: false });
		page = await context.newPage();
		await browserSignIn(page, demoAccounts.partner_admin);
	});
	afterAll(async () => {
		await context?.close();
		await closeBrowser();
	});

	it('chooses two people on her staff, registers them, and each gets the confirmation email (Ana in Spanish)', async () => {
		await page.goto(offering);
		await page.getByRole('link', { name: 'Register your staff' }).click();
		expect(new URL(page.url()).pathname).toBe(`${offering}/staff`);
		const seatsBefore = Number((await page.getByText(/^Seats left: \d+ of 24$/).textContent())!.match(/\d+/)![0]);
		// Nothing chosen: the form says so and nothing is registered.
		await submit(page, page.getByRole('button', { name: 'Register the people chosen' }));
		expect(await page.getByRole('alert').textContent()).toMatch(/Choose at least one person/);
		await page.getByLabel(/Jordan Ellis/).check();
		await page.getByLabel(/Ana Beltrán/).check();
		await submit(page, page.getByRole('button', { name: 'Register the people chosen' }));
		expect(await page.getByRole('status').textContent()).toMatch(/Each person was emailed a confirmation/);
		expect(await page.getByText(`Seats left: ${seatsBefore - 2} of 24`).count()).toBe(1);
		const registered = page.getByRole('region', { name: 'Your staff registered for this offering' });
		expect(await registered.getByText('registered by Keisha Monroe').count()).toBe(2);

		await expect.poll(() => mailTo(jordan).map((m) => m.subject)).toContain('You are registered: Culturally responsive lab investigations (demo)');
		await expect.poll(() => mailTo(ana).map((m) => m.subject)).toContain('Está inscrito: Investigaciones de laboratorio culturalmente receptivas (demo)');
		const body = mailTo(jordan).at(-1)!.body;
		expect(body).toContain('Keisha Monroe registered you');
		expect(body).toContain(`${offering}/sessions.ics`);
	});

	it('Jordan sees the seat as his own and downloads the sessions as .ics; the ecosystem feed has them too', async () => {
		const session = new HttpSession();
		await session.signIn(jordan);
		const html = await (await session.get(offering)).text();
		expect(html).toContain('Add the sessions to your calendar (.ics)');
		const ics = await session.get(`${offering}/sessions.ics`);
		expect(ics.status).toBe(200);
		expect(ics.headers.get('content-type')).toContain('text/calendar');
		const text = (await ics.text()).replace(/\r\n /g, '');
		const uids = text.match(/^UID:pd-session-[\w-]+@parity/gm) ?? [];
		expect(uids).toHaveLength(2);
		expect(text.match(/^SEQUENCE:\d+/gm)).toHaveLength(2);
		expect(text).toContain('SUMMARY:Culturally responsive lab investigations (demo)');
		expect(text).toContain('DTSTART;TZID=America/New_York:');
		// The subscribable feed carries the same sessions under the same UIDs.
		const feed = (await (await new HttpSession().get(`${eco}/events/feed.ics`)).text()).replace(/\r\n /g, '');
		for (const uid of uids) expect(feed).toContain(uid);
	});

	it('she cancels both registrations; each person is told by email', async () => {
		await page.goto(`${offering}/staff`);
		for (const name of ['Jordan Ellis', 'Ana Beltrán']) {
			await submit(page, page.getByRole('button', { name: `Cancel the registration of ${name}` }));
			expect(await page.getByRole('status').textContent()).toMatch(/Registration cancelled/);
		}
		expect(await page.getByText('No one on your staff is registered yet.').count()).toBe(1);
		await expect.poll(() => mailTo(jordan).map((m) => m.subject)).toContain('Registration cancelled: Culturally responsive lab investigations (demo)');
		await expect.poll(() => mailTo(ana).map((m) => m.subject)).toContain('Inscripción cancelada: Investigaciones de laboratorio culturalmente receptivas (demo)');
	});

	it('an educator cannot open the coordinator page', async () => {
		const session = new HttpSession();
		await session.signIn(demoAccounts.educator);
		expect((await session.get(`${offering}/staff`)).status).toBe(403);
	});

	it('the staff page passes axe in English and Spanish', { timeout: 120_000 }, () => axeWalk('partner_admin', [`${offering}/staff`]));
});

/** Anonymous survey links: guessing them is refused with 429, Retry-After and a plain page. */
describe('rate limit on anonymous survey links', () => {
	it('answers 404 to a handful of guessed links, then 429 with Retry-After, in the reader’s language', async () => {
		const guesser = new HttpSession();
		const statuses: number[] = [];
		for (let i = 0; i < 11; i++) statuses.push((await guesser.get(`/survey/guess-${i}-${'x'.repeat(40)}`)).status);
		expect(statuses.slice(0, 10)).toEqual(Array(10).fill(404));
		expect(statuses[10]).toBe(429);
		const refused = await guesser.get(`/survey/${'y'.repeat(43)}`);
		expect(refused.status).toBe(429);
		const seconds = Number(refused.headers.get('retry-after'));
		expect(seconds).toBeGreaterThan(0);
		expect(seconds).toBeLessThanOrEqual(600);
		expect(await refused.text()).toContain('Too many survey requests have come from your network');
		await guesser.get('/language/es?next=/');
		expect(await (await guesser.get(`/survey/${'y'.repeat(43)}`)).text()).toContain('Llegaron demasiadas solicitudes de encuesta desde su red');
		// Another network is not affected.
		expect((await new HttpSession().get(`/survey/${'y'.repeat(43)}`)).status).toBe(404);
	});
});

/** Backbone staff add a school and remove a rubric domain, with JavaScript off. */
describeBrowser('school transformation: adding schools and removing rubric domains', () => {
	let context: BrowserContext;
	let page: Page;
	const school = `Harbor View Elementary ${Date.now().toString(36)}`;
	const domain = `Family engagement ${Date.now().toString(36)}`;

	beforeAll(async () => {
		context = await newContext({ javaScriptEnabled: false });
		page = await context.newPage();
		await browserSignIn(page, demoAccounts.backbone_staff);
	});
	afterAll(async () => {
		await context?.close();
		await closeBrowser();
	});

	it('adds a school after fixing what the form flags, and refuses a duplicate name', async () => {
		await page.goto(`${eco}/schools`);
		const add = page.getByRole('region', { name: 'Add a school' });
		await add.getByLabel('Name').fill('kestrel park STEM academy, demo');
		await submit(page, add.getByRole('button', { name: 'Add school' }));
		const problems = await page.getByRole('alert').textContent();
		expect(problems).toContain('This school is already listed: Kestrel Park STEM Academy (demo).');
		expect(problems).toMatch(/Choose at least one grade band/);
		await page.getByRole('region', { name: 'Add a school' }).getByLabel('Name').fill(school);
		await page.getByRole('region', { name: 'Add a school' }).getByLabel('Grades K-2').check();
		await submit(page, page.getByRole('button', { name: 'Add school' }));
		expect(await page.getByRole('status').textContent()).toMatch(/School added/);
		await page.getByRole('link', { name: school, exact: true }).click();
		expect((await page.getByRole('heading', { level: 1 }).textContent())!.trim()).toContain(school);
	});

	it('adds a rubric domain, removes it, and cannot remove one that schools have rated', async () => {
		await page.goto(`${eco}/schools/rubric`);
		const fresh = page.getByRole('region', { name: 'Add a domain' });
		await fresh.getByLabel('Domain name', { exact: true }).fill(domain);
		await fresh.getByLabel('Levels', { exact: true }).fill('Starting\nGrowing\nThriving');
		await submit(page, fresh.getByRole('button'));
		await submit(page, page.getByRole('button', { name: `Remove the domain “${domain}”` }));
		expect(await page.getByRole('status').textContent()).toMatch(/Domain removed/);
		expect(await page.getByRole('heading', { name: domain }).count()).toBe(0);
		// The demo schools rated the default domains: no remove button, and the reason is shown.
		const leadership = page.getByRole('region', { name: 'Leadership and culture' });
		expect(await leadership.getByRole('button', { name: /Remove the domain/ }).count()).toBe(0);
		expect(await leadership.getByText(/it stays so their history stays/).count()).toBe(1);
	});

	it('the schools page with its add form passes axe in English and Spanish', { timeout: 120_000 }, () => axeWalk('backbone_staff', [`${eco}/schools`, `${eco}/schools/rubric`]));
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, expectAccessible, HttpSession, newContext, submit } from '../helpers.js';

/**
 * The lending library over the built server: two educators race for the last robotics kit at the
 * same moment (one booking, one clear refusal); an educator reserves microscopes with JavaScript
 * off and the lending partner records the hand-over and the return.
 */
const eco = '/e/philadelphia';
// Not rosa: the sign-in tests change her address. A partner member may reserve too.
const educators = ['andre.educator@philadelphia.demo.parity.example', 'marisol.member@philadelphia.demo.parity.example'];
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

describe('lending: the last kit, reserved twice at the same moment', () => {
	it('books it once and refuses the other person, saying why', async () => {
		const sessions = await Promise.all(
			educators.map(async (email) => {
				const session = new HttpSession();
				await session.signIn(email);
				return session;
			})
		);
		const form = { starts_on: inDays(20), ends_on: inDays(24), quantity: '1', purpose: 'Robotics unit' };
		const responses = await Promise.all(sessions.map((s) => s.post(`${eco}/lending/robotics-starter-kit?/reserve`, form)));
		expect(responses.map((r) => r.status).sort()).toEqual([303, 422]);
		const refused = responses.find((r) => r.status === 422)!;
		expect(await refused.text()).toContain(`None is free for every day from ${form.starts_on} to ${form.ends_on}.`);
		const calendar = await (await new HttpSession().get(`${eco}/lending/robotics-starter-kit`)).text();
		expect(calendar).toContain(`${inDays(22).slice(5)}: none free`);
		expect(calendar).toContain(`${inDays(25).slice(5)}: 1 free`);
	});
});

const describeBrowser = chromiumPath() ? describe : describe.skip;

describeBrowser('lending with JavaScript off', () => {
	let educator: BrowserContext;
	let lender: BrowserContext;
	beforeAll(async () => {
		educator = await newContext({ javaScriptEnabled: false });
		lender = await newContext({ javaScriptEnabled: false });
	});
	afterAll(async () => {
		await educator?.close();
		await lender?.close();
		await closeBrowser();
	});

	it('an educator reserves microscopes; the lending partner hands them over and takes them back', async () => {
		const page = await educator.newPage();
		await browserSignIn(page, 'andre.educator@philadelphia.demo.parity.example');
		await page.goto(`${eco}/lending`);
		await page.getByRole('link', { name: 'Classroom microscope kit (demo)' }).click();
		await page.getByLabel('First day').fill(inDays(10));
		await page.getByLabel('Last day').fill(inDays(5));
		await submit(page, page.getByRole('button', { name: 'Reserve', exact: true }));
		expect(await page.getByRole('alert').textContent()).toContain('The last day must be on or after the first day.');
		await page.getByLabel('Last day').fill(inDays(23));
		await page.getByLabel('How many you need').fill('2');
		await submit(page, page.getByRole('button', { name: 'Reserve', exact: true }));
		expect(await page.getByRole('status').textContent()).toContain('Reserved.');
		expect(await page.getByText(`2 from ${inDays(10)} to ${inDays(23)}`).count()).toBe(1);

		// The fab lab's staff are not among the demo accounts: the backbone lends on its behalf.
		const staff = await lender.newPage();
		await browserSignIn(staff, 'luis.staff@philadelphia.demo.parity.example');
		await staff.goto(`${eco}/lending/loans`);
		const card = staff.locator('article', { hasText: `Classroom microscope kit (demo): ` }).filter({ hasText: inDays(10) });
		await card.getByLabel('Note at pick-up').fill('Two cases, 16 microscopes, 40 slides.');
		await submit(staff, card.getByRole('button', { name: /Record pick-up/ }));
		const out = staff.locator('article', { hasText: 'Two cases, 16 microscopes' });
		await out.getByLabel('Condition on return').selectOption('fair');
		await out.getByLabel('Note at return').fill('Two slides cracked.');
		await submit(staff, out.getByRole('button', { name: /Record return/ }));
		expect(await staff.getByText('Returned in Fair condition: Two slides cracked.').count()).toBe(1);
		await page.close();
		await staff.close();
	});

	it('passes axe on every lending page', async () => {
		const context = await newContext({ javaScriptEnabled: true });
		const page = await context.newPage();
		await browserSignIn(page, 'luis.staff@philadelphia.demo.parity.example');
		for (const path of [`${eco}/lending`, `${eco}/lending/classroom-microscope-kit`, `${eco}/lending/loans`, `${eco}/lending/new`, '/e/portland/lending']) {
			await page.goto(path);
			await expectAccessible(page);
		}
		await page.goto(`${eco}/lending/new`);
		await submit(page, page.getByRole('button', { name: 'List the equipment' }));
		expect(await page.getByRole('alert').count()).toBe(1);
		await expectAccessible(page);
		await context.close();
	});
});

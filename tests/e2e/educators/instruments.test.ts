import { afterAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { HttpSession, browserSignIn, chromiumPath, closeBrowser, demoAccounts, newContext, submit } from '../helpers.js';
import { axeWalk } from './axe-walk.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const instrument = '/e/philadelphia/instruments/stem-interest-and-identity';
const q1 = '1. I enjoy figuring out how things work.';

/** The results table's row for a scale or question, as text cells. */
async function resultRow(page: Page, name: string): Promise<string[]> {
	const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) }).first();
	return (await row.locator('td').allTextContents()).map((t) => t.trim());
}

/**
 * Keisha's makerspace runs the demo STEM-interest survey: a young person answers through the
 * anonymous links with JavaScript off, a single pair stays hidden under the threshold of 11, and
 * with twelve pairs the change and effect size appear as hand-calculated.
 */
describeBrowser('program-quality instruments', () => {
	afterAll(closeBrowser);
	let links: { pre: string; post: string } | undefined;

	it('a partner starts a run, a participant answers through the anonymous links, and a small group stays hidden', async () => {
		const staff = await newContext({ javaScriptEnabled: false });
		const page = await staff.newPage();
		await browserSignIn(page, demoAccounts.partner_admin);
		await page.goto('/e/philadelphia/pd');
		await page.getByRole('link', { name: 'Instruments' }).click();
		await page.getByRole('link', { name: 'STEM interest and identity (demo)' }).click();
		await page.getByLabel('Name of the group').fill('Robotics club (e2e)');
		await submit(page, page.getByRole('button', { name: 'Start run and get links' }));
		const codes = await page.locator('dd code').allTextContents();
		expect(codes).toHaveLength(2);
		links = { pre: new URL(codes[0]!).pathname, post: new URL(codes[1]!).pathname };
		expect(links.pre).toMatch(/^\/survey\/[A-Za-z0-9_-]{43}$/);

		// The participant: not signed in, JavaScript off, no name anywhere.
		const youth = await newContext({ javaScriptEnabled: false });
		const survey = await youth.newPage();
		await survey.goto(links.pre);
		expect(await survey.getByRole('heading', { level: 1 }).textContent()).toBe('STEM interest and identity (demo)');
		await survey.getByLabel('Participant code').fill('robot-7');
		await submit(survey, survey.getByRole('button', { name: 'Send my answers' }));
		expect(await survey.getByRole('alert').textContent()).toMatch(/Answer at least one question/);
		await survey.getByLabel('Participant code').fill('robot-7');
		await survey.getByRole('group', { name: q1 }).getByLabel('Neither agree nor disagree').check();
		await survey.getByRole('group', { name: '3. I see myself as someone who can do science.' }).getByLabel('Disagree', { exact: true }).check();
		await submit(survey, survey.getByRole('button', { name: 'Send my answers' }));
		expect(await survey.getByRole('status').textContent()).toMatch(/Thank you/);
		await survey.goto(links.post);
		expect(await survey.getByText('after the program').count()).toBeGreaterThan(0);
		await survey.getByLabel('Participant code').fill('ROBOT7');
		await survey.getByRole('group', { name: q1 }).getByLabel('Agree', { exact: true }).check();
		await survey.getByRole('group', { name: '3. I see myself as someone who can do science.' }).getByLabel('Agree', { exact: true }).check();
		await submit(survey, survey.getByRole('button', { name: 'Send my answers' }));
		expect(await survey.getByRole('status').textContent()).toMatch(/Thank you/);
		await youth.close();

		await page.reload();
		expect(await page.getByText('Your answers so far: 1 before, 1 after, 1 linked pairs, 0 without a pair.').count()).toBe(1);
		// One pair: hidden. The network (the demo partner's 12 pairs and this one) is shown.
		const [own, ...network] = await resultRow(page, 'Scale: STEM interest');
		expect(own).toBe('Hidden: fewer than 11 pairs (or the rest of the network would be)');
		expect(network[0]).toBe('13');
		await staff.close();
	});

	it('with twelve pairs the partner sees its change and effect size as hand-calculated', async () => {
		expect(links).toBeDefined();
		const session = new HttpSession();
		const page1 = await session.get(links!.pre);
		const itemId = /name="(item\.[0-9a-f-]{36})"/.exec(await page1.text())![1]!;
		// Eleven more participants answer question 1 only: before 2 or 3; six gain 1, five gain 2.
		for (let i = 0; i < 11; i++) {
			const pre = 2 + (i % 2);
			const post = pre + (i < 6 ? 1 : 2);
			expect((await session.post(links!.pre, { participant_code: `E2E${i}X`, [itemId]: String(pre) })).status).toBe(200);
			expect((await session.post(links!.post, { participant_code: `E2E${i}X`, [itemId]: String(post) })).status).toBe(200);
		}
		const context = await newContext({ javaScriptEnabled: false });
		const page = await context.newPage();
		await browserSignIn(page, demoAccounts.partner_admin);
		await page.goto(instrument);
		// Question 1, 12 pairs: changes 1 (the browser participant, 3 → 4, and six others) and 2 (five):
		// mean 17/12 = 1.4167, SD of changes √((7·(5/12)² + 5·(7/12)²)/11) = 0.51493, d_z = 2.7512.
		// Means: before (3 + six 2s + five 3s) / 12 = 30/12 = 2.50; after 2.50 + 1.4167 = 3.92.
		const row = await resultRow(page, 'I enjoy figuring out how things work.');
		expect(row.slice(0, 4)).toEqual(['12', '2.50 → 3.92', '+1.42', '2.75']);
		await context.close();
	});

	it('instrument pages and the anonymous survey pass axe in English and Spanish', { timeout: 180_000 }, async () => {
		await axeWalk('partner_admin', ['/e/philadelphia/instruments', instrument]);
		await axeWalk('backbone_staff', ['/e/philadelphia/instruments', instrument]);
		await axeWalk(null, [links!.post]);
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, newContext, submit } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
// marisol.member is a partner member of Faro Verde.
const programsOf = `${eco}/partners/faro-verde-youth-science-lab/programs`;

describeBrowser('a partner lists a program and a family finds it, with JavaScript off', () => {
	let partner: BrowserContext;
	let family: BrowserContext;
	let partnerPage: Page;
	let familyPage: Page;
	// axe runs inside the page, so it needs JavaScript: the same pages are checked in a second context.
	let checker: BrowserContext;
	let checkerPage: Page;
	const axeAt = async (path: string, locale: 'en' | 'es' = 'en') => {
		await checkerPage.goto(`/language/${locale}?next=${encodeURIComponent(path)}`);
		expect(new URL(checkerPage.url()).pathname).toBe(path.split('?')[0]);
		await expectAccessible(checkerPage);
	};
	const name = `Robótica del lunes ${Date.now().toString(36)}`;

	beforeAll(async () => {
		partner = await newContext({ javaScriptEnabled: false });
		family = await newContext({ javaScriptEnabled: false, locale: 'es-US' });
		partnerPage = await partner.newPage();
		familyPage = await family.newPage();
		await browserSignIn(partnerPage, demoAccounts.partner_member);
		checker = await newContext({ javaScriptEnabled: true });
		checkerPage = await checker.newPage();
		await browserSignIn(checkerPage, demoAccounts.partner_member);
	});
	afterAll(async () => {
		await partner?.close();
		await family?.close();
		await checker?.close();
		await closeBrowser();
	});

	it('shows every problem of a bad program form at once, keeping what was typed', async () => {
		await axeAt(`${programsOf}/new`);
		await axeAt(`${programsOf}/new`, 'es');
		await checkerPage.goto(`/language/en?next=${encodeURIComponent(`${programsOf}/new`)}`);
		await submit(checkerPage, checkerPage.getByRole('button', { name: 'Add a program' }));
		await expectAccessible(checkerPage);

		await partnerPage.goto(`${programsOf}/new`);
		await partnerPage.getByLabel('Program name (English)').fill('Oops');
		await partnerPage.getByLabel('ZIP code').first().fill('123');
		await submit(partnerPage, partnerPage.getByRole('button', { name: 'Add a program' }));
		const summary = partnerPage.locator('.error-summary');
		await expect.poll(() => summary.locator('li').count()).toBeGreaterThanOrEqual(5);
		expect(await summary.innerText()).toContain('Enter the 5-digit ZIP code of the place.');
		expect(await summary.innerText()).toContain('Choose at least one subject.');
		expect(await partnerPage.getByLabel('Program name (English)').inputValue()).toBe('Oops');
	});

	it('a partner member adds a program with a weekly schedule and a Spanish description', async () => {
		await partnerPage.goto(`${programsOf}/new`);
		await partnerPage.getByLabel('Program name (English)').fill(`Monday Robotics ${name.slice(-6)}`);
		await partnerPage.getByLabel('Program name (Spanish)').fill(name);
		await partnerPage.getByLabel('Description (English)').fill('Build robots every Monday after school with our bilingual team.');
		await partnerPage.getByLabel('Description (Spanish)').fill('Construye robots cada lunes después de clases con nuestro equipo bilingüe.');
		const subjects = partnerPage.getByRole('group', { name: /^Subjects/ });
		await subjects.getByLabel('Robotics').check();
		await partnerPage.getByRole('group', { name: /^Format/ }).getByLabel('After school').check();
		await partnerPage.getByRole('group', { name: /^Languages it is taught in/ }).getByLabel('Spanish').check();
		await partnerPage.getByLabel('Minimum age').fill('9');
		await partnerPage.getByLabel('Maximum age').fill('13');
		await partnerPage.locator('#field-cost_kind').selectOption('free');
		await partnerPage.getByLabel('Place name').fill('Faro Verde lab');
		await partnerPage.getByLabel('ZIP code').first().fill('19133');
		const weekly = partnerPage.getByRole('group', { name: 'Weekly schedule' });
		await weekly.getByLabel('Monday').check();
		await weekly.getByLabel('Start time').fill('16:00');
		await weekly.getByLabel('End time').fill('17:30');
		await weekly.getByLabel('First date').fill('2026-09-14');
		await partnerPage.getByLabel('I confirm this listing is current').check();
		await submit(partnerPage, partnerPage.getByRole('button', { name: 'Add a program' }));
		expect(new URL(partnerPage.url()).pathname).toBe(programsOf);
		expect(await partnerPage.getByRole('status').innerText()).toContain('Program saved.');
		const link = partnerPage.getByRole('link', { name: new RegExp(`Monday Robotics ${name.slice(-6)}`) });
		expect(await link.count()).toBe(1);
		await axeAt(programsOf);
		await axeAt(programsOf, 'es');
		await axeAt((await link.getAttribute('href'))!);
	});

	it('a signed-out family finds it by ZIP and radius in Spanish, sees its distance, and opens its page', async () => {
		await familyPage.setViewportSize({ width: 360, height: 800 });
		await familyPage.goto(`/language/es?next=${encodeURIComponent(`${eco}/programs`)}`);
		expect(await familyPage.getAttribute('html', 'lang')).toBe('es');
		await familyPage.getByLabel('Su código postal').fill('19134');
		await familyPage.getByLabel('Distancia').selectOption('5');
		await familyPage.getByLabel('Día', { exact: true }).selectOption('MO');
		await Promise.all([familyPage.waitForURL(/zip=19134/), familyPage.getByRole('button', { name: 'Buscar' }).click()]);
		const card = familyPage.locator('.results li.card', { hasText: name });
		expect(await card.count()).toBe(1);
		expect(await card.locator('.distance').innerText()).toMatch(/^A \d+(\.\d)? millas$/);
		expect(await familyPage.locator('svg.svg-map circle').count()).toBeGreaterThan(1);
		const scrollWidth = await familyPage.evaluate(() => document.documentElement.scrollWidth);
		expect(scrollWidth, 'no sideways scrolling at 360 px').toBeLessThanOrEqual(360);
		const results = new URL(familyPage.url());
		await axeAt(results.pathname + results.search, 'es');

		await card.getByRole('link', { name }).click();
		await familyPage.waitForLoadState('load');
		expect(await familyPage.locator('h1').innerText()).toBe(name);
		const body = await familyPage.locator('main').innerText();
		expect(body).toContain('Construye robots cada lunes');
		expect(body).toMatch(/Cada semana los Lunes, de 4:00 p\.\s?m\. a 5:30 p\.\s?m\./);
		expect(body).toMatch(/A \d+(\.\d)? millas/);
		const programPage = new URL(familyPage.url());
		await axeAt(programPage.pathname + programPage.search, 'es');
		await axeAt(programPage.pathname + programPage.search, 'en');
	});

	it('the finder and a program page pass axe in English too, and bad filters are dropped politely', async () => {
		await familyPage.setViewportSize({ width: 1200, height: 900 });
		await familyPage.goto(`/language/en?next=${encodeURIComponent(`${eco}/programs?zip=ABC&q=science`)}`);
		expect(await familyPage.locator('main').innerText()).toContain('Some search choices were not valid and were left out.');
		await axeAt(`${eco}/programs?zip=19104&q=science`);
		await axeAt(`/e/portland/programs?zip=97211`, 'es');
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { baseURL, chromiumPath, closeBrowser, expectAccessible, HttpSession, newContext } from '../helpers.js';

/** Every public page a signed-out visitor can reach from the demo. */
const publicPages = [
	'/',
	'/e/philadelphia',
	'/e/philadelphia/partners',
	'/e/philadelphia/partners/brick-and-bolt-youth-makerspace',
	'/e/philadelphia/dashboard',
	'/e/portland',
	'/e/portland/dashboard',
	'/e/portland/partners',
	'/sign-in',
	'/forgot-password',
	'/reset-password?token=not-a-real-token',
	'/invite/not-a-real-token'
];

const describeBrowser = chromiumPath() ? describe : describe.skip;

describeBrowser('the public site in a browser', () => {
	let js: BrowserContext;
	let noJs: BrowserContext;
	beforeAll(async () => {
		js = await newContext({ javaScriptEnabled: true });
		noJs = await newContext({ javaScriptEnabled: false });
	});
	afterAll(async () => {
		await js?.close();
		await noJs?.close();
		await closeBrowser();
	});

	for (const locale of ['en', 'es'] as const) {
		it(`every public page passes axe with 0 violations in ${locale === 'en' ? 'English' : 'Spanish'}`, async () => {
			const page = await js.newPage();
			await page.goto(`/language/${locale}?next=/`);
			for (const path of publicPages) {
				const response = await page.goto(path);
				expect(response?.status(), path).toBeLessThan(500);
				expect(await page.getAttribute('html', 'lang')).toBe(locale);
				expect(await page.locator('h1').count(), `one h1 on ${path}`).toBe(1);
				await expectAccessible(page);
			}
			await page.close();
		});
	}

	it('reads the whole public site with JavaScript off, following links and switching language', async () => {
		const page = await noJs.newPage();
		await page.goto('/');
		await page.getByRole('link', { name: 'Philadelphia STEM Equity Collective' }).click();
		await expect.poll(() => page.url()).toContain('/e/philadelphia');
		await expect(page.getByRole('heading', { level: 2, name: 'Our goal' }).isVisible()).resolves.toBe(true);
		for (const condition of ['Common agenda', 'Shared measurement', 'Mutually reinforcing activities', 'Continuous communication', 'Backbone support']) {
			expect(await page.getByRole('heading', { level: 3, name: condition }).count(), condition).toBe(1);
		}
		await page.getByRole('navigation', { name: /sections/ }).getByRole('link', { name: 'Partners' }).click();
		expect(await page.getByRole('heading', { level: 2, name: 'Employers' }).count()).toBe(1);
		await page.getByRole('link', { name: 'Brick and Bolt Youth Makerspace' }).click();
		expect(await page.locator('h1').textContent()).toBe('Brick and Bolt Youth Makerspace');

		await page.getByRole('link', { name: 'Español' }).click();
		await expect.poll(() => page.url()).toContain('/partners/brick-and-bolt-youth-makerspace');
		expect(await page.getAttribute('html', 'lang')).toBe('es');
		expect(await page.getByRole('heading', { level: 2, name: 'Contacto' }).count()).toBe(1);
		await page.getByRole('link', { name: 'English' }).click();
		expect(await page.getAttribute('html', 'lang')).toBe('en');
		await page.close();
	});

	it('lays out without horizontal scrolling at 360 px wide', async () => {
		const page = await js.newPage();
		await page.setViewportSize({ width: 360, height: 740 });
		for (const path of ['/', '/e/philadelphia', '/e/philadelphia/partners', '/e/philadelphia/dashboard', '/sign-in']) {
			await page.goto(path);
			const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
			expect(overflow, `horizontal overflow on ${path}`).toBeLessThanOrEqual(0);
		}
		await page.close();
	});
});

describe('public pages over HTTP', () => {
	it('puts the security headers on pages, errors, 404s, JSON and static files', async () => {
		const http = new HttpSession();
		const paths = ['/', '/e/philadelphia', '/e/nowhere', '/no/such/page', '/api/auth/get-session', '/favicon.svg', '/robots.txt'];
		for (const path of paths) {
			const response = await http.get(path);
			const csp = response.headers.get('content-security-policy') ?? '';
			expect(csp, `CSP on ${path}`).toMatch(/frame-ancestors 'none'/);
			expect(csp, `CSP on ${path}`).toMatch(/default-src '(self|none)'/);
			expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
			expect(response.headers.get('referrer-policy'), path).toBe('strict-origin-when-cross-origin');
			// Served over plain http here, so no HSTS (it would pin browsers to https).
			expect(response.headers.get('strict-transport-security'), path).toBeNull();
		}
	});

	it('sends no policy on a 304, so a revisited page keeps its own nonce-based policy', async () => {
		const http = new HttpSession();
		for (const path of ['/', '/e/philadelphia', '/favicon.svg']) {
			const first = await http.get(path);
			const etag = first.headers.get('etag');
			expect(etag, `ETag on ${path}`).toBeTruthy();
			const again = await http.request(path, { headers: { 'if-none-match': etag! } });
			expect(again.status, path).toBe(304);
			expect(again.headers.get('content-security-policy'), path).toBeNull();
		}
	});

	it('answers unknown ecosystems and partners with 404 pages, not errors', async () => {
		const http = new HttpSession();
		expect((await http.get('/e/atlantis')).status).toBe(404);
		expect((await http.get('/e/philadelphia/partners/no-such-partner')).status).toBe(404);
		const body = await (await http.get('/e/atlantis')).text();
		expect(body).toContain('There is no ecosystem at that address.');
		expect(body).not.toMatch(/at .*\.(js|ts):\d+/);
	});

	it('serves Spanish when the browser prefers it and remembers the switch', async () => {
		const spanish = await fetch(baseURL() + '/e/philadelphia', { headers: { 'accept-language': 'es-MX,es;q=0.9' } });
		expect(await spanish.text()).toContain('lang="es"');
		const http = new HttpSession();
		const switched = await http.get('/language/es?next=/e/portland');
		expect(switched.status).toBe(303);
		expect(switched.headers.get('location')).toBe('/e/portland');
		expect(await (await http.get('/e/portland')).text()).toContain('Nuestra meta');
	});

	it('refuses to redirect the language switch to another site', async () => {
		const response = await new HttpSession().get('/language/es?next=//evil.example/');
		expect(response.headers.get('location')).toBe('/');
	});
});

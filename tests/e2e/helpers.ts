import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { AxeBuilder } from '@axe-core/playwright';
import { expect } from 'vitest';
import { createHmac } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { base32Bytes } from '../../src/lib/server/testing/auth-http.js';

export const baseURL = (): string => inject('baseURL');
export const chromiumPath = (): string | null => inject('chromiumPath');
export const DEMO_PASSWORD = 'parity-demo-2030';

export interface ReceivedMail {
	to: string[];
	subject: string;
	body: string;
}

/** Every message the e2e SMTP server has received for `address`, oldest first. */
export function mailTo(address: string): ReceivedMail[] {
	const dir = inject('mailDir');
	return readdirSync(dir)
		.sort()
		.map((file) => JSON.parse(readFileSync(join(dir, file), 'utf8')) as ReceivedMail)
		.filter((mail) => mail.to.includes(address.toLowerCase()));
}

/** The Philadelphia demo accounts, one per role (see src/lib/server/demo/demo-content.ts). */
export const demoAccounts = {
	platform_admin: 'admin@platform.demo.parity.example',
	backbone_admin: 'dana.admin@philadelphia.demo.parity.example',
	backbone_staff: 'luis.staff@philadelphia.demo.parity.example',
	partner_admin: 'keisha.partner@philadelphia.demo.parity.example',
	partner_member: 'marisol.member@philadelphia.demo.parity.example',
	educator: 'andre.educator@philadelphia.demo.parity.example'
} as const;
export type DemoRole = keyof typeof demoAccounts;

/** A tiny cookie-keeping HTTP client: what a browser with JavaScript off does. */
export class HttpSession {
	private cookies = new Map<string, string>();
	/** Each session looks like a different client to per-IP rate limits (the server trusts the proxy header). */
	readonly clientIp = uniqueClientIp();
	constructor(readonly origin = baseURL()) {}

	async request(path: string, init: RequestInit & { form?: Record<string, string> } = {}): Promise<Response> {
		const headers = new Headers(init.headers);
		headers.set('accept', headers.get('accept') ?? 'text/html');
		headers.set('x-forwarded-for', headers.get('x-forwarded-for') ?? this.clientIp);
		if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
		let body = init.body;
		if (init.form) {
			headers.set('content-type', 'application/x-www-form-urlencoded');
			headers.set('origin', headers.get('origin') ?? this.origin);
			body = new URLSearchParams(init.form).toString();
		}
		const response = await fetch(this.origin + path, { ...init, headers, body, redirect: 'manual' });
		for (const line of response.headers.getSetCookie()) {
			const [pair] = line.split(';');
			const index = pair!.indexOf('=');
			const name = pair!.slice(0, index).trim();
			const value = pair!.slice(index + 1).trim();
			if (/max-age=0/i.test(line) || value === '') this.cookies.delete(name);
			else this.cookies.set(name, value);
		}
		return response;
	}

	get(path: string): Promise<Response> {
		return this.request(path);
	}

	post(path: string, form: Record<string, string>, headers: Record<string, string> = {}): Promise<Response> {
		return this.request(path, { method: 'POST', form, headers });
	}

	/** The same cookies sent to another server (e.g. a second app server behind the balancer). */
	on(origin: string): HttpSession {
		const other = new HttpSession(origin);
		for (const [name, value] of this.cookies) other.cookies.set(name, value);
		return other;
	}

	async signIn(email: string, password = DEMO_PASSWORD): Promise<void> {
		const response = await this.post('/sign-in', { email, password, next: '/account' });
		if (response.status !== 303) throw new Error(`sign-in as ${email} answered ${response.status}`);
	}
}

export async function signedIn(role: DemoRole): Promise<HttpSession> {
	const session = new HttpSession();
	await session.signIn(demoAccounts[role]);
	return session;
}

/** A random address from the benchmarking range (RFC 2544) per simulated client; no traffic goes there. */
export function uniqueClientIp(): string {
	const n = Math.floor(Math.random() * 2 ** 17);
	return `198.${18 + (n >> 16)}.${(n >> 8) & 0xff}.${n & 0xff}`;
}

let browser: Browser | undefined;

export async function launchBrowser(): Promise<Browser> {
	const executablePath = chromiumPath();
	if (!executablePath) throw new Error('Chromium is not available');
	browser ??= await chromium.launch({
		executablePath,
		headless: true,
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage'
		]
	});
	return browser;
}

export async function closeBrowser(): Promise<void> {
	await browser?.close();
	browser = undefined;
}

/** Contexts made with JavaScript off, and their locale: axe needs JavaScript to run (see below). */
const withoutJavaScript = new WeakMap<BrowserContext, string>();

export async function newContext(options: { javaScriptEnabled?: boolean; locale?: string } = {}): Promise<BrowserContext> {
	const b = await launchBrowser();
	const locale = options.locale ?? 'en-US';
	const context = await b.newContext({
		baseURL: baseURL(),
		javaScriptEnabled: options.javaScriptEnabled ?? true,
		locale,
		viewport: { width: 1200, height: 900 },
		extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() }
	});
	if (options.javaScriptEnabled === false) withoutJavaScript.set(context, locale);
	return context;
}

/** Runs axe-core (WCAG 2.1 A/AA rules) on the page and fails with a readable list of violations. */
export async function expectAccessible(page: Page): Promise<void> {
	const locale = withoutJavaScript.get(page.context());
	if (locale !== undefined) {
		// axe-core runs as a script in the page, which a JavaScript-off context never runs (it
		// waits forever): check the same address, with the same cookies, in a context with it on.
		const b = await launchBrowser();
		const checker = await b.newContext({ baseURL: baseURL(), locale, viewport: { width: 1200, height: 900 }, storageState: await page.context().storageState(), extraHTTPHeaders: { 'x-forwarded-for': uniqueClientIp() } });
		try {
			const twin = await checker.newPage();
			await twin.goto(page.url());
			await expectAccessible(twin);
		} finally {
			await checker.close();
		}
		return;
	}
	const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
	const problems = results.violations.map(
		(v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`
	);
	expect(problems, `axe violations on ${page.url()}`).toEqual([]);
}

export async function browserSignIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
	await page.goto('/sign-in');
	await page.getByLabel(/email/i).fill(email);
	await page.getByLabel(/^password/i).fill(password);
	await submit(page, page.getByRole('button', { name: /sign in|entrar/i }));
}

/** Clicks a submit button and waits for the page the server answers with (JavaScript on or off). */
export async function submit(page: Page, button: ReturnType<Page['getByRole']>): Promise<void> {
	const posted = page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest());
	await button.click();
	const response = await posted;
	const location = response.status() >= 300 && response.status() < 400 ? response.headers()['location'] : undefined;
	if (location) await page.waitForURL(new URL(location, response.url()).href.split('?')[0] + '**');
	await page.waitForLoadState('load');
}

/** RFC 6238 TOTP (SHA-1, 30 s, 6 digits) from a base32 secret: what an authenticator app shows. */
export function totp(base32Secret: string, at = Date.now()): string {
	const bytes = base32Bytes(base32Secret);
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
	const hmac = createHmac('sha1', bytes).update(counter).digest();
	const offset = hmac[hmac.length - 1]! & 0xf;
	const code = (hmac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
	return code.toString().padStart(6, '0');
}

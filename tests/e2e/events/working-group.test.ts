import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import { browserSignIn, chromiumPath, closeBrowser, expectAccessible, newContext, signedIn, submit, type HttpSession } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
const group = `${eco}/groups/measurement-and-evaluation-workgroup`;
// Not one of the authorisation matrix's accounts (whose group memberships that test relies on),
// nor priya, whom the sign-in test gives two-factor sign-in.
const author = 'tom.member@philadelphia.demo.parity.example';
const marisol = 'marisol.member@philadelphia.demo.parity.example';

/** The newest message to `to` whose text matches `pattern`, from the ecosystem outbox (no SMTP in the demo). */
async function outboxText(admin: HttpSession, to: string, pattern: RegExp): Promise<string> {
	const html = (await (await admin.get(`${eco}/admin/outbox`)).text()).replaceAll('&amp;', '&').replaceAll('&#39;', "'").replaceAll('&quot;', '"');
	const block = html.split(/<tr|<li|<article/).find((b) => b.includes(to) && pattern.test(b));
	if (!block) throw new Error(`no message to ${to} matching ${pattern}`);
	return block;
}

describeBrowser('working groups: join, discuss with @mentions, share a file (JavaScript off)', () => {
	let authorContext: BrowserContext;
	let marisolContext: BrowserContext;
	let page: Page;
	let admin: HttpSession;
	const title = `Data sharing agreement ${Date.now().toString(36)}`;
	let threadPath = '';

	beforeAll(async () => {
		authorContext = await newContext({ javaScriptEnabled: false });
		marisolContext = await newContext({ javaScriptEnabled: false });
		page = await authorContext.newPage();
		await browserSignIn(page, author);
		admin = await signedIn('backbone_admin');
	});
	afterAll(async () => {
		await authorContext?.close();
		await marisolContext?.close();
		await closeBrowser();
	});

	it('a partner member joins a members-only group and starts a discussion that mentions a member, who is emailed', async () => {
		await page.goto(`${eco}/groups`);
		await page.getByRole('link', { name: 'Measurement and evaluation workgroup (demo)' }).click();
		await submit(page, page.getByRole('button', { name: 'Join this group' }));
		expect(await page.getByRole('status').textContent()).toContain('You joined the group.');
		await submit(page, page.getByRole('button', { name: 'Start the discussion' }));
		expect(await page.getByRole('alert').textContent()).toContain('Enter a title for the discussion.');
		await page.getByLabel('Title').fill(title);
		await page.getByLabel('Message').fill('Draft attached soon. @marisol.member could your sites review it by Friday?');
		await submit(page, page.getByRole('button', { name: 'Start the discussion' }));
		expect(page.url()).toMatch(/\/threads\/[\w-]+$/);
		threadPath = new URL(page.url()).pathname;
		expect(await page.locator('main').textContent()).toContain('could your sites review it by Friday?');

		const mail = await outboxText(admin, marisol, /mentioned you|te mencionó/);
		expect(mail).toContain(`${threadPath}`);
		expect(mail).toContain('could your sites review it by Friday?');
	});

	it('the mentioned member replies from the emailed link and the author gets a reply notice', async () => {
		const hers = await marisolContext.newPage();
		await browserSignIn(hers, marisol);
		await hers.goto(threadPath);
		await hers.getByLabel('Message').fill('Yes, we will review it by Friday.');
		await submit(hers, hers.getByRole('button', { name: 'Post the reply' }));
		expect(await hers.getByRole('status').textContent()).toContain('Your reply is posted.');
		expect(await hers.locator('main').textContent()).toContain('Yes, we will review it by Friday.');
		expect(await outboxText(admin, author, new RegExp(`New reply in “${title}”`))).toContain('Yes, we will review it by Friday.');
	});

	it('members share a PDF, refused files say why, and downloads come as attachments', async () => {
		await page.goto(group);
		await page.getByLabel('Share a file').setInputFiles({ name: 'agreement.html', mimeType: 'application/pdf', buffer: Buffer.from('<script>alert(1)</script>') });
		await submit(page, page.getByRole('button', { name: 'Upload' }));
		expect(await page.getByRole('alert').textContent()).toContain('Only PDF, PNG, JPEG');
		await page.getByLabel('Share a file').setInputFiles({ name: 'agreement.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.7\n%demo\n') });
		await submit(page, page.getByRole('button', { name: 'Upload' }));
		expect(await page.getByRole('status').textContent()).toContain('“agreement.pdf” is shared with the group.');
		const href = await page.getByRole('link', { name: 'agreement.pdf' }).getAttribute('href');
		const response = await page.request.get(href!);
		expect(response.status()).toBe(200);
		expect(response.headers()['content-disposition']).toBe('attachment; filename="agreement.pdf"');
		expect(response.headers()['content-type']).toBe('application/pdf');
		expect(response.headers()['x-content-type-options']).toBe('nosniff');
		expect((await response.body()).toString()).toBe('%PDF-1.7\n%demo\n');
	});

	it('groups pages pass axe in English and Spanish (checked with JavaScript on, which axe needs)', async () => {
		const withScript = await newContext();
		const checked = await withScript.newPage();
		await browserSignIn(checked, 'luis.staff@philadelphia.demo.parity.example');
		for (const locale of ['en', 'es']) {
			await checked.goto(`/language/${locale}?next=/`);
			for (const path of [`${eco}/groups`, `${eco}/groups/new`, group, threadPath, `${eco}/groups/youth-advisory-council`]) {
				const response = await checked.goto(path);
				expect(response?.status(), path).toBe(200);
				expect(await checked.locator('h1').count(), `one h1 on ${path}`).toBe(1);
				await expectAccessible(checked);
			}
		}
		await withScript.close();
	});
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, HttpSession, mailTo, newContext, signedIn, submit } from '../helpers.js';

const describeBrowser = chromiumPath() ? describe : describe.skip;
const eco = '/e/philadelphia';
/** The story form refuses submissions faster than a person types (a bot check). */
const pauseLikeAPerson = (page: Page) => page.waitForTimeout(3100);
/** Whole journeys: several people, a dozen axe runs and the bot-check pauses. */
const JOURNEY = 240_000;

async function inLanguage(locale: 'en' | 'es'): Promise<{ context: BrowserContext; page: Page }> {
	const context = await newContext({ javaScriptEnabled: false, locale: locale === 'es' ? 'es-US' : 'en-US' });
	// A missing element fails the step with its name instead of waiting for the test's timeout.
	context.setDefaultTimeout(20_000);
	const page = await context.newPage();
	await page.goto(`/language/${locale}?next=/`);
	return { context, page };
}

const linkIn = (body: string, kind: 'consent' | 'withdraw') => new RegExp(`https?://[^\\s]+/stories/${kind}/[\\w-]+`).exec(body)?.[0];

/**
 * axe needs JavaScript in the page it checks, and these journeys run with JavaScript off: the
 * exact HTML each step showed (including pages answering a POST) is checked in a second,
 * script-enabled page of the same origin.
 */
let checker: Page | undefined;
async function accessible(page: Page): Promise<void> {
	const html = await page.content();
	if (!checker) {
		const context = await newContext({ javaScriptEnabled: true });
		context.setDefaultTimeout(20_000);
		checker = await context.newPage();
	}
	await checker.goto('/robots.txt').catch(() => undefined);
	await checker.setContent(html, { waitUntil: 'load' });
	await expectAccessible(checker);
}

/**
 * A phone photo as it leaves the phone: EXIF naming the school and the owner, and the GPS
 * position. None of it may reach any public response.
 */
async function phonePhoto(): Promise<Buffer> {
	return sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#2f6f4f' } })
		.jpeg()
		.withExif({
			IFD0: { ImageDescription: 'Kensington Health Sciences Academy robotics lab', Artist: 'Ana Rodriguez' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 59/1 30/1', GPSLongitudeRef: 'W', GPSLongitude: '75/1 7/1 40/1' }
		})
		.toBuffer();
}

type Surface = { status: number; text: string; headers: Headers; bytes: Buffer };

/**
 * Every surface a story can appear on: the wall (filters, both languages), its page, share card,
 * photo, the embed and the feed as a signed-out visitor, and the CSV export as partner staff.
 * Binary answers (the photo) are searched byte for byte, as latin1 text.
 */
async function publicSurfaces(storyId: string): Promise<Record<string, Surface>> {
	const visitor = new HttpSession();
	const out: Record<string, Surface> = {};
	const fetchInto = async (session: HttpSession, path: string, label = path) => {
		const response = await session.get(path);
		const bytes = Buffer.from(await response.arrayBuffer());
		const binary = (response.headers.get('content-type') ?? '').startsWith('image/jpeg');
		out[label] = { status: response.status, headers: response.headers, bytes, text: bytes.toString(binary ? 'latin1' : 'utf8') };
	};
	for (const path of [
		`${eco}/stories`,
		`${eco}/stories?language=es`,
		`${eco}/stories?interest=robotics`,
		`${eco}/stories/${storyId}`,
		`${eco}/stories/${storyId}/card.svg`,
		`${eco}/stories/${storyId}/photo`,
		`${eco}/stories/embed`,
		`${eco}/stories/feed.json`
	]) {
		await fetchInto(visitor, path);
	}
	await visitor.get('/language/es?next=/');
	await fetchInto(visitor, `${eco}/stories`, `${eco}/stories (es)`);
	await fetchInto(visitor, `${eco}/stories/feed.json`, `${eco}/stories/feed.json (es)`);
	await fetchInto(await signedIn('partner_member'), `${eco}/stories/export.csv`, `${eco}/stories/export.csv (partner)`);
	return out;
}

describeBrowser('Hear From Our Youth, in a browser with JavaScript off', () => {
	let staff: BrowserContext;
	let moderator: Page;
	beforeAll(async () => {
		staff = await newContext({ javaScriptEnabled: false });
		staff.setDefaultTimeout(20_000);
		moderator = await staff.newPage();
		await browserSignIn(moderator, demoAccounts.backbone_staff);
	});
	afterAll(async () => {
		await checker?.context().close();
		await staff?.close();
		await closeBrowser();
	});

	it('Maria (15) shares her story in Spanish, her mother consents by the emailed link, staff redact and publish, Maria withdraws and it is gone everywhere', async () => {
		const parentEmail = `madre-${Date.now()}@families.example.org`;
		const maria = await inLanguage('es');
		const page = maria.page;

		await page.goto(`${eco}/stories`);
		await accessible(page);
		await page.getByRole('link', { name: 'Comparte tu historia' }).first().click();
		await accessible(page);
		// The age screen has no answer filled in and no "I am over 13" box.
		expect(await page.getByLabel('¿Cuántos años tienes?', { exact: true }).inputValue()).toBe('');
		expect(await page.getByRole('checkbox').count()).toBe(0);
		await page.getByLabel('¿Cuántos años tienes?', { exact: true }).fill('15');
		await submit(page, page.getByRole('button', { name: 'Siguiente' }));
		expect(new URL(page.url()).pathname).toBe(`${eco}/stories/join/story`);
		await accessible(page);

		// A first try with problems: every one is listed, in Spanish, and what was typed stays.
		await page.getByLabel('Nombre que se mostrará', { exact: true }).fill('María');
		// A PDF renamed .jpg: the type is read from the contents, and the message says so.
		await page.getByLabel('Una foto (opcional)', { exact: true }).setInputFiles({ name: 'foto.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n') });
		await pauseLikeAPerson(page);
		await submit(page, page.getByRole('button', { name: 'Enviar mi historia' }));
		const problems = await page.getByRole('alert').textContent();
		expect(problems).toContain('Ese archivo no es una foto JPEG, PNG o WebP');
		expect(problems).toContain('Escribe tu historia');
		expect(problems).toContain('Escribe el correo electrónico de tu madre');
		expect(problems).toContain('Marca la casilla');
		expect(await page.getByLabel('Nombre que se mostrará', { exact: true }).inputValue()).toBe('María');
		await accessible(page);

		await page.getByLabel('Tu historia', { exact: true }).fill('Quiero diseñar prótesis para personas como mi abuela. Escríbeme al 215-555-0199 si tienes un club de robótica.');
		await page.getByLabel('Robótica', { exact: true }).check();
		await page.getByLabel(/^Escuela o programa/).fill('Kensington Health Sciences Academy');
		await page.getByLabel('Los sitios web de las organizaciones aliadas', { exact: true }).check();
		await page.getByLabel('Correo de tu madre, padre o tutor', { exact: true }).fill(parentEmail);
		await page.getByLabel('Escribí esta historia y quiero compartirla.', { exact: true }).check();
		const photo = await phonePhoto();
		expect(photo.includes('Kensington') && (await sharp(photo).metadata()).exif !== undefined, 'the fixture carries EXIF').toBe(true);
		await page.getByLabel('Una foto (opcional)', { exact: true }).setInputFiles({ name: 'IMG_0042.jpg', mimeType: 'image/jpeg', buffer: photo });
		await pauseLikeAPerson(page);
		await submit(page, page.getByRole('button', { name: 'Enviar mi historia' }));
		expect(await page.locator('h1').textContent()).toContain('¡Gracias por compartir tu historia!');
		await accessible(page);
		const marias = linkIn((await page.locator('.private-link').textContent()) ?? '', 'withdraw');
		expect(marias, 'Maria’s private link').toBeTruthy();

		// Her mother receives a Spanish email through SMTP and consents with JavaScript off.
		const mail = mailTo(parentEmail);
		expect(mail).toHaveLength(1);
		expect(mail[0]!.body).toContain('Nada se publica sin su consentimiento');
		const consentLink = linkIn(mail[0]!.body, 'consent')!;
		const mother = await inLanguage('es');
		await mother.page.goto(new URL(consentLink).pathname);
		await accessible(mother.page);
		expect(await mother.page.locator('main').textContent()).toContain('Quiero diseñar prótesis');
		expect(await mother.page.locator('main').textContent()).not.toContain('Kensington');
		await mother.page.getByLabel('Su nombre completo', { exact: true }).fill('Ana Rodríguez');
		await mother.page.getByLabel('Usted es de la persona joven', { exact: true }).selectOption('parent');
		await mother.page.getByLabel(/Soy la madre, el padre o el tutor legal de esta persona joven/).check();
		await submit(mother.page, mother.page.getByRole('button', { name: 'Dar mi consentimiento' }));
		expect(await mother.page.locator('h1').textContent()).toContain('su consentimiento quedó registrado');
		await accessible(mother.page);
		expect(mailTo(parentEmail).at(-1)!.body).toContain('/stories/withdraw/');

		// Backbone staff find it in the queue, remove the phone number with one click, and publish.
		await moderator.goto(`${eco}/admin/stories`);
		await accessible(moderator);
		await moderator.getByRole('link', { name: 'María' }).first().click();
		const storyId = new URL(moderator.url()).pathname.split('/').at(-1)!;
		await accessible(moderator);
		expect(await moderator.locator('main').textContent()).toContain('Kensington Health Sciences Academy');
		expect(await moderator.locator('img.story-photo').count()).toBe(1);
		const phone = moderator.locator('.findings li', { hasText: '215-555-0199' });
		await submit(moderator, phone.getByRole('button', { name: 'Remove' }));
		expect(await moderator.locator('.moderation-text').textContent()).not.toContain('215-555-0199');
		await submit(moderator, moderator.getByRole('button', { name: 'Approve and publish' }));
		expect(await moderator.getByRole('status').first().textContent()).toContain('Done');

		let surfaces = await publicSurfaces(storyId);
		expect(surfaces[`${eco}/stories`]!.text).toContain('Quiero diseñar prótesis');
		expect(surfaces[`${eco}/stories/${storyId}`]!.status).toBe(200);
		expect(surfaces[`${eco}/stories/embed`]!.text).toContain('Quiero diseñar prótesis');
		expect(surfaces[`${eco}/stories/feed.json`]!.text).toContain('Quiero diseñar prótesis');
		expect(surfaces[`${eco}/stories/export.csv (partner)`]!.text).toContain(storyId);
		// Maria did not allow social media, so there is no share card.
		expect(surfaces[`${eco}/stories/${storyId}/card.svg`]!.status).toBe(404);
		// The photo is Parity's own re-encoding: a JPEG, at most 1600 px, no EXIF or GPS.
		const served = surfaces[`${eco}/stories/${storyId}/photo`]!;
		expect(served.status).toBe(200);
		expect(served.headers.get('content-type')).toBe('image/jpeg');
		expect(served.headers.get('x-content-type-options')).toBe('nosniff');
		const meta = await sharp(served.bytes).metadata();
		expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 1600, 1200, undefined]);
		for (const marker of ['Exif', 'GPS', 'Ana Rodriguez']) expect(served.bytes.includes(marker), marker).toBe(false);
		expect(Object.keys(surfaces)).toHaveLength(11);
		for (const [path, { text }] of Object.entries(surfaces)) {
			expect(text, path).not.toContain('215-555-0199');
			expect(text, path).not.toContain('Kensington');
			expect(text, path).not.toContain(parentEmail);
			expect(text, path).not.toContain('Ana Rodr');
		}
		await page.goto(`${eco}/stories/${storyId}`);
		await accessible(page);

		// Months later Maria withdraws with her link: gone from the wall, its page and the embed at once.
		await page.goto(new URL(marias!).pathname);
		await accessible(page);
		await submit(page, page.getByRole('button', { name: 'Retirar la historia' }));
		expect(await page.getByRole('status').textContent()).toContain('La historia fue retirada');
		await accessible(page);
		surfaces = await publicSurfaces(storyId);
		expect(surfaces[`${eco}/stories`]!.text).not.toContain('Quiero diseñar prótesis');
		expect(surfaces[`${eco}/stories (es)`]!.text).not.toContain('Quiero diseñar prótesis');
		expect(surfaces[`${eco}/stories/embed`]!.text).not.toContain('Quiero diseñar prótesis');
		expect(surfaces[`${eco}/stories/feed.json`]!.text).not.toContain('Quiero diseñar prótesis');
		expect(surfaces[`${eco}/stories/export.csv (partner)`]!.text).not.toContain(storyId);
		expect(surfaces[`${eco}/stories/${storyId}`]!.status).toBe(404);
		expect(surfaces[`${eco}/stories/${storyId}/photo`]!.status).toBe(404);
		await maria.context.close();
		await mother.context.close();
	}, JOURNEY);

	it('a father of a 10-year-old is asked for consent first; nothing about the child is collected until he gives it', async () => {
		const fatherEmail = `father-${Date.now()}@families.example.org`;
		const child = await inLanguage('en');
		const page = child.page;
		await page.goto(`${eco}/stories/join`);
		await page.getByLabel('How old are you?', { exact: true }).fill('10');
		await submit(page, page.getByRole('button', { name: 'Next' }));
		expect(new URL(page.url()).pathname).toBe(`${eco}/stories/join/parent`);
		await accessible(page);
		// Only the parent's email is asked for.
		expect(await page.locator('main form input:not([type=hidden]):not([name=website])').count()).toBe(1);
		expect(await page.locator('textarea').count()).toBe(0);

		// Going back to the age screen cannot change the answer in this session.
		await page.goto(`${eco}/stories/join`);
		expect(await page.getByLabel('How old are you?', { exact: true }).count()).toBe(0);
		await page.goto(`${eco}/stories/join/story`);
		expect(new URL(page.url()).pathname).toBe(`${eco}/stories/join/parent`);

		await page.getByLabel('Your parent’s or guardian’s email', { exact: true }).fill(fatherEmail);
		await pauseLikeAPerson(page);
		await submit(page, page.getByRole('button', { name: 'Email my parent or guardian' }));
		expect(await page.locator('h1').textContent()).toContain('We emailed your parent or guardian');
		await accessible(page);

		// Staff see a placeholder with nothing but the parent's email; the public sees nothing.
		await moderator.goto(`${eco}/admin/stories`);
		await moderator.getByRole('link', { name: /no story yet/ }).first().click();
		const storyId = new URL(moderator.url()).pathname.split('/').at(-1)!;
		expect(await moderator.locator('main').textContent()).toContain(fatherEmail);
		expect((await new HttpSession().get(`${eco}/stories/${storyId}`)).status).toBe(404);

		const mail = mailTo(fatherEmail);
		expect(mail).toHaveLength(1);
		expect(mail[0]!.body).toContain('We have collected nothing about the child');
		const father = await inLanguage('en');
		await father.page.goto(new URL(linkIn(mail[0]!.body, 'consent')!).pathname);
		await accessible(father.page);
		expect(await father.page.locator('textarea').count()).toBe(0);
		await father.page.getByLabel('Your full name', { exact: true }).fill('Sam Okafor');
		await father.page.getByLabel('You are the young person’s', { exact: true }).selectOption('parent');
		await father.page.getByLabel(/I am this child’s parent/).check();
		await submit(father.page, father.page.getByRole('button', { name: 'Give my consent' }));
		expect(await father.page.locator('h1').textContent()).toContain('Now, write the story together');
		await accessible(father.page);
		await father.page.getByLabel('Name to show', { exact: true }).fill('Leo');
		await father.page.getByLabel('Your story', { exact: true }).fill('The Saturday science club let me build a volcano and a tiny robot. I want to be an inventor.');
		await father.page.getByLabel('Science', { exact: true }).check();
		await father.page.getByLabel('My child has told me they want to share this story.', { exact: true }).check();
		await submit(father.page, father.page.getByRole('button', { name: 'Send my story' }));
		expect(await father.page.locator('h1').textContent()).toContain('The story is with the collective');
		await accessible(father.page);

		// Publishing a child's story needs the parent verified by staff (COPPA), then it can go up.
		await moderator.goto(`${eco}/admin/stories/${storyId}`);
		expect(await moderator.getByRole('button', { name: 'Approve and publish' }).count()).toBe(0);
		await moderator.getByLabel('How you verified', { exact: true }).selectOption('video_call');
		await submit(moderator, moderator.getByRole('button', { name: 'Record verification' }));
		await submit(moderator, moderator.getByRole('button', { name: 'Approve and publish' }));
		const wall = await (await new HttpSession().get(`${eco}/stories`)).text();
		expect(wall).toContain('I want to be an inventor');
		expect(wall).not.toContain(fatherEmail);
		expect(wall).not.toContain('Sam Okafor');
		await child.context.close();
		await father.context.close();
	}, JOURNEY);

	for (const locale of ['en', 'es'] as const) {
		it(`the wall, a story page and the moderation pages pass axe in ${locale === 'en' ? 'English' : 'Spanish'}`, async () => {
			const { context, page } = await inLanguage(locale);
			await page.goto(`${eco}/stories`);
			await accessible(page);
			await page.locator('.story-card .story-name a').first().click();
			await accessible(page);
			await page.goto(`${eco}/stories?interest=robotics&age=16_17&language=en`);
			await accessible(page);
			await page.goto(`${eco}/stories/withdraw/not-a-real-token`);
			await accessible(page);
			await page.goto(`${eco}/stories/consent/not-a-real-token`);
			await accessible(page);
			await context.close();

			await moderator.goto(`/language/${locale}?next=/`);
			await moderator.goto(`${eco}/admin/stories`);
			await accessible(moderator);
			await moderator.goto(`${eco}/admin/stories/moderators`);
			expect(await moderator.locator('main table tbody tr').count()).toBeGreaterThan(0);
			await accessible(moderator);
			await moderator.goto(`${eco}/admin/stories`);
			for (const href of await moderator.locator('main table a').evaluateAll((links) => links.slice(0, 4).map((a) => a.getAttribute('href')!))) {
				await moderator.goto(href);
				await accessible(moderator);
			}
			await moderator.goto('/language/en?next=/');
		}, JOURNEY);
	}
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makeInitiative, uniqueEmail } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { startSmtp, type Received } from '../testing/smtp.js';
import type { AppContext } from '../context.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { REDACTED } from './personal-info.js';
import { DELIVERED_PRIVATE_LINK } from '../mail/mail.repository.js';
import { addDays } from './stories.js';
import { insertMetric } from '../metrics/metrics.repository.js';
import { metricSchema } from '../metrics/metrics.js';
import sharp from 'sharp';
import { crc32, deflateSync } from 'node:zlib';
import { makePartner } from '../testing/factories.js';
import { MAX_PHOTO_BYTES, MAX_PHOTO_SIDE } from './story-photo.js';
import {
	exportStories,
	getConsentLinkPhoto,
	getModerationPhoto,
	getPublicStory,
	getPublicStoryPhoto,
	getStoryForModeration,
	listPartnerModerators,
	setPartnerModerator,
	storiesFeed,
	giveParentConsent,
	listLinkedStories,
	listStoriesBesideMetrics,
	reviseStory,
	listModerationQueue,
	listWall,
	moderateStory,
	purgeStories,
	reportStory,
	requestChildConsent,
	submitChildStory,
	submitStory,
	viewConsentLink,
	viewWithdrawLink,
	withdrawStory
} from './stories.service.js';

const origin = 'http://localhost';

function teenStory(overrides: Record<string, unknown> = {}) {
	return {
		display_name: 'María',
		story_text: 'Quiero ser ingeniera biomédica. Llámame al 215-555-0134 para hablar de robótica.',
		interests: ['robotics', 'health'],
		school: 'Kensington Health Sciences Academy',
		scopes: ['wall', 'partner_site', 'social'],
		parent_email: uniqueEmail('madre'),
		assent: 'yes',
		language: 'es',
		...overrides
	};
}

const parentConsent = (overrides: Record<string, unknown> = {}) => ({
	signer_name: 'Ana Rodríguez',
	relationship: 'parent',
	scopes: ['wall', 'partner_site', 'social'],
	agree: 'yes',
	...overrides
});

/** A phone photo as it leaves the phone: EXIF with the owner's name and the GPS position. */
async function photoWithGps(): Promise<Uint8Array> {
	const bytes = await sharp({ create: { width: 2400, height: 1800, channels: 3, background: '#3a6ea5' } })
		.jpeg()
		.withExif({
			IFD0: { Artist: 'Maria Rodriguez', Make: 'PhoneMaker' },
			IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '39/1 58/1 3/1', GPSLongitudeRef: 'W', GPSLongitude: '75/1 9/1 20/1' }
		})
		.toBuffer();
	return new Uint8Array(bytes);
}

/** A PNG that declares 100,000 × 100,000 pixels in a few hundred bytes (an "image bomb"). */
function imageBomb(): Uint8Array {
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
		const length = Buffer.alloc(4);
		length.writeUInt32BE(data.length);
		const crc = Buffer.alloc(4);
		crc.writeUInt32BE(crc32(body));
		return Buffer.concat([length, body, crc]);
	};
	const header = Buffer.alloc(13);
	header.writeUInt32BE(100_000, 0);
	header.writeUInt32BE(100_000, 4);
	header[8] = 8;
	const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.alloc(100_001 * 4))), chunk('IEND', Buffer.alloc(0))]);
	return new Uint8Array(png);
}

const tokenIn = (body: string, kind: 'consent' | 'withdraw') => new RegExp(`/stories/${kind}/([\\w-]+)`).exec(body)?.[1];

describeEachDatabase('youth stories service', (get) => {
	const received: Received[] = [];
	let smtp: { port: number; stop(): Promise<void> } | undefined;
	let ctx: AppContext;
	let db: Kysely<Database>;

	beforeAll(async () => {
		smtp = await startSmtp(received);
		ctx = await get().openContext({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
		db = ctx.db.kysely;
	});
	afterAll(async () => {
		await smtp?.stop();
	});

	const mailTo = (address: string) => received.filter((r) => r.to.includes(address));
	const staffOf = (ecosystemId: string) => makeActor(ctx, { role: 'backbone_staff', ecosystemId });

	async function submittedTeenStory(ecosystemId: string, overrides: Record<string, unknown> = {}, photo: Uint8Array | null = null) {
		const input = teenStory(overrides);
		const outcome = await submitStory({ ctx, ecosystemId, band: '13_15', input, origin, locale: 'es', photo });
		if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
		const consentToken = tokenIn(mailTo(input.parent_email as string).at(-1)?.body ?? '', 'consent');
		return { ...outcome.value, parentEmail: input.parent_email as string, consentToken: consentToken!, withdrawToken: tokenIn(outcome.value.withdrawUrl, 'withdraw')! };
	}

	async function publishedTeenStory(ecosystemId: string, scopes = ['wall', 'partner_site', 'social'], photo: Uint8Array | null = null) {
		const story = await submittedTeenStory(ecosystemId, {}, photo);
		const consent = await giveParentConsent({ ctx, ecosystemId, token: story.consentToken, input: parentConsent(), origin, locale: 'es' });
		if (!consent.ok) throw new Error(JSON.stringify(consent.issues));
		const staff = await staffOf(ecosystemId);
		const approved = await moderateStory({ db, actor: staff, ecosystemId, storyId: story.storyId, action: 'approve', input: { scopes }, locale: 'en' });
		expect(approved).toEqual({ ok: true, value: null });
		return { ...story, staff, parentWithdrawToken: tokenIn(consent.value.withdrawUrl, 'withdraw')! };
	}

	describe('a 15-year-old’s story, from submission to withdrawal', () => {
		it('emails the parent in Spanish, publishes after consent and moderation, and is gone everywhere once withdrawn', async () => {
			const eco = await makeEcosystem(db, { name: 'Philly STEM' });
			const story = await submittedTeenStory(eco.id);
			expect(story.parentEmailed).toBe(true);

			const mail = mailTo(story.parentEmail);
			expect(mail).toHaveLength(1);
			expect(mail[0]!.subject).toBe('Su hijo o hija quiere compartir su historia STEM con Philly STEM');
			expect(mail[0]!.body).toContain(`${origin}/e/${eco.slug}/stories/consent/`);
			// Delivered private links are not kept in the outbox, where staff could use them.
			expect(await db.selectFrom('outbox').select(['status', 'kind', 'body_text']).where('to_address', '=', story.parentEmail).execute()).toEqual([
				{ status: 'sent', kind: 'story_consent', body_text: DELIVERED_PRIVATE_LINK }
			]);

			// Not public, and moderators cannot publish it, before the parent consents.
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toEqual([]);
			const staff = await staffOf(eco.id);
			await expect(moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId, action: 'approve', input: { scopes: ['wall'] }, locale: 'en' })).rejects.toMatchObject({
				code: 'STORY_ACTION_NOT_ALLOWED'
			});

			const view = await viewConsentLink({ db, ecosystemId: eco.id, token: story.consentToken });
			expect(view).toMatchObject({ step: 'consent', underThirteen: false, displayName: 'María', requestedScopes: ['wall', 'partner_site', 'social'] });
			const consent = await giveParentConsent({ ctx, ecosystemId: eco.id, token: story.consentToken, input: parentConsent(), origin, locale: 'es' });
			expect(consent).toMatchObject({ ok: true, value: { next: 'done' } });
			expect(mailTo(story.parentEmail).at(-1)!.subject).toBe('Su enlace privado para retirar la historia compartida con Philly STEM');
			// The consent link works once.
			await expect(viewConsentLink({ db, ecosystemId: eco.id, token: story.consentToken })).rejects.toMatchObject({ code: 'STORY_LINK_INVALID' });

			// The moderator sees the phone number flagged and removes it with one action.
			const review = await getStoryForModeration({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId });
			expect(review.findings.map((f) => [f.kind, f.text])).toEqual([['phone', '215-555-0134']]);
			expect(review.story.school).toBe('Kensington Health Sciences Academy');
			expect(await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId, action: 'redact', input: { finding: '0' }, locale: 'en' })).toEqual({ ok: true, value: null });
			expect(await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId, action: 'approve', input: { scopes: ['wall', 'partner_site'] }, locale: 'en' })).toEqual({
				ok: true,
				value: null
			});

			const wall = (await listWall({ db, ecosystemId: eco.id })).stories;
			expect(wall.map((s) => [s.displayName, s.ageBand, s.language])).toEqual([['María', '13_15', 'es']]);
			expect(wall[0]!.text).toBe(`Quiero ser ingeniera biomédica. Llámame al ${REDACTED} para hablar de robótica.`);
			expect(JSON.stringify(wall)).not.toMatch(/Kensington|madre|215-555/);
			expect(await getPublicStory({ db, ecosystemId: eco.id, storyId: story.storyId })).toMatchObject({ displayName: 'María', shareable: false });
			expect((await listWall({ db, ecosystemId: eco.id, scope: 'partner_site' })).stories).toHaveLength(1);
			const initiative = await makeInitiative(db, eco.id);
			await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId, action: 'link', input: { target_type: 'initiative', target_id: initiative.id }, locale: 'en' });
			expect(await listLinkedStories({ db, ecosystemId: eco.id, target: { type: 'initiative', id: initiative.id } })).toHaveLength(1);

			// The author sees the moderator's change, then withdraws.
			expect(await viewWithdrawLink({ db, ecosystemId: eco.id, token: story.withdrawToken })).toMatchObject({
				status: 'published',
				originalText: expect.stringContaining('215-555-0134'),
				scopes: ['wall', 'partner_site']
			});
			const withdrawn = await withdrawStory({ db, ecosystemId: eco.id, token: story.withdrawToken });
			if (!withdrawn.ok) throw new Error('withdraw failed');
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toEqual([]);
			expect((await listWall({ db, ecosystemId: eco.id, scope: 'partner_site' })).stories).toEqual([]);
			expect(await listLinkedStories({ db, ecosystemId: eco.id, target: { type: 'initiative', id: initiative.id } })).toEqual([]);
			await expect(getPublicStory({ db, ecosystemId: eco.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			await expect(moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId, action: 'approve', input: { scopes: ['wall'] }, locale: 'en' })).rejects.toMatchObject({
				code: 'STORY_ACTION_NOT_ALLOWED'
			});

			// Deletion is scheduled, and the purge carries it out when due (not before).
			expect(withdrawn.value.deleteAfter.slice(0, 10)).toBe(addDays(new Date(), 30).slice(0, 10));
			expect(await purgeStories({ db, now: new Date() })).toMatchObject({ deleted: 0 });
			await purgeStories({ db, now: new Date(Date.now() + 31 * 24 * 3600 * 1000) });
			expect(await db.selectFrom('story').select('id').where('id', '=', story.storyId).execute()).toEqual([]);
			for (const table of ['story_consent', 'story_token', 'story_link'] as const) {
				expect(await db.selectFrom(table).select('id').where('story_id', '=', story.storyId).execute()).toEqual([]);
			}
			await expect(viewWithdrawLink({ db, ecosystemId: eco.id, token: story.withdrawToken })).rejects.toMatchObject({ code: 'STORY_LINK_INVALID' });
			expect(await auditActions(db, eco.id)).toEqual(
				['story.submit', 'story.parent_consent', 'story.redact', 'story.approve', 'story.link', 'story.withdraw', 'story.delete'].sort()
			);
		});

		it('shows a story linked to a metric beside the numbers, until it is withdrawn', async () => {
			const eco = await makeEcosystem(db);
			const metricId = await insertMetric(
				db,
				eco.id,
				'stem-workforce',
				metricSchema.parse({ name: 'STEM workforce', name_es: 'Fuerza laboral STEM', definition: 'People in STEM jobs.', unit: 'people', stage: 'workforce', frequency: 'annual' })
			);
			const story = await publishedTeenStory(eco.id);
			await moderateStory({ db, actor: story.staff, ecosystemId: eco.id, storyId: story.storyId, action: 'link', input: { target: `metric:${metricId}` }, locale: 'en' });
			expect(await listStoriesBesideMetrics({ db, ecosystemId: eco.id, locale: 'es' })).toMatchObject([{ metricName: 'Fuerza laboral STEM', stories: [{ id: story.storyId }] }]);
			await withdrawStory({ db, ecosystemId: eco.id, token: story.withdrawToken });
			expect(await listStoriesBesideMetrics({ db, ecosystemId: eco.id, locale: 'es' })).toEqual([]);
		});

		it('stores private links only as hashes', async () => {
			const eco = await makeEcosystem(db);
			const story = await submittedTeenStory(eco.id);
			const hashes = (await db.selectFrom('story_token').select('token_hash').where('story_id', '=', story.storyId).execute()).map((r) => r.token_hash);
			expect(hashes).toHaveLength(2);
			expect(hashes).not.toContain(story.consentToken);
			expect(hashes).not.toContain(story.withdrawToken);
		});

		it('lets the parent withdraw with their own link too', async () => {
			const eco = await makeEcosystem(db);
			const story = await publishedTeenStory(eco.id);
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toHaveLength(1);
			await withdrawStory({ db, ecosystemId: eco.id, token: story.parentWithdrawToken });
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toEqual([]);
			const consents = await db.selectFrom('story_consent').select(['kind', 'relationship']).where('story_id', '=', story.storyId).where('kind', '=', 'revocation').execute();
			expect(consents).toEqual([{ kind: 'revocation', relationship: 'parent' }]);
		});

		it('uses a story only where the author, the parent and the moderators all allow it', async () => {
			const eco = await makeEcosystem(db);
			const story = await submittedTeenStory(eco.id, { scopes: ['wall', 'social'] });
			await giveParentConsent({ ctx, ecosystemId: eco.id, token: story.consentToken, input: parentConsent({ scopes: ['wall', 'partner_site'] }), origin, locale: 'en' });
			const staff = await staffOf(eco.id);
			await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId, action: 'approve', input: { scopes: ['wall', 'partner_site', 'social'] }, locale: 'en' });
			expect((await listWall({ db, ecosystemId: eco.id, scope: 'wall' })).stories).toHaveLength(1);
			expect((await listWall({ db, ecosystemId: eco.id, scope: 'partner_site' })).stories).toEqual([]);
			expect((await listWall({ db, ecosystemId: eco.id, scope: 'social' })).stories).toEqual([]);
		});

		it('leaves every public surface once consent expires, then the purge records it and schedules deletion', async () => {
			const eco = await makeEcosystem(db);
			const story = await publishedTeenStory(eco.id);
			await db.updateTable('story').set({ consent_expires_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', story.storyId).execute();
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toEqual([]);
			await expect(getPublicStory({ db, ecosystemId: eco.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			expect((await purgeStories({ db })).expired).toBeGreaterThanOrEqual(1);
			const row = await db.selectFrom('story').select(['status', 'delete_after']).where('id', '=', story.storyId).executeTakeFirstOrThrow();
			expect(row.status).toBe('expired');
			expect(row.delete_after! > new Date().toISOString()).toBe(true);
		});
	});

	describe('a child under 13 (COPPA)', () => {
		it('collects only the parent’s email until consent, and deletes it when no consent arrives in time', async () => {
			const eco = await makeEcosystem(db);
			const parent = uniqueEmail('father');
			expect(await requestChildConsent({ ctx, ecosystemId: eco.id, input: { parent_email: parent, display_name: 'Leo', story_text: 'ignored' }, origin, locale: 'en' })).toEqual({ ok: true, value: null });
			const row = await db.selectFrom('story').selectAll().where('ecosystem_id', '=', eco.id).executeTakeFirstOrThrow();
			expect(row).toMatchObject({ status: 'awaiting_consent', age_band: 'under_13', parent_email: parent, display_name: null, story_text: null, school: null, interests_json: '[]' });
			expect(mailTo(parent)[0]!.subject).toBe(`Consent needed before your child shares a STEM story with ${eco.name}`);
			expect(mailTo(parent)[0]!.body).toContain('We have collected nothing about the child');
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toEqual([]);

			await purgeStories({ db, now: new Date(Date.now() + 6 * 24 * 3600 * 1000) });
			expect(await db.selectFrom('story').select('id').where('id', '=', row.id).execute()).toHaveLength(1);
			await purgeStories({ db, now: new Date(Date.now() + 8 * 24 * 3600 * 1000) });
			expect(await db.selectFrom('story').select('id').where('ecosystem_id', '=', eco.id).execute()).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual(['story.child_consent_requested', 'story.delete']);
		});

		it('takes the child’s story only after consent, and publishes only after staff verify the parent', async () => {
			const eco = await makeEcosystem(db);
			const parent = uniqueEmail('father');
			await requestChildConsent({ ctx, ecosystemId: eco.id, input: { parent_email: parent }, origin, locale: 'en' });
			const token = tokenIn(mailTo(parent)[0]!.body, 'consent')!;
			await expect(submitChildStory({ db, ecosystemId: eco.id, token, input: { display_name: 'Leo', story_text: 'I love the Saturday science club so much!' }, locale: 'en' })).rejects.toMatchObject({
				code: 'STORY_ACTION_NOT_ALLOWED'
			});
			expect(await viewConsentLink({ db, ecosystemId: eco.id, token })).toMatchObject({ step: 'consent', underThirteen: true, storyText: null });
			expect(await giveParentConsent({ ctx, ecosystemId: eco.id, token, input: parentConsent({ scopes: ['wall'] }), origin, locale: 'en' })).toMatchObject({ ok: true, value: { next: 'story' } });
			expect(await viewConsentLink({ db, ecosystemId: eco.id, token })).toMatchObject({ step: 'story' });
			const bad = await submitChildStory({ db, ecosystemId: eco.id, token, input: { display_name: '', story_text: 'short' }, locale: 'en' });
			expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['display_name', 'story_text', 'assent']);
			expect(await submitChildStory({ db, ecosystemId: eco.id, token, input: { display_name: 'Leo', story_text: 'I love the Saturday science club so much!', interests: 'science', assent: 'yes' }, locale: 'en' })).toEqual({
				ok: true,
				value: null
			});
			await expect(viewConsentLink({ db, ecosystemId: eco.id, token })).rejects.toMatchObject({ code: 'STORY_LINK_INVALID' });

			const storyId = (await db.selectFrom('story').select('id').where('ecosystem_id', '=', eco.id).executeTakeFirstOrThrow()).id;
			const staff = await staffOf(eco.id);
			expect((await getStoryForModeration({ db, actor: staff, ecosystemId: eco.id, storyId })).canApprove).toBe(false);
			await expect(moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId, action: 'approve', input: { scopes: ['wall'] }, locale: 'en' })).rejects.toMatchObject({ code: 'STORY_ACTION_NOT_ALLOWED' });
			const badMethod = await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId, action: 'verify', input: { method: 'email' }, locale: 'en' });
			expect(badMethod.ok).toBe(false);
			expect(await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId, action: 'verify', input: { method: 'video_call' }, locale: 'en' })).toEqual({ ok: true, value: null });
			expect(await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId, action: 'approve', input: { scopes: ['wall', 'social'] }, locale: 'en' })).toEqual({ ok: true, value: null });
			const wall = (await listWall({ db, ecosystemId: eco.id })).stories;
			expect(wall.map((s) => [s.displayName, s.ageBand])).toEqual([['Leo', 'under_13']]);
			// The parent allowed the wall only: not social media, whatever moderators chose.
			expect((await listWall({ db, ecosystemId: eco.id, scope: 'social' })).stories).toEqual([]);
			// A consented child's story is not deleted by the under-13 deadline.
			await purgeStories({ db, now: new Date(Date.now() + 8 * 24 * 3600 * 1000) });
			expect(await db.selectFrom('story').select('id').where('id', '=', storyId).execute()).toHaveLength(1);
		});
	});

	describe('submission rules', () => {
		it('sends an adult’s story straight to moderation with a two-year consent', async () => {
			const eco = await makeEcosystem(db);
			const outcome = await submitStory({ ctx, ecosystemId: eco.id, band: '18_24', input: teenStory({ parent_email: undefined }), origin, locale: 'en' });
			if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
			expect(outcome.value.parentEmailed).toBe(false);
			const row = await db.selectFrom('story').select(['status', 'parent_email', 'consent_expires_at']).where('id', '=', outcome.value.storyId).executeTakeFirstOrThrow();
			expect(row.status).toBe('in_review');
			expect(row.parent_email).toBeNull();
			expect(row.consent_expires_at!.slice(0, 4)).toBe(String(new Date().getUTCFullYear() + 2));
		});

		it('lists every problem at once, in the form’s language, and stores nothing', async () => {
			const eco = await makeEcosystem(db);
			const outcome = await submitStory({
				ctx,
				ecosystemId: eco.id,
				band: '16_17',
				input: { display_name: 'maria@example.org', story_text: 'corta', scopes: [], interests: ['knitting'] },
				origin,
				locale: 'es'
			});
			if (outcome.ok) throw new Error('expected problems');
			expect(outcome.issues.map((i) => i.field)).toEqual(['display_name', 'story_text', 'interests.0', 'scopes', 'assent', 'parent_email']);
			expect(outcome.issues.find((i) => i.field === 'parent_email')!.message).toMatch(/^Escribe el correo/);
			expect(await db.selectFrom('story').select('id').where('ecosystem_id', '=', eco.id).execute()).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});
	});

	describe('moderation', () => {
		it('records paper consent with who recorded it and when it was signed', async () => {
			const eco = await makeEcosystem(db);
			const story = await submittedTeenStory(eco.id);
			const staff = await staffOf(eco.id);
			const bad = await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId, action: 'paper_consent', input: { signer_name: 'A', scopes: [] }, locale: 'en' });
			expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['signer_name', 'relationship', 'scopes', 'given_on']);
			const good = await moderateStory({
				db,
				actor: staff,
				ecosystemId: eco.id,
				storyId: story.storyId,
				action: 'paper_consent',
				input: { signer_name: 'Ana Rodríguez', relationship: 'guardian', scopes: ['wall', 'print'], given_on: '2026-11-20' },
				locale: 'en'
			});
			expect(good).toEqual({ ok: true, value: null });
			const review = await getStoryForModeration({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId });
			expect(review.story.status).toBe('in_review');
			expect(review.story.consent_expires_at!.slice(0, 10)).toBe('2028-11-20');
			expect(review.consents.find((c) => c.kind === 'parent_consent')).toMatchObject({ method: 'paper', signer_name: 'Ana Rodríguez', relationship: 'guardian', given_on: '2026-11-20', recorded_by: staff.email });
			// The emailed link cannot consent a second time.
			await expect(giveParentConsent({ ctx, ecosystemId: eco.id, token: story.consentToken, input: parentConsent(), origin, locale: 'en' })).rejects.toMatchObject({ code: 'STORY_ACTION_NOT_ALLOWED' });
		});

		it('shows the author a requested change and a decline reason through their link', async () => {
			const eco = await makeEcosystem(db);
			const story = await publishedTeenStory(eco.id);
			const empty = await moderateStory({ db, actor: story.staff, ecosystemId: eco.id, storyId: story.storyId, action: 'request_changes', input: {}, locale: 'en' });
			expect(empty.ok).toBe(false);
			await moderateStory({ db, actor: story.staff, ecosystemId: eco.id, storyId: story.storyId, action: 'request_changes', input: { note: 'Please leave out your street.' }, locale: 'en' });
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toEqual([]);
			expect(await viewWithdrawLink({ db, ecosystemId: eco.id, token: story.withdrawToken })).toMatchObject({ status: 'changes_requested', moderatorNote: 'Please leave out your street.' });
			await expect(reviseStory({ db, ecosystemId: eco.id, token: story.consentToken, input: { story_text: 'x'.repeat(30) }, locale: 'en' })).rejects.toMatchObject({ code: 'STORY_LINK_INVALID' });
			const short = await reviseStory({ db, ecosystemId: eco.id, token: story.withdrawToken, input: { story_text: 'short' }, locale: 'en' });
			expect(short.ok).toBe(false);
			expect(await reviseStory({ db, ecosystemId: eco.id, token: story.withdrawToken, input: { story_text: 'I changed my story and left out my street, as asked.' }, locale: 'en' })).toEqual({ ok: true, value: null });
			expect(await viewWithdrawLink({ db, ecosystemId: eco.id, token: story.withdrawToken })).toMatchObject({ status: 'in_review', moderatorNote: null, storyText: 'I changed my story and left out my street, as asked.' });
			await expect(reviseStory({ db, ecosystemId: eco.id, token: story.withdrawToken, input: { story_text: 'Once more, without being asked this time.' }, locale: 'en' })).rejects.toMatchObject({
				code: 'STORY_ACTION_NOT_ALLOWED'
			});
			await moderateStory({ db, actor: story.staff, ecosystemId: eco.id, storyId: story.storyId, action: 'decline', input: { note: 'Not about STEM.' }, locale: 'en' });
			expect(await viewWithdrawLink({ db, ecosystemId: eco.id, token: story.withdrawToken })).toMatchObject({ status: 'declined', moderatorNote: 'Not about STEM.' });
		});

		it('hides a story reported by three different people until a moderator restores it', async () => {
			const eco = await makeEcosystem(db);
			const story = await publishedTeenStory(eco.id);
			expect(await reportStory({ db, ecosystemId: eco.id, storyId: story.storyId, reporterHash: 'a', reason: 'rude' })).toEqual({ hidden: false });
			expect(await reportStory({ db, ecosystemId: eco.id, storyId: story.storyId, reporterHash: 'a', reason: 'again' })).toEqual({ hidden: false });
			expect(await reportStory({ db, ecosystemId: eco.id, storyId: story.storyId, reporterHash: 'b', reason: undefined })).toEqual({ hidden: false });
			expect(await reportStory({ db, ecosystemId: eco.id, storyId: story.storyId, reporterHash: 'c', reason: 'spam' })).toEqual({ hidden: true });
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toEqual([]);
			await expect(reportStory({ db, ecosystemId: eco.id, storyId: story.storyId, reporterHash: 'd', reason: '' })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			expect((await getStoryForModeration({ db, actor: story.staff, ecosystemId: eco.id, storyId: story.storyId })).reports).toHaveLength(3);
			await moderateStory({ db, actor: story.staff, ecosystemId: eco.id, storyId: story.storyId, action: 'restore', input: {}, locale: 'en' });
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toHaveLength(1);
			expect((await getStoryForModeration({ db, actor: story.staff, ecosystemId: eco.id, storyId: story.storyId })).reports).toEqual([]);
		});

		it.each(['partner_admin', 'partner_member', 'educator'] as const)('refuses a %s', async (role) => {
			const eco = await makeEcosystem(db);
			const story = await submittedTeenStory(eco.id);
			const actor = await makeActor(ctx, { role, ecosystemId: eco.id });
			await expect(listModerationQueue({ db, actor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getStoryForModeration({ db, actor, ecosystemId: eco.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(moderateStory({ db, actor, ecosystemId: eco.id, storyId: story.storyId, action: 'decline', input: { note: 'no' }, locale: 'en' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});

		it('asks staff without two-factor sign-in to set it up: moderators see minors’ contact details', async () => {
			const eco = await makeEcosystem(db);
			const actor = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id, twoFactor: false });
			await expect(listModerationQueue({ db, actor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
		});
	});

	describe('photos', () => {
		it('stores only a re-encoded copy without EXIF or GPS, shown only while the story is public', async () => {
			const eco = await makeEcosystem(db);
			const upload = await photoWithGps();
			// The fixture really carries what must go: EXIF, the GPS block and the owner's name.
			expect((await sharp(upload).metadata()).exif).toBeDefined();
			expect(Buffer.from(upload).includes('Maria Rodriguez')).toBe(true);

			const story = await submittedTeenStory(eco.id, {}, upload);
			const stored = await db.selectFrom('story_photo').selectAll().where('story_id', '=', story.storyId).executeTakeFirstOrThrow();
			const bytes = Buffer.from(stored.data);
			expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
			for (const marker of ['Exif', 'GPS', 'Maria Rodriguez', 'PhoneMaker', 'http://ns.adobe.com/xap']) expect(bytes.includes(marker), marker).toBe(false);
			const meta = await sharp(bytes).metadata();
			expect(meta).toMatchObject({ format: 'jpeg', width: MAX_PHOTO_SIDE, height: 1200 });
			expect(meta.exif).toBeUndefined();
			expect(meta.icc).toBeUndefined();
			expect(stored).toMatchObject({ content_type: 'image/jpeg', width: 1600, height: 1200, size_bytes: bytes.length });

			// Moderators see it at once; the public only once the story is published.
			const staff = await staffOf(eco.id);
			expect((await getStoryForModeration({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId })).hasPhoto).toBe(true);
			expect(Buffer.from((await getModerationPhoto({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId })).data).equals(bytes)).toBe(true);
			await expect(getPublicStoryPhoto({ db, ecosystemId: eco.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			// The parent sees the photo they are consenting to, through their link only.
			expect(await viewConsentLink({ db, ecosystemId: eco.id, token: story.consentToken })).toMatchObject({ hasPhoto: true });
			expect(Buffer.from((await getConsentLinkPhoto({ db, ecosystemId: eco.id, token: story.consentToken })).data).equals(bytes)).toBe(true);
			await expect(getConsentLinkPhoto({ db, ecosystemId: eco.id, token: 'not-a-token' })).rejects.toMatchObject({ code: 'STORY_LINK_INVALID' });
			await giveParentConsent({ ctx, ecosystemId: eco.id, token: story.consentToken, input: parentConsent(), origin, locale: 'es' });
			await expect(getPublicStoryPhoto({ db, ecosystemId: eco.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId: story.storyId, action: 'approve', input: { scopes: ['wall'] }, locale: 'en' });
			expect(Buffer.from((await getPublicStoryPhoto({ db, ecosystemId: eco.id, storyId: story.storyId })).data).equals(bytes)).toBe(true);
			expect(await getPublicStory({ db, ecosystemId: eco.id, storyId: story.storyId })).toMatchObject({ hasPhoto: true });

			// Withdrawal takes the photo down with the story; the purge deletes it.
			await withdrawStory({ db, ecosystemId: eco.id, token: story.withdrawToken });
			await expect(getPublicStoryPhoto({ db, ecosystemId: eco.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			await purgeStories({ db, now: new Date(Date.now() + 31 * 24 * 3600 * 1000) });
			expect(await db.selectFrom('story_photo').select('id').where('story_id', '=', story.storyId).execute()).toEqual([]);
		});

		it.each([
			{ label: 'a PDF named photo.jpg', bytes: () => new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n')), message: 'That file is not a JPEG, PNG or WebP photo' },
			{ label: 'a file over the size limit', bytes: () => { const b = new Uint8Array(MAX_PHOTO_BYTES + 1); b.set([0xff, 0xd8, 0xff, 0xe0]); return b; }, message: `The photo is larger than ${MAX_PHOTO_BYTES / 1024 / 1024} MB` },
			{ label: 'an image bomb (100,000 × 100,000 pixels declared)', bytes: imageBomb, message: 'That picture says it is far too big to open safely' },
			{ label: 'a truncated JPEG', bytes: () => new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]), message: 'We could not open that photo' }
		])('refuses $label with a specific message, stores nothing, and lists the form’s problems too', async ({ bytes, message }) => {
			const eco = await makeEcosystem(db);
			const outcome = await submitStory({ ctx, ecosystemId: eco.id, band: '18_24', input: { ...teenStory({ story_text: '' }), language: 'en' }, origin, locale: 'en', photo: bytes() });
			expect(outcome.ok).toBe(false);
			if (outcome.ok) return;
			expect(outcome.issues.find((i) => i.field === 'photo')?.message).toContain(message);
			expect(outcome.issues.some((i) => i.field === 'story_text')).toBe(true);
			expect(await db.selectFrom('story').select('id').where('ecosystem_id', '=', eco.id).execute()).toEqual([]);
		});

		it('lets a moderator remove a photo, recorded in the audit log', async () => {
			const eco = await makeEcosystem(db);
			const story = await publishedTeenStory(eco.id, ['wall'], await photoWithGps());
			expect(await moderateStory({ db, actor: story.staff, ecosystemId: eco.id, storyId: story.storyId, action: 'remove_photo', input: {}, locale: 'en' })).toEqual({ ok: true, value: null });
			await expect(getPublicStoryPhoto({ db, ecosystemId: eco.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			expect(await auditActions(db, eco.id)).toContain('story.remove_photo');
		});
	});

	describe('feed and export (built on the one public query)', () => {
		it('lists published stories without contact data or school, and drops a withdrawn story on the next request', async () => {
			const eco = await makeEcosystem(db, { name: 'Feed City' });
			const story = await publishedTeenStory(eco.id, ['wall', 'print'], await photoWithGps());
			const partner = await makePartner(db, eco.id);
			const partnerStaff = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id });

			const feed = await storiesFeed({ db, ecosystemId: eco.id, origin, locale: 'en' });
			expect(feed).toMatchObject({ version: 'https://jsonfeed.org/version/1.1', title: 'Feed City: Hear From Our Youth', feed_url: `${origin}/e/${eco.slug}/stories/feed.json` });
			expect(feed.items).toEqual([
				expect.objectContaining({ url: `${origin}/e/${eco.slug}/stories/${story.storyId}`, title: 'María', language: 'es', image: `${origin}/e/${eco.slug}/stories/${story.storyId}/photo` })
			]);
			const csv = await exportStories({ db, actor: partnerStaff, ecosystemId: eco.id, origin });
			const [header, row, end] = csv.split('\r\n');
			expect(header).toBe('id,display_name,age_band,language,interests,published_at,story,allows_wall,allows_partner_site,allows_social,allows_print,photo_url,page_url');
			expect(row).toContain(`${story.storyId},María,13_15,es,robotics health,`);
			expect(row).toContain(',yes,no,no,no,');
			expect(end).toBe('');
			for (const text of [JSON.stringify(feed), csv]) {
				expect(text).not.toMatch(/Kensington|madre|Ana Rodríguez|@/);
			}

			await withdrawStory({ db, ecosystemId: eco.id, token: story.withdrawToken });
			expect((await storiesFeed({ db, ecosystemId: eco.id, origin, locale: 'en' })).items).toEqual([]);
			expect((await exportStories({ db, actor: partnerStaff, ecosystemId: eco.id, origin })).split('\r\n')).toHaveLength(2);
		});

		it('gives the export to staff and partners only', async () => {
			const eco = await makeEcosystem(db);
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			await expect(exportStories({ db, actor: educator, ecosystemId: eco.id, origin })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(exportStories({ db, actor: { kind: 'public' }, ecosystemId: eco.id, origin })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			expect(await exportStories({ db, actor: await staffOf(eco.id), ecosystemId: eco.id, origin })).toMatch(/^id,display_name/);
		});
	});

	describe('trusted partner moderators', () => {
		it('opens the queue to partner staff the backbone trusts, without linking or trusting others, until trust is withdrawn', async () => {
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const partnerStaff = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id });
			const colleague = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id });
			const staff = await staffOf(eco.id);
			const story = await submittedTeenStory(eco.id);
			await giveParentConsent({ ctx, ecosystemId: eco.id, token: story.consentToken, input: parentConsent(), origin, locale: 'es' });

			await expect(listModerationQueue({ db, actor: partnerStaff, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await listPartnerModerators({ db, actor: staff, ecosystemId: eco.id })).map((p) => [p.email, p.trusted_at])).toEqual(
				expect.arrayContaining([[partnerStaff.email, null], [colleague.email, null]])
			);
			await setPartnerModerator({ db, actor: staff, ecosystemId: eco.id, userId: partnerStaff.userId, trusted: true });

			expect((await listModerationQueue({ db, actor: partnerStaff, ecosystemId: eco.id })).map((s) => s.id)).toEqual([story.storyId]);
			const review = await getStoryForModeration({ db, actor: partnerStaff, ecosystemId: eco.id, storyId: story.storyId });
			expect(review.canLink).toBe(false);
			expect(await moderateStory({ db, actor: partnerStaff, ecosystemId: eco.id, storyId: story.storyId, action: 'approve', input: { scopes: ['wall'] }, locale: 'en' })).toEqual({ ok: true, value: null });
			const initiative = await makeInitiative(db, eco.id);
			await expect(
				moderateStory({ db, actor: partnerStaff, ecosystemId: eco.id, storyId: story.storyId, action: 'link', input: { target_type: 'initiative', target_id: initiative.id }, locale: 'en' })
			).rejects.toMatchObject({ code: 'FORBIDDEN' });
			// Trust is per person, not per partner, and only the backbone hands it out.
			await expect(listModerationQueue({ db, actor: colleague, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(setPartnerModerator({ db, actor: partnerStaff, ecosystemId: eco.id, userId: colleague.userId, trusted: true })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			// Backbone staff cannot be "trusted" as partner staff, nor people of another ecosystem.
			await expect(setPartnerModerator({ db, actor: staff, ecosystemId: eco.id, userId: staff.userId, trusted: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });

			// Trusted partner staff need two-factor sign-in like backbone moderators.
			const noTwoFactor = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
			await setPartnerModerator({ db, actor: staff, ecosystemId: eco.id, userId: noTwoFactor.userId, trusted: true });
			await expect(listModerationQueue({ db, actor: noTwoFactor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });

			await setPartnerModerator({ db, actor: staff, ecosystemId: eco.id, userId: partnerStaff.userId, trusted: false });
			await expect(listModerationQueue({ db, actor: partnerStaff, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const audit = await auditActions(db, eco.id);
			expect(audit.filter((a) => a.startsWith('story.moderator_'))).toEqual(['story.moderator_trusted', 'story.moderator_trusted', 'story.moderator_untrusted']);
		});

		it('does not carry trust into another ecosystem', async () => {
			const eco = await makeEcosystem(db);
			const other = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const partnerStaff = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id });
			await setPartnerModerator({ db, actor: await staffOf(eco.id), ecosystemId: eco.id, userId: partnerStaff.userId, trusted: true });
			await expect(listModerationQueue({ db, actor: partnerStaff, ecosystemId: other.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(setPartnerModerator({ db, actor: await staffOf(other.id), ecosystemId: other.id, userId: partnerStaff.userId, trusted: true })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		});
	});

	describe('tenant isolation', () => {
		it('keeps another ecosystem’s stories, links and moderators out, changing nothing', async () => {
			const eco = await makeEcosystem(db);
			const other = await makeEcosystem(db);
			const story = await publishedTeenStory(eco.id);
			const otherStaff = await staffOf(other.id);
			await expect(getStoryForModeration({ db, actor: otherStaff, ecosystemId: eco.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getStoryForModeration({ db, actor: otherStaff, ecosystemId: other.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			await expect(moderateStory({ db, actor: otherStaff, ecosystemId: other.id, storyId: story.storyId, action: 'decline', input: { note: 'gone' }, locale: 'en' })).rejects.toMatchObject({
				code: 'STORY_NOT_FOUND'
			});
			await expect(getPublicStory({ db, ecosystemId: other.id, storyId: story.storyId })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			await expect(withdrawStory({ db, ecosystemId: other.id, token: story.withdrawToken })).rejects.toMatchObject({ code: 'STORY_LINK_INVALID' });
			await expect(reportStory({ db, ecosystemId: other.id, storyId: story.storyId, reporterHash: 'x', reason: '' })).rejects.toMatchObject({ code: 'STORY_NOT_FOUND' });
			const otherInitiative = await makeInitiative(db, other.id);
			const link = await moderateStory({ db, actor: story.staff, ecosystemId: eco.id, storyId: story.storyId, action: 'link', input: { target_type: 'initiative', target_id: otherInitiative.id }, locale: 'en' });
			expect(link.ok).toBe(false);
			expect((await listWall({ db, ecosystemId: other.id })).stories).toEqual([]);
			expect((await listWall({ db, ecosystemId: eco.id })).stories).toHaveLength(1);
			expect(await auditActions(db, other.id)).toEqual([]);
		});
	});
});

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../audit/audit.repository.js';
import { recordAudit } from '../audit/audit.repository.js';
import { requireAccess, requireSignedIn } from '../auth/access.js';
import { decide, membershipIn, partnerRoles, publicActor, type Actor } from '../auth/roles.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { findEcosystemById, listEcosystems } from '../ecosystems/ecosystems.repository.js';
import { findInitiative, listInitiatives } from '../ecosystems/ecosystems.repository.js';
import { findMetricById, listMetrics } from '../metrics/metrics.repository.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';
import { randomToken, sha256 } from '../util.js';
import { localized } from '../content.js';
import { validate } from '../validation.js';
import * as m from '../../paraglide/messages.js';
import * as repo from './stories.repository.js';
import { findPersonalInfo, redact } from './personal-info.js';
import { childConsentEmail, parentConsentEmail, withdrawLinkEmail } from './stories-mail.js';
import { MAX_PHOTO_BYTES, preparePhoto, type PreparedPhoto } from './story-photo.js';
import { toCsv } from '../dashboard/dashboard-view.js';
import {
	CONSENT_YEARS,
	DELETE_AFTER_DAYS,
	MINOR_CONSENT_DAYS,
	REPORTS_TO_HIDE,
	UNDER_13_CONSENT_DAYS,
	addDays,
	addYears,
	approveSchema,
	canApprove,
	childStorySchema,
	editSchema,
	effectiveScopes,
	needsParent,
	noteSchema,
	paperConsentSchema,
	parentConsentSchema,
	parentContactSchema,
	parseInterests,
	parseScopes,
	photoProblemMessage,
	scopes,
	storySchema,
	verificationSchema,
	wallFilterSchema,
	type AgeBand,
	type Locale,
	type Scope
} from './stories.js';

type Db = Kysely<Database>;

const storyUrl = (origin: string, ecosystemSlug: string, kind: 'consent' | 'withdraw', token: string) =>
	`${origin}/e/${ecosystemSlug}/stories/${kind}/${token}`;

async function ecosystemOrThrow(db: Executor, ecosystemId: string) {
	const ecosystem = await findEcosystemById(db, ecosystemId);
	if (!ecosystem) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	return ecosystem;
}

/** A new private link: the plain token goes to its holder once; only its hash is stored. */
async function issueToken(
	trx: Executor,
	ecosystemId: string,
	storyId: string,
	purpose: 'parent_consent' | 'withdraw',
	holder: 'author' | 'parent',
	expiresAt: string | null
): Promise<string> {
	const token = randomToken();
	await repo.insertToken(trx, ecosystemId, storyId, { purpose, holder, token_hash: sha256(token), expires_at: expiresAt });
	return token;
}

/** Re-encodes an uploaded photo (story-photo.ts), or says exactly why it cannot be taken. */
async function checkPhoto(upload: Uint8Array | null, locale: Locale): Promise<Outcome<PreparedPhoto | null>> {
	if (!upload) return ok(null);
	const prepared = await preparePhoto(upload);
	if (prepared.ok) return ok(prepared.photo);
	return invalid([{ field: 'photo', message: photoProblemMessage(prepared.problem, locale, MAX_PHOTO_BYTES / 1024 / 1024) }]);
}

async function sendAll(ctx: AppContext, messages: OutgoingMessage[]): Promise<void> {
	for (const message of messages) await ctx.mailer.send(message);
}

// ---------------------------------------------------------------------------------------------
// Submitting (public, no account)
// ---------------------------------------------------------------------------------------------

/**
 * A young person of 13 or older shares a story. Adults' stories go straight to moderation;
 * a minor's waits for a parent, who is emailed a private consent link. The author gets a private
 * link to see the story's state and withdraw it.
 */
export async function submitStory({
	ctx,
	ecosystemId,
	band,
	input,
	origin,
	locale,
	photo: upload = null
}: {
	ctx: AppContext;
	ecosystemId: string;
	band: Exclude<AgeBand, 'under_13'>;
	input: unknown;
	origin: string;
	locale: Locale;
	/** The uploaded photo's bytes, if one was chosen; only its re-encoded copy is ever stored. */
	photo?: Uint8Array | null;
}): Promise<Outcome<{ storyId: string; withdrawUrl: string; parentEmailed: boolean }>> {
	const parsed = validate(storySchema(locale, band), input);
	const photo = await checkPhoto(upload, locale);
	// Every problem at once: the form's and the photo's.
	if (!parsed.ok || !photo.ok) return invalid([...(parsed.ok ? [] : parsed.issues), ...(photo.ok ? [] : photo.issues)]);
	const value = parsed.value;
	const now = new Date();
	const minor = needsParent(band);
	const done = await ctx.db.kysely.transaction().execute(async (trx) => {
		const ecosystem = await ecosystemOrThrow(trx, ecosystemId);
		const storyId = await repo.insertStory(trx, ecosystemId, {
			status: minor ? 'awaiting_consent' : 'in_review',
			age_band: band,
			language: value.language,
			display_name: value.display_name,
			story_text: value.story_text,
			interests_json: JSON.stringify(value.interests),
			school: value.school ?? null,
			parent_email: minor ? (value.parent_email ?? null) : null,
			requested_scopes_json: JSON.stringify(value.scopes),
			consent_expires_at: minor ? null : addYears(now, CONSENT_YEARS)
		});
		await repo.insertConsent(trx, ecosystemId, storyId, { kind: 'youth_assent', method: 'online_form', scopes_json: JSON.stringify(value.scopes) });
		if (photo.value) await repo.putPhoto(trx, ecosystemId, storyId, photo.value);
		const withdrawToken = await issueToken(trx, ecosystemId, storyId, 'withdraw', 'author', null);
		const messages: OutgoingMessage[] = [];
		if (minor && value.parent_email) {
			const consentToken = await issueToken(trx, ecosystemId, storyId, 'parent_consent', 'parent', addDays(now, MINOR_CONSENT_DAYS));
			messages.push({
				ecosystemId,
				to: value.parent_email,
				kind: 'story_consent',
				...parentConsentEmail(value.language, { ecosystem: ecosystem.name, url: storyUrl(origin, ecosystem.slug, 'consent', consentToken), days: MINOR_CONSENT_DAYS })
			});
		}
		await recordAudit(trx, {
			actor: publicActor,
			ecosystemId,
			action: 'story.submit',
			entityType: 'story',
			entityId: storyId,
			summary: `A story was submitted (age band ${band}${photo.value ? ', with a photo' : ''})`
		});
		return { storyId, withdrawUrl: storyUrl(origin, ecosystem.slug, 'withdraw', withdrawToken), messages };
	});
	await sendAll(ctx, done.messages);
	return ok({ storyId: done.storyId, withdrawUrl: done.withdrawUrl, parentEmailed: done.messages.length > 0 });
}

/**
 * Under 13 (COPPA): the only thing collected is the parent's email, to ask for consent. Nothing
 * about the child is stored until the parent has consented; without consent the address is
 * deleted after UNDER_13_CONSENT_DAYS.
 */
export async function requestChildConsent({
	ctx,
	ecosystemId,
	input,
	origin,
	locale
}: {
	ctx: AppContext;
	ecosystemId: string;
	input: unknown;
	origin: string;
	locale: Locale;
}): Promise<Outcome<null>> {
	const parsed = validate(parentContactSchema(locale), input);
	if (!parsed.ok) return parsed;
	const message = await ctx.db.kysely.transaction().execute(async (trx) => {
		const ecosystem = await ecosystemOrThrow(trx, ecosystemId);
		const storyId = await repo.insertStory(trx, ecosystemId, {
			status: 'awaiting_consent',
			age_band: 'under_13',
			language: locale,
			parent_email: parsed.value.parent_email
		});
		const token = await issueToken(trx, ecosystemId, storyId, 'parent_consent', 'parent', addDays(new Date(), UNDER_13_CONSENT_DAYS));
		await recordAudit(trx, {
			actor: publicActor,
			ecosystemId,
			action: 'story.child_consent_requested',
			entityType: 'story',
			entityId: storyId,
			summary: 'A parent was asked to consent before a child under 13 shares a story'
		});
		return {
			ecosystemId,
			to: parsed.value.parent_email,
			kind: 'story_consent',
			...childConsentEmail(locale, { ecosystem: ecosystem.name, url: storyUrl(origin, ecosystem.slug, 'consent', token), days: UNDER_13_CONSENT_DAYS })
		} satisfies OutgoingMessage;
	});
	await ctx.mailer.send(message);
	return ok(null);
}

// ---------------------------------------------------------------------------------------------
// The parent's consent link
// ---------------------------------------------------------------------------------------------

async function openLink(db: Executor, ecosystemId: string, token: string, purpose: 'parent_consent' | 'withdraw') {
	const row = await repo.findToken(db, ecosystemId, sha256(token));
	if (!row || row.purpose !== purpose) throw new DomainError('STORY_LINK_INVALID');
	if (purpose === 'parent_consent' && (row.used_at || (row.expires_at && row.expires_at <= new Date().toISOString()))) {
		throw new DomainError('STORY_LINK_INVALID');
	}
	const story = await repo.findStory(db, ecosystemId, row.story_id);
	if (!story) throw new DomainError('STORY_LINK_INVALID');
	return { token: row, story };
}

export type ConsentStep = 'consent' | 'story';

/** What the parent reads before consenting: the story (13–17), or what the campaign is (under 13). */
export async function viewConsentLink({ db, ecosystemId, token }: { db: Db; ecosystemId: string; token: string }) {
	const { story } = await openLink(db, ecosystemId, token, 'parent_consent');
	const consented = story.consent_scopes_json !== null;
	const step: ConsentStep = consented ? 'story' : 'consent';
	return {
		step,
		underThirteen: story.age_band === 'under_13',
		ageBand: story.age_band,
		language: story.language,
		displayName: story.display_name,
		storyText: story.story_text,
		requestedScopes: parseScopes(story.requested_scopes_json) ?? [],
		consentedScopes: parseScopes(story.consent_scopes_json) ?? [],
		/** The parent sees the photo too: it is part of what they consent to. */
		hasPhoto: (await repo.storiesWithPhotos(db, ecosystemId, [story.id])).has(story.id)
	};
}

/** The photo, for the parent reading the consent link (as long as the link is valid). */
export async function getConsentLinkPhoto({ db, ecosystemId, token }: { db: Db; ecosystemId: string; token: string }) {
	const { story } = await openLink(db, ecosystemId, token, 'parent_consent');
	const photo = await repo.findPhoto(db, ecosystemId, story.id);
	if (!photo) throw new DomainError('STORY_NOT_FOUND');
	return photo;
}

/**
 * The parent or guardian consents through the emailed link. For a teenager the story then goes
 * to moderation; for a child under 13 the same link next opens the story form. Either way the
 * parent is emailed (and shown) a private link to withdraw the story later.
 */
export async function giveParentConsent({
	ctx,
	ecosystemId,
	token,
	input,
	origin,
	locale
}: {
	ctx: AppContext;
	ecosystemId: string;
	token: string;
	input: unknown;
	origin: string;
	locale: Locale;
}): Promise<Outcome<{ withdrawUrl: string; next: ConsentStep | 'done' }>> {
	const parsed = validate(parentConsentSchema(locale), input);
	const db = ctx.db.kysely;
	const opened = await openLink(db, ecosystemId, token, 'parent_consent');
	if (opened.story.consent_scopes_json !== null) throw new DomainError('STORY_ACTION_NOT_ALLOWED');
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const child = opened.story.age_band === 'under_13';
	const done = await db.transaction().execute(async (trx) => {
		const ecosystem = await ecosystemOrThrow(trx, ecosystemId);
		const { story, token: row } = opened;
		await repo.insertConsent(trx, ecosystemId, story.id, {
			kind: 'parent_consent',
			method: 'emailed_link',
			signer_name: value.signer_name,
			relationship: value.relationship,
			scopes_json: JSON.stringify(value.scopes)
		});
		await repo.updateStory(trx, ecosystemId, story.id, {
			consent_scopes_json: JSON.stringify(value.scopes),
			consent_expires_at: addYears(new Date(), CONSENT_YEARS),
			...(child ? {} : { status: 'in_review' as const })
		});
		if (!child) await repo.markTokenUsed(trx, ecosystemId, row.id);
		const withdrawToken = await issueToken(trx, ecosystemId, story.id, 'withdraw', 'parent', null);
		await recordAudit(trx, {
			actor: publicActor,
			ecosystemId,
			action: 'story.parent_consent',
			entityType: 'story',
			entityId: story.id,
			summary: `A ${value.relationship} consented by the emailed link (${value.scopes.join(', ')})`
		});
		const withdrawUrl = storyUrl(origin, ecosystem.slug, 'withdraw', withdrawToken);
		const message: OutgoingMessage = {
			ecosystemId,
			to: story.parent_email ?? '',
			kind: 'story_withdraw_link',
			...withdrawLinkEmail(locale, { ecosystem: ecosystem.name, url: withdrawUrl })
		};
		return { withdrawUrl, message };
	});
	if (done.message.to) await ctx.mailer.send(done.message);
	return ok({ withdrawUrl: done.withdrawUrl, next: child ? 'story' : 'done' });
}

/** Under 13, after consent: the child's story, written with the parent, through the same link. */
export async function submitChildStory({
	db,
	ecosystemId,
	token,
	input,
	locale
}: {
	db: Db;
	ecosystemId: string;
	token: string;
	input: unknown;
	locale: Locale;
}): Promise<Outcome<null>> {
	const { story, token: row } = await openLink(db, ecosystemId, token, 'parent_consent');
	if (story.age_band !== 'under_13' || story.consent_scopes_json === null || story.story_text !== null) {
		throw new DomainError('STORY_ACTION_NOT_ALLOWED');
	}
	const parsed = validate(childStorySchema(locale), input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	return db.transaction().execute(async (trx) => {
		await repo.updateStory(trx, ecosystemId, story.id, {
			status: 'in_review',
			display_name: value.display_name,
			story_text: value.story_text,
			interests_json: JSON.stringify(value.interests),
			language: value.language,
			requested_scopes_json: story.consent_scopes_json!
		});
		await repo.insertConsent(trx, ecosystemId, story.id, { kind: 'youth_assent', method: 'online_form', scopes_json: story.consent_scopes_json! });
		await repo.markTokenUsed(trx, ecosystemId, row.id);
		await recordAudit(trx, {
			actor: publicActor,
			ecosystemId,
			action: 'story.submit',
			entityType: 'story',
			entityId: story.id,
			summary: 'A story was submitted with a parent’s consent (age band under_13)'
		});
		return ok(null);
	});
}

// ---------------------------------------------------------------------------------------------
// The private withdrawal link (author and parent)
// ---------------------------------------------------------------------------------------------

export async function viewWithdrawLink({ db, ecosystemId, token }: { db: Db; ecosystemId: string; token: string }) {
	const { story } = await openLink(db, ecosystemId, token, 'withdraw');
	return {
		status: story.status,
		displayName: story.display_name,
		storyText: story.story_text,
		originalText: story.original_text,
		moderatorNote: story.status === 'changes_requested' || story.status === 'declined' ? story.moderator_note : null,
		publishedAt: story.published_at,
		consentExpiresAt: story.consent_expires_at,
		deleteAfter: story.delete_after,
		scopes: effectiveScopes({
			age_band: story.age_band,
			requested: parseScopes(story.requested_scopes_json) ?? [],
			consented: parseScopes(story.consent_scopes_json),
			approved: parseScopes(story.approved_scopes_json)
		})
	};
}

/**
 * Withdraws consent: from this request on, no public query returns the story (wall, page, card,
 * embed, feed, links), and it is deleted DELETE_AFTER_DAYS later. Withdrawing twice changes nothing.
 */
export async function withdrawStory({ db, ecosystemId, token }: { db: Db; ecosystemId: string; token: string }): Promise<Outcome<{ deleteAfter: string }>> {
	const { story, token: row } = await openLink(db, ecosystemId, token, 'withdraw');
	if (story.revoked_at) return ok({ deleteAfter: story.delete_after ?? story.revoked_at });
	const now = new Date();
	const deleteAfter = addDays(now, DELETE_AFTER_DAYS);
	return db.transaction().execute(async (trx) => {
		await repo.updateStory(trx, ecosystemId, story.id, { status: 'withdrawn', revoked_at: now.toISOString(), delete_after: deleteAfter, featured_at: null });
		await repo.insertConsent(trx, ecosystemId, story.id, { kind: 'revocation', method: 'private_link', relationship: row.holder === 'parent' ? 'parent' : 'author' });
		await recordAudit(trx, {
			actor: publicActor,
			ecosystemId,
			action: 'story.withdraw',
			entityType: 'story',
			entityId: story.id,
			summary: `The ${row.holder} withdrew consent; deletion scheduled for ${deleteAfter.slice(0, 10)}`
		});
		return ok({ deleteAfter });
	});
}

/** After a moderator asked for a change, the author rewrites the story through their private link. */
export async function reviseStory({ db, ecosystemId, token, input, locale }: { db: Db; ecosystemId: string; token: string; input: unknown; locale: Locale }): Promise<Outcome<null>> {
	const { story } = await openLink(db, ecosystemId, token, 'withdraw');
	if (story.status !== 'changes_requested') throw new DomainError('STORY_ACTION_NOT_ALLOWED');
	const parsed = validate(editSchema(locale), input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		await repo.updateStory(trx, ecosystemId, story.id, { story_text: parsed.value.story_text, original_text: null, status: 'in_review', moderator_note: null });
		await recordAudit(trx, { actor: publicActor, ecosystemId, action: 'story.revise', entityType: 'story', entityId: story.id, summary: 'The author revised the story after a requested change' });
		return ok(null);
	});
}

// ---------------------------------------------------------------------------------------------
// Public surfaces
// ---------------------------------------------------------------------------------------------

export async function listWall({ db, ecosystemId, filter, scope = 'wall' }: { db: Db; ecosystemId: string; filter?: unknown; scope?: Scope }) {
	const parsed = wallFilterSchema.parse(filter ?? {});
	const rows = await repo.listPublicStories(db, ecosystemId, { scope, now: new Date().toISOString(), filter: parsed });
	return { filter: parsed, stories: rows.map(toPublic) };
}

export async function getPublicStory({ db, ecosystemId, storyId, scope = 'wall' }: { db: Db; ecosystemId: string; storyId: string; scope?: Scope }) {
	const row = await repo.findPublicStory(db, ecosystemId, storyId, scope, new Date().toISOString());
	if (!row) throw new DomainError('STORY_NOT_FOUND');
	const social = await repo.findPublicStory(db, ecosystemId, storyId, 'social', new Date().toISOString());
	const photos = await repo.storiesWithPhotos(db, ecosystemId, [storyId]);
	return { ...toPublic(row), shareable: !!social, hasPhoto: photos.has(storyId) };
}

/**
 * A story's photo, for the public: only while the story itself is public on the wall (the same
 * query as every other surface), so withdrawal or expiry takes the photo down on the next request.
 */
export async function getPublicStoryPhoto({ db, ecosystemId, storyId }: { db: Db; ecosystemId: string; storyId: string }) {
	const story = await repo.findPublicStory(db, ecosystemId, storyId, 'wall', new Date().toISOString());
	const photo = story ? await repo.findPhoto(db, ecosystemId, storyId) : undefined;
	if (!photo) throw new DomainError('STORY_NOT_FOUND');
	return photo;
}

/**
 * The wall as a JSON Feed 1.1 (https://www.jsonfeed.org/version/1.1/): the same public query
 * as the wall, so a withdrawn or expired story is gone from the feed on the next request.
 * Items carry only what the wall shows: the display name, the words, interests and language.
 */
export async function storiesFeed({ db, ecosystemId, origin, locale }: { db: Db; ecosystemId: string; origin: string; locale: Locale }) {
	const ecosystem = await ecosystemOrThrow(db, ecosystemId);
	const wall = `${origin}/e/${ecosystem.slug}/stories`;
	const rows = await repo.listPublicStories(db, ecosystemId, { scope: 'wall', now: new Date().toISOString(), limit: 100 });
	const photos = await repo.storiesWithPhotos(db, ecosystemId, rows.map((r) => r.id));
	return {
		version: 'https://jsonfeed.org/version/1.1',
		title: m.stories_feed_title({ ecosystem: ecosystem.name }, { locale }),
		home_page_url: wall,
		feed_url: `${wall}/feed.json`,
		language: locale,
		items: rows.map(toPublic).map((story) => ({
			id: `${wall}/${story.id}`,
			url: `${wall}/${story.id}`,
			title: story.displayName,
			content_text: story.text,
			date_published: story.publishedAt ?? undefined,
			language: story.language,
			tags: story.interests,
			authors: [{ name: story.displayName }],
			...(photos.has(story.id) ? { image: `${wall}/${story.id}/photo` } : {})
		}))
	};
}

/**
 * Published stories as CSV for staff and partners: built on the same public query, once per use,
 * so it holds exactly what the public may see, and says which uses each story allows. Never the
 * school, contact details or consent records.
 */
export async function exportStories({ db, actor, ecosystemId, origin }: { db: Db; actor: Actor; ecosystemId: string; origin: string }): Promise<string> {
	requireAccess(actor, 'ecosystem.stories.export', { ecosystemId });
	const ecosystem = await ecosystemOrThrow(db, ecosystemId);
	const now = new Date().toISOString();
	const byId = new Map<string, { story: PublicStory; uses: Set<Scope> }>();
	for (const scope of scopes) {
		for (const row of await repo.listPublicStories(db, ecosystemId, { scope, now, limit: 10_000 })) {
			const entry = byId.get(row.id) ?? { story: toPublic(row), uses: new Set<Scope>() };
			entry.uses.add(scope);
			byId.set(row.id, entry);
		}
	}
	const photos = await repo.storiesWithPhotos(db, ecosystemId, [...byId.keys()]);
	const entries = [...byId.values()].sort((a, b) => (b.story.publishedAt ?? '').localeCompare(a.story.publishedAt ?? ''));
	const wall = `${origin}/e/${ecosystem.slug}/stories`;
	return toCsv({
		header: ['id', 'display_name', 'age_band', 'language', 'interests', 'published_at', 'story', ...scopes.map((s) => `allows_${s}`), 'photo_url', 'page_url'],
		rows: entries.map(({ story, uses }) => [
			story.id,
			story.displayName,
			story.ageBand,
			story.language,
			story.interests.join(' '),
			story.publishedAt ?? '',
			story.text,
			...scopes.map((s) => (uses.has(s) ? 'yes' : 'no')),
			photos.has(story.id) && uses.has('wall') ? `${wall}/${story.id}/photo` : '',
			uses.has('wall') ? `${wall}/${story.id}` : ''
		])
	});
}

export async function listLinkedStories({ db, ecosystemId, target }: { db: Db; ecosystemId: string; target: { type: 'metric' | 'initiative'; id: string } }) {
	return (await repo.listLinkedPublicStories(db, ecosystemId, target, new Date().toISOString())).map(toPublic);
}

/**
 * The dashboard's "voices behind the numbers": public stories linked to each metric, by metric.
 * `scope` is the use the stories must be consented for: the wall's (web pages, the default) or
 * 'print' (the annual report's PDF).
 */
export async function listStoriesBesideMetrics({ db, ecosystemId, locale, scope = 'wall' }: { db: Db; ecosystemId: string; locale: Locale; scope?: Scope }) {
	const rows = await repo.listPublicLinkedToType(db, ecosystemId, 'metric', new Date().toISOString(), scope);
	if (rows.length === 0) return [];
	const metrics = await listMetrics(db, ecosystemId);
	return metrics
		.map((metric) => ({
			metricId: metric.id,
			metricName: localized(locale, metric.name, metric.name_es),
			stories: rows.filter((r) => r.target_id === metric.id).map(toPublic)
		}))
		.filter((group) => group.stories.length > 0);
}

/** Only what the public may see: never contact details, school, or consent records. */
function toPublic(row: {
	id: string;
	display_name: string | null;
	age_band: AgeBand;
	language: Locale;
	story_text: string | null;
	interests_json: string;
	published_at: string | null;
	featured_at: string | null;
	is_demo: number;
}) {
	return {
		id: row.id,
		displayName: row.display_name ?? '',
		ageBand: row.age_band,
		language: row.language,
		text: row.story_text ?? '',
		interests: parseInterests(row.interests_json),
		publishedAt: row.published_at,
		featured: !!row.featured_at,
		isDemo: row.is_demo === 1
	};
}
export type PublicStory = ReturnType<typeof toPublic>;

/**
 * Anyone may report a published story. Each network address counts once (by a keyed hash); at
 * REPORTS_TO_HIDE distinct reports the story is hidden until a moderator looks.
 */
export async function reportStory({
	db,
	ecosystemId,
	storyId,
	reporterHash,
	reason
}: {
	db: Db;
	ecosystemId: string;
	storyId: string;
	reporterHash: string;
	reason: string | undefined;
}): Promise<{ hidden: boolean }> {
	return db.transaction().execute(async (trx) => {
		const story = await repo.findPublicStory(trx, ecosystemId, storyId, 'wall', new Date().toISOString());
		if (!story) throw new DomainError('STORY_NOT_FOUND');
		const added = await repo.insertReport(trx, ecosystemId, storyId, reporterHash, (reason ?? '').slice(0, 500));
		const count = await repo.countOpenReports(trx, ecosystemId, storyId);
		const hidden = count >= REPORTS_TO_HIDE;
		if (hidden) await repo.updateStory(trx, ecosystemId, storyId, { hidden_at: new Date().toISOString() });
		if (added) {
			await recordAudit(trx, {
				actor: publicActor,
				ecosystemId,
				action: hidden ? 'story.hidden_by_reports' : 'story.report',
				entityType: 'story',
				entityId: storyId,
				summary: hidden ? `Hidden after ${count} reports, until a moderator looks` : `Reported (${count} open reports)`
			});
		}
		return { hidden };
	});
}

// ---------------------------------------------------------------------------------------------
// Moderation (backbone staff)
// ---------------------------------------------------------------------------------------------

/**
 * Who may moderate: backbone staff (`ecosystem.stories.moderate`), or partner staff the backbone
 * trusts (a `story_moderator` row), who moderate as their partner: `partner.stories.moderate`
 * scoped to the partner their trust names, which must still be the partner of their membership.
 * Answers which of the two, or throws the backbone permission's refusal (sign in, two-factor,
 * forbidden).
 */
export async function requireStoryModerator(db: Executor, actor: Actor, ecosystemId: string): Promise<'backbone' | 'partner'> {
	if (decide(actor, 'ecosystem.stories.moderate', { ecosystemId }) === 'allow') return 'backbone';
	const membership = membershipIn(actor, ecosystemId);
	if (actor.kind === 'user' && membership && partnerRoles.includes(membership.role)) {
		const trusted = await repo.findTrustedModerator(db, ecosystemId, actor.userId);
		if (trusted && trusted.partner_id === membership.partnerId) {
			requireAccess(actor, 'partner.stories.moderate', { ecosystemId, partnerId: trusted.partner_id });
			return 'partner';
		}
	}
	requireAccess(actor, 'ecosystem.stories.moderate', { ecosystemId });
	return 'backbone';
}

export async function listModerationQueue({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	await requireStoryModerator(db, actor, ecosystemId);
	return repo.listForModeration(db, ecosystemId);
}

export async function getStoryForModeration({ db, actor, ecosystemId, storyId }: { db: Db; actor: Actor; ecosystemId: string; storyId: string }) {
	const as = await requireStoryModerator(db, actor, ecosystemId);
	const story = await repo.findStory(db, ecosystemId, storyId);
	if (!story) throw new DomainError('STORY_NOT_FOUND');
	const consents = await repo.listConsents(db, ecosystemId, storyId);
	const flags = consentFlags(consents);
	// What a story can be linked to: the ecosystem's metrics (indicators) and initiatives (goals, programmes).
	const targets = [
		...(await listMetrics(db, ecosystemId)).map((t) => ({ type: 'metric' as const, id: t.id, name: t.name })),
		...(await listInitiatives(db, ecosystemId)).map((t) => ({ type: 'initiative' as const, id: t.id, name: t.title }))
	];
	const links = (await repo.listLinks(db, ecosystemId, storyId)).map((l) => ({
		...l,
		name: targets.find((t) => t.type === l.target_type && t.id === l.target_id)?.name ?? l.target_id
	}));
	return {
		story,
		interests: parseInterests(story.interests_json),
		requestedScopes: parseScopes(story.requested_scopes_json) ?? [],
		consentScopes: parseScopes(story.consent_scopes_json),
		approvedScopes: parseScopes(story.approved_scopes_json),
		findings: findPersonalInfo(story.story_text ?? ''),
		consents,
		reports: await repo.listOpenReports(db, ecosystemId, storyId),
		links,
		targets,
		canApprove: canApprove({ status: story.status, age_band: story.age_band, ...flags }),
		hasPhoto: (await repo.storiesWithPhotos(db, ecosystemId, [storyId])).has(storyId),
		/** Linking stories to goals and indicators stays with the backbone. */
		canLink: as === 'backbone',
		...flags
	};
}

function consentFlags(consents: { kind: string; method: string }[]) {
	return {
		hasParentConsent: consents.some((c) => c.kind === 'parent_consent'),
		// A signed paper form is itself a verifiable method for an under-13.
		hasVerification: consents.some((c) => c.kind === 'parent_verification' || (c.kind === 'parent_consent' && c.method === 'paper'))
	};
}

export const moderationActions = [
	'edit',
	'redact',
	'request_changes',
	'approve',
	'decline',
	'feature',
	'unfeature',
	'paper_consent',
	'verify',
	'restore',
	'link',
	'unlink',
	'remove_photo'
] as const;
export type ModerationAction = (typeof moderationActions)[number];

type Story = repo.StoryRow;
type Step = { patch?: Parameters<typeof repo.updateStory>[3]; summary: string; after?: (trx: Executor) => Promise<void> } | { issues: { field: string; message: string }[] };

/**
 * Every moderator action on one story, each in one transaction with its audit entry. Actions that
 * the story's state does not allow answer STORY_ACTION_NOT_ALLOWED and change nothing.
 */
export async function moderateStory({
	db,
	actor,
	ecosystemId,
	storyId,
	action,
	input,
	locale
}: {
	db: Db;
	actor: Actor;
	ecosystemId: string;
	storyId: string;
	action: ModerationAction;
	input: Record<string, unknown>;
	locale: Locale;
}): Promise<Outcome<null>> {
	await requireStoryModerator(db, actor, ecosystemId);
	requireSignedIn(actor);
	// Linking a story to what it illustrates is the backbone's call, not a trusted partner's.
	if (action === 'link' || action === 'unlink') requireAccess(actor, 'ecosystem.stories.moderate', { ecosystemId });
	return db.transaction().execute(async (trx) => {
		const story = await repo.findStory(trx, ecosystemId, storyId);
		if (!story) throw new DomainError('STORY_NOT_FOUND');
		const flags = consentFlags(await repo.listConsents(trx, ecosystemId, storyId));
		const step = await planAction(trx, { story, action, input, locale, ecosystemId, userId: actor.userId, flags });
		if ('issues' in step) return invalid(step.issues);
		if (step.patch) await repo.updateStory(trx, ecosystemId, storyId, step.patch);
		await step.after?.(trx);
		await recordAudit(trx, { actor, ecosystemId, action: `story.${action}`, entityType: 'story', entityId: storyId, summary: step.summary });
		return ok(null);
	});
}

const gone = (s: Story) => s.status === 'withdrawn' || s.status === 'expired' || s.revoked_at !== null;

async function planAction(
	trx: Executor,
	args: {
		story: Story;
		action: ModerationAction;
		input: Record<string, unknown>;
		locale: Locale;
		ecosystemId: string;
		userId: string;
		flags: { hasParentConsent: boolean; hasVerification: boolean };
	}
): Promise<Step> {
	const { story, input, locale, ecosystemId } = args;
	const notAllowed = () => {
		throw new DomainError('STORY_ACTION_NOT_ALLOWED');
	};
	if (gone(story)) notAllowed();
	const now = new Date().toISOString();
	switch (args.action) {
		case 'edit': {
			if (story.story_text === null) notAllowed();
			const parsed = validate(editSchema(locale), input);
			if (!parsed.ok) return parsed;
			return { patch: { story_text: parsed.value.story_text, original_text: story.original_text ?? story.story_text }, summary: 'Edited the story text (the author sees the change)' };
		}
		case 'redact': {
			if (story.story_text === null) notAllowed();
			const which = input.finding === 'all' ? 'all' : [Number(input.finding)];
			const text = redact(story.story_text!, which);
			if (text === story.story_text) return { issues: [{ field: 'finding', message: 'There is nothing to remove there.' }] };
			return { patch: { story_text: text, original_text: story.original_text ?? story.story_text }, summary: 'Removed personal information from the story' };
		}
		case 'request_changes': {
			if (story.status !== 'in_review' && story.status !== 'published') notAllowed();
			const parsed = validate(noteSchema(locale), input);
			if (!parsed.ok) return parsed;
			return { patch: { status: 'changes_requested', moderator_note: parsed.value.note, published_at: null, featured_at: null }, summary: 'Asked the author for changes' };
		}
		case 'approve': {
			if (!canApprove({ status: story.status, age_band: story.age_band, ...args.flags })) notAllowed();
			const parsed = validate(approveSchema(locale), input);
			if (!parsed.ok) return parsed;
			return {
				patch: { status: 'published', approved_scopes_json: JSON.stringify(parsed.value.scopes), published_at: story.published_at ?? now, moderator_note: null, hidden_at: null },
				summary: `Published for ${parsed.value.scopes.join(', ')}`,
				after: (t) => repo.resolveReports(t, ecosystemId, story.id)
			};
		}
		case 'decline': {
			const parsed = validate(noteSchema(locale), input);
			if (!parsed.ok) return parsed;
			return {
				patch: { status: 'declined', moderator_note: parsed.value.note, published_at: null, featured_at: null, delete_after: addDays(new Date(), DELETE_AFTER_DAYS) },
				summary: 'Declined the story; deletion scheduled'
			};
		}
		case 'feature':
		case 'unfeature': {
			if (story.status !== 'published') notAllowed();
			return { patch: { featured_at: args.action === 'feature' ? now : null }, summary: args.action === 'feature' ? 'Featured the story' : 'Stopped featuring the story' };
		}
		case 'paper_consent': {
			if (!needsParent(story.age_band) || args.flags.hasParentConsent || story.story_text === null) notAllowed();
			const parsed = validate(paperConsentSchema(locale), input);
			if (!parsed.ok) return parsed;
			const v = parsed.value;
			return {
				patch: {
					consent_scopes_json: JSON.stringify(v.scopes),
					consent_expires_at: addYears(new Date(`${v.given_on}T12:00:00Z`), CONSENT_YEARS),
					...(story.status === 'awaiting_consent' ? { status: 'in_review' as const } : {})
				},
				summary: `Recorded a paper consent form signed by a ${v.relationship} on ${v.given_on}`,
				after: (t) =>
					repo.insertConsent(t, ecosystemId, story.id, {
						kind: 'parent_consent',
						method: 'paper',
						signer_name: v.signer_name,
						relationship: v.relationship,
						scopes_json: JSON.stringify(v.scopes),
						recorded_by_user_id: args.userId,
						given_on: v.given_on
					})
			};
		}
		case 'verify': {
			if (story.age_band !== 'under_13' || !args.flags.hasParentConsent || args.flags.hasVerification) notAllowed();
			const parsed = validate(verificationSchema(locale), input);
			if (!parsed.ok) return parsed;
			return {
				summary: `Verified the parent’s identity (${parsed.value.method})`,
				after: (t) => repo.insertConsent(t, ecosystemId, story.id, { kind: 'parent_verification', method: parsed.value.method, recorded_by_user_id: args.userId })
			};
		}
		case 'restore': {
			if (!story.hidden_at) notAllowed();
			return { patch: { hidden_at: null }, summary: 'Looked at the reports and showed the story again', after: (t) => repo.resolveReports(t, ecosystemId, story.id) };
		}
		case 'link': {
			// The form sends one "type:id" choice; callers may also send the two parts.
			const [rawType, rawId] = typeof input.target === 'string' ? input.target.split(':') : [input.target_type, input.target_id];
			const type = rawType === 'initiative' ? 'initiative' : rawType === 'metric' ? 'metric' : null;
			const targetId = typeof rawId === 'string' ? rawId : '';
			const found = type === 'metric' ? await findMetricById(trx, ecosystemId, targetId) : type === 'initiative' ? await findInitiative(trx, ecosystemId, targetId) : undefined;
			if (!type || !found) return { issues: [{ field: 'target_id', message: 'Choose a metric or initiative of this ecosystem.' }] };
			return { summary: `Linked the story to ${type} ${targetId}`, after: (t) => repo.insertLink(t, ecosystemId, story.id, type, targetId) };
		}
		case 'remove_photo': {
			return {
				summary: 'Removed the story’s photo',
				after: async (t) => {
					if ((await repo.deletePhoto(t, ecosystemId, story.id)) === 0) notAllowed();
				}
			};
		}
		case 'unlink': {
			const linkId = typeof input.link_id === 'string' ? input.link_id : '';
			return {
				summary: 'Removed a link from the story',
				after: async (t) => {
					if ((await repo.deleteLink(t, ecosystemId, story.id, linkId)) === 0) throw new DomainError('NOT_FOUND');
				}
			};
		}
	}
}

/** The stored photo for moderators (any state of the story; the public route checks publicity). */
export async function getModerationPhoto({ db, actor, ecosystemId, storyId }: { db: Db; actor: Actor; ecosystemId: string; storyId: string }) {
	await requireStoryModerator(db, actor, ecosystemId);
	const photo = await repo.findPhoto(db, ecosystemId, storyId);
	if (!photo) throw new DomainError('STORY_NOT_FOUND');
	return photo;
}

// ---------------------------------------------------------------------------------------------
// Trusted partner moderators (the backbone decides)
// ---------------------------------------------------------------------------------------------

export async function listPartnerModerators({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.stories.moderate', { ecosystemId });
	return repo.listPartnerStaff(db, ecosystemId);
}

/**
 * The backbone trusts (or stops trusting) one partner staff member to moderate stories. Only
 * people with a partner membership in this ecosystem can be trusted; the trust names their
 * partner and stops counting if they move to another.
 */
export async function setPartnerModerator({
	db,
	actor,
	ecosystemId,
	userId,
	trusted
}: {
	db: Db;
	actor: Actor;
	ecosystemId: string;
	userId: string;
	trusted: boolean;
}): Promise<void> {
	requireAccess(actor, 'ecosystem.stories.moderate', { ecosystemId });
	const grantedBy = actor.userId;
	await db.transaction().execute(async (trx) => {
		const person = (await repo.listPartnerStaff(trx, ecosystemId)).find((p) => p.user_id === userId);
		if (!person) throw new DomainError('NOT_FOUND');
		const changed = trusted
			? await repo.insertTrustedModerator(trx, ecosystemId, { userId, partnerId: person.partner_id!, grantedBy })
			: (await repo.deleteTrustedModerator(trx, ecosystemId, userId)) > 0;
		if (!changed) return;
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: trusted ? 'story.moderator_trusted' : 'story.moderator_untrusted',
			entityType: 'user',
			entityId: userId,
			summary: trusted ? `Trusted ${person.email} (${person.partner_name}) to moderate stories` : `Stopped trusting ${person.email} to moderate stories`
		});
	});
}

// ---------------------------------------------------------------------------------------------
// Scheduled work
// ---------------------------------------------------------------------------------------------

/**
 * Runs hourly in the server (runtime.ts) and as `npm run stories:purge`. Public queries already
 * hide expired consent on the next request; this records the expiry, schedules deletion, and
 * deletes what is due: withdrawn, expired or declined stories after DELETE_AFTER_DAYS, under-13
 * submissions without consent after UNDER_13_CONSENT_DAYS, teenagers' after MINOR_CONSENT_DAYS.
 */
export async function purgeStories({ db, now = new Date(), ecosystemId }: { db: Db; now?: Date; ecosystemId?: string }): Promise<{ expired: number; deleted: number }> {
	let expired = 0;
	let deleted = 0;
	const iso = now.toISOString();
	for (const ecosystem of (await listEcosystems(db)).filter((e) => ecosystemId === undefined || e.id === ecosystemId)) {
		await db.transaction().execute(async (trx) => {
			for (const { id } of await repo.listExpired(trx, ecosystem.id, iso)) {
				await repo.updateStory(trx, ecosystem.id, id, { status: 'expired', featured_at: null, delete_after: addDays(now, DELETE_AFTER_DAYS) });
				await repo.insertConsent(trx, ecosystem.id, id, { kind: 'expiry', method: 'schedule' });
				await recordAudit(trx, { actor: publicActor, ecosystemId: ecosystem.id, action: 'story.expire', entityType: 'story', entityId: id, summary: 'Consent expired; deletion scheduled' });
				expired++;
			}
			const due = await repo.listDueForDeletion(trx, ecosystem.id, {
				now: iso,
				under13Before: addDays(now, -UNDER_13_CONSENT_DAYS),
				minorBefore: addDays(now, -MINOR_CONSENT_DAYS)
			});
			for (const story of due) {
				await repo.deleteStory(trx, ecosystem.id, story.id);
				await recordAudit(trx, {
					actor: publicActor,
					ecosystemId: ecosystem.id,
					action: 'story.delete',
					entityType: 'story',
					entityId: story.id,
					summary: story.status === 'awaiting_consent' ? 'Deleted: no parent consent arrived in time' : `Deleted (${story.status})`
				});
				deleted++;
			}
		});
	}
	return { expired, deleted };
}

import type { Insertable, Updateable } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import type { StoryConsentTable, StoryTable, StoryTokenTable } from '../db/schema.js';
import { createHash } from 'node:crypto';
import { newId, nowIso } from '../util.js';
import type { Scope, WallFilter } from './stories.js';

export type StoryRow = Omit<StoryTable, 'interests_json' | 'requested_scopes_json' | 'is_demo'> & {
	interests_json: string;
	requested_scopes_json: string;
	is_demo: number;
};

type NewStory = Omit<Insertable<StoryTable>, 'id' | 'ecosystem_id' | 'created_at' | 'updated_at'>;

export async function insertStory(db: Executor, ecosystemId: string, values: NewStory): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db.insertInto('story').values({ ...values, id, ecosystem_id: ecosystemId, created_at: now, updated_at: now }).execute();
	return id;
}

export async function findStory(db: Executor, ecosystemId: string, id: string): Promise<StoryRow | undefined> {
	return db.selectFrom('story').selectAll().where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst();
}

export async function updateStory(
	db: Executor,
	ecosystemId: string,
	id: string,
	patch: Omit<Updateable<StoryTable>, 'id' | 'ecosystem_id' | 'created_at'>
): Promise<number> {
	const result = await db
		.updateTable('story')
		.set({ ...patch, updated_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function insertConsent(
	db: Executor,
	ecosystemId: string,
	storyId: string,
	values: Omit<Insertable<StoryConsentTable>, 'id' | 'ecosystem_id' | 'story_id' | 'recorded_at'>
): Promise<void> {
	await db
		.insertInto('story_consent')
		.values({ ...values, id: newId(), ecosystem_id: ecosystemId, story_id: storyId, recorded_at: nowIso() })
		.execute();
}

export async function listConsents(db: Executor, ecosystemId: string, storyId: string) {
	return db
		.selectFrom('story_consent')
		.leftJoin('user', 'user.id', 'story_consent.recorded_by_user_id')
		.select([
			'story_consent.kind',
			'story_consent.method',
			'story_consent.signer_name',
			'story_consent.relationship',
			'story_consent.scopes_json',
			'story_consent.given_on',
			'story_consent.recorded_at',
			'user.email as recorded_by'
		])
		.where('story_consent.ecosystem_id', '=', ecosystemId)
		.where('story_consent.story_id', '=', storyId)
		.orderBy('story_consent.recorded_at')
		.execute();
}

export async function insertToken(
	db: Executor,
	ecosystemId: string,
	storyId: string,
	values: Pick<StoryTokenTable, 'purpose' | 'holder' | 'token_hash' | 'expires_at'>
): Promise<void> {
	await db
		.insertInto('story_token')
		.values({ ...values, id: newId(), ecosystem_id: ecosystemId, story_id: storyId, used_at: null, created_at: nowIso() })
		.execute();
}

export async function findToken(db: Executor, ecosystemId: string, tokenHash: string) {
	return db
		.selectFrom('story_token')
		.selectAll()
		.where('ecosystem_id', '=', ecosystemId)
		.where('token_hash', '=', tokenHash)
		.executeTakeFirst();
}

export async function markTokenUsed(db: Executor, ecosystemId: string, id: string): Promise<void> {
	await db.updateTable('story_token').set({ used_at: nowIso() }).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
}

/** JSON arrays are stored as text on both databases; a quoted value inside is one of its items. */
const contains = (value: string) => `%"${value}"%`;

/**
 * The one query behind every public surface (wall, story page, share card, embed, feed, links
 * beside numbers). A story is public only while published, not hidden, not revoked, consent not
 * expired at `now`, and the use is allowed by the author, the parent (minors) and moderators, so
 * withdrawal or expiry takes effect on the very next request.
 */
function publicQuery(db: Executor, ecosystemId: string, scope: Scope, now: string) {
	return db
		.selectFrom('story')
		.select(['story.id', 'story.display_name', 'story.age_band', 'story.language', 'story.story_text', 'story.interests_json', 'story.published_at', 'story.featured_at', 'story.is_demo'])
		.where('story.ecosystem_id', '=', ecosystemId)
		.where('story.status', '=', 'published')
		.where('story.hidden_at', 'is', null)
		.where('story.revoked_at', 'is', null)
		.where('story.consent_expires_at', '>', now)
		.where('story.requested_scopes_json', 'like', contains(scope))
		.where('story.approved_scopes_json', 'like', contains(scope))
		.where((eb) => eb.or([eb('story.age_band', '=', '18_24'), eb('story.consent_scopes_json', 'like', contains(scope))]));
}

export type PublicStoryRow = Awaited<ReturnType<typeof findPublicStory>> & {};

export async function listPublicStories(
	db: Executor,
	ecosystemId: string,
	{ scope, now, filter = {}, limit = 60 }: { scope: Scope; now: string; filter?: WallFilter; limit?: number }
) {
	let query = publicQuery(db, ecosystemId, scope, now);
	if (filter.interest) query = query.where('story.interests_json', 'like', contains(filter.interest));
	if (filter.age) query = query.where('story.age_band', '=', filter.age);
	if (filter.language) query = query.where('story.language', '=', filter.language);
	return query.orderBy('story.featured_at', 'desc').orderBy('story.published_at', 'desc').limit(limit).execute();
}

export async function findPublicStory(db: Executor, ecosystemId: string, id: string, scope: Scope, now: string) {
	return publicQuery(db, ecosystemId, scope, now).where('story.id', '=', id).executeTakeFirst();
}

export async function listLinkedPublicStories(
	db: Executor,
	ecosystemId: string,
	target: { type: 'metric' | 'initiative'; id: string },
	now: string
) {
	return publicQuery(db, ecosystemId, 'wall', now)
		.where('story.id', 'in', (eb) =>
			eb
				.selectFrom('story_link')
				.select('story_link.story_id')
				.where('story_link.ecosystem_id', '=', ecosystemId)
				.where('story_link.target_type', '=', target.type)
				.where('story_link.target_id', '=', target.id)
		)
		.orderBy('story.published_at', 'desc')
		.execute();
}

/** Public stories linked to any target of one type, each with the id of what it is linked to; shown on the wall unless another use is named. */
export async function listPublicLinkedToType(db: Executor, ecosystemId: string, type: 'metric' | 'initiative', now: string, scope: Scope = 'wall') {
	return publicQuery(db, ecosystemId, scope, now)
		.innerJoin('story_link', 'story_link.story_id', 'story.id')
		.select('story_link.target_id')
		.where('story_link.ecosystem_id', '=', ecosystemId)
		.where('story_link.target_type', '=', type)
		.orderBy('story.published_at', 'desc')
		.execute();
}

/** Moderators' queue: everything not yet deleted, the ones needing action first. */
export async function listForModeration(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('story')
		.select(['id', 'status', 'age_band', 'language', 'display_name', 'hidden_at', 'featured_at', 'created_at', 'updated_at', 'consent_expires_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('updated_at', 'desc')
		.execute();
}

export async function insertReport(db: Executor, ecosystemId: string, storyId: string, reporterHash: string, reason: string): Promise<boolean> {
	const result = await db
		.insertInto('story_report')
		.values({ id: newId(), ecosystem_id: ecosystemId, story_id: storyId, reporter_hash: reporterHash, reason, resolved_at: null, created_at: nowIso() })
		.onConflict((oc) => oc.columns(['story_id', 'reporter_hash']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function countOpenReports(db: Executor, ecosystemId: string, storyId: string): Promise<number> {
	const row = await db
		.selectFrom('story_report')
		.select((eb) => eb.fn.countAll<string>().as('n'))
		.where('ecosystem_id', '=', ecosystemId)
		.where('story_id', '=', storyId)
		.where('resolved_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export async function listOpenReports(db: Executor, ecosystemId: string, storyId: string) {
	return db
		.selectFrom('story_report')
		.select(['reason', 'created_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('story_id', '=', storyId)
		.where('resolved_at', 'is', null)
		.orderBy('created_at')
		.execute();
}

export async function resolveReports(db: Executor, ecosystemId: string, storyId: string): Promise<void> {
	await db
		.updateTable('story_report')
		.set({ resolved_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('story_id', '=', storyId)
		.where('resolved_at', 'is', null)
		.execute();
}

export async function insertLink(db: Executor, ecosystemId: string, storyId: string, type: 'metric' | 'initiative', targetId: string): Promise<void> {
	await db
		.insertInto('story_link')
		.values({ id: newId(), ecosystem_id: ecosystemId, story_id: storyId, target_type: type, target_id: targetId, created_at: nowIso() })
		.onConflict((oc) => oc.columns(['story_id', 'target_type', 'target_id']).doNothing())
		.execute();
}

export async function deleteLink(db: Executor, ecosystemId: string, storyId: string, linkId: string): Promise<number> {
	const result = await db
		.deleteFrom('story_link')
		.where('ecosystem_id', '=', ecosystemId)
		.where('story_id', '=', storyId)
		.where('id', '=', linkId)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export async function listLinks(db: Executor, ecosystemId: string, storyId: string) {
	return db
		.selectFrom('story_link')
		.select(['id', 'target_type', 'target_id'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('story_id', '=', storyId)
		.execute();
}

// ---- Scheduled work ----

/** Published stories whose consent ran out: they leave the public surfaces by query already; this records it. */
export async function listExpired(db: Executor, ecosystemId: string, now: string) {
	return db
		.selectFrom('story')
		.select('id')
		.where('ecosystem_id', '=', ecosystemId)
		.where('status', '=', 'published')
		.where('consent_expires_at', '<=', now)
		.execute();
}

/** Stories due for deletion: a passed deletion date, or a minor's submission whose parent never answered. */
export async function listDueForDeletion(
	db: Executor,
	ecosystemId: string,
	{ now, under13Before, minorBefore }: { now: string; under13Before: string; minorBefore: string }
) {
	return db
		.selectFrom('story')
		.select(['id', 'age_band', 'status'])
		.where('ecosystem_id', '=', ecosystemId)
		.where((eb) =>
			eb.or([
				eb('delete_after', '<=', now),
				eb.and([eb('status', '=', 'awaiting_consent'), eb('age_band', '=', 'under_13'), eb('created_at', '<=', under13Before)]),
				eb.and([eb('status', '=', 'awaiting_consent'), eb('age_band', '!=', 'under_13'), eb('created_at', '<=', minorBefore)])
			])
		)
		.execute();
}

export async function deleteStory(db: Executor, ecosystemId: string, id: string): Promise<void> {
	// Children first: SQLite enforces the cascades only with foreign keys on, and explicit is clearer.
	for (const table of ['story_photo', 'story_link', 'story_report', 'story_token', 'story_consent'] as const) {
		await db.deleteFrom(table).where('ecosystem_id', '=', ecosystemId).where('story_id', '=', id).execute();
	}
	await db.deleteFrom('story').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
}

// ---- Photos ----

/** Stores the re-encoded photo of a story (replacing any earlier one). */
export async function putPhoto(
	db: Executor,
	ecosystemId: string,
	storyId: string,
	photo: { contentType: 'image/jpeg'; width: number; height: number; data: Uint8Array }
): Promise<void> {
	await db.deleteFrom('story_photo').where('ecosystem_id', '=', ecosystemId).where('story_id', '=', storyId).execute();
	await db
		.insertInto('story_photo')
		.values({
			id: newId(),
			ecosystem_id: ecosystemId,
			story_id: storyId,
			content_type: photo.contentType,
			width: photo.width,
			height: photo.height,
			size_bytes: photo.data.length,
			sha256: createHash('sha256').update(photo.data).digest('hex'),
			data: photo.data,
			created_at: nowIso()
		})
		.execute();
}

export async function findPhoto(db: Executor, ecosystemId: string, storyId: string) {
	return db
		.selectFrom('story_photo')
		.select(['content_type', 'width', 'height', 'size_bytes', 'sha256', 'data'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('story_id', '=', storyId)
		.executeTakeFirst();
}

export async function deletePhoto(db: Executor, ecosystemId: string, storyId: string): Promise<number> {
	const result = await db.deleteFrom('story_photo').where('ecosystem_id', '=', ecosystemId).where('story_id', '=', storyId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Which of these stories have a photo (a list page asks once, not once per story). */
export async function storiesWithPhotos(db: Executor, ecosystemId: string, storyIds: string[]): Promise<Set<string>> {
	if (storyIds.length === 0) return new Set();
	const rows = await db.selectFrom('story_photo').select('story_id').where('ecosystem_id', '=', ecosystemId).where('story_id', 'in', storyIds).execute();
	return new Set(rows.map((r) => r.story_id));
}

// ---- Trusted partner moderators ----

export async function findTrustedModerator(db: Executor, ecosystemId: string, userId: string) {
	return db.selectFrom('story_moderator').select(['id', 'partner_id']).where('ecosystem_id', '=', ecosystemId).where('user_id', '=', userId).executeTakeFirst();
}

export async function insertTrustedModerator(db: Executor, ecosystemId: string, values: { userId: string; partnerId: string; grantedBy: string }): Promise<boolean> {
	const result = await db
		.insertInto('story_moderator')
		.values({ id: newId(), ecosystem_id: ecosystemId, user_id: values.userId, partner_id: values.partnerId, granted_by_user_id: values.grantedBy, created_at: nowIso() })
		.onConflict((oc) => oc.columns(['ecosystem_id', 'user_id']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteTrustedModerator(db: Executor, ecosystemId: string, userId: string): Promise<number> {
	const result = await db.deleteFrom('story_moderator').where('ecosystem_id', '=', ecosystemId).where('user_id', '=', userId).executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** Partner staff of the ecosystem, each with whether the backbone trusts them to moderate stories. */
export async function listPartnerStaff(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('membership')
		.innerJoin('user', 'user.id', 'membership.user_id')
		.innerJoin('partner', 'partner.id', 'membership.partner_id')
		.leftJoin('story_moderator', (join) =>
			join.onRef('story_moderator.user_id', '=', 'membership.user_id').onRef('story_moderator.ecosystem_id', '=', 'membership.ecosystem_id')
		)
		.select(['membership.user_id', 'membership.partner_id', 'user.name', 'user.email', 'partner.name as partner_name', 'story_moderator.created_at as trusted_at'])
		.where('membership.ecosystem_id', '=', ecosystemId)
		.where('membership.role', 'in', ['partner_admin', 'partner_member'])
		.orderBy('partner.name')
		.orderBy('user.name')
		.execute();
}

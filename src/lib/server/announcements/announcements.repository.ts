import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso, randomToken } from '../util.js';
import type { Channel, Mode } from './announcements.js';

export interface Person {
	id: string;
	email: string;
	name: string;
	locale: string | null;
}

export async function insertAnnouncement(
	db: Executor,
	ecosystemId: string,
	values: { title: string; title_es: string | null; body_md: string; body_md_es: string | null; audience: 'ecosystem' | 'sector' | 'group'; sector: string | null; group_id: string | null; author_user_id: string; published_at?: string }
): Promise<string> {
	const id = newId();
	await db.insertInto('announcement').values({ ...values, id, ecosystem_id: ecosystemId, published_at: values.published_at ?? nowIso() }).execute();
	return id;
}

export async function listAnnouncements(db: Executor, ecosystemId: string, filter: { after?: string; upTo?: string; limit?: number } = {}) {
	let query = db.selectFrom('announcement').selectAll().where('ecosystem_id', '=', ecosystemId);
	if (filter.after) query = query.where('published_at', '>', filter.after);
	if (filter.upTo) query = query.where('published_at', '<=', filter.upTo);
	return query.orderBy('published_at', 'desc').orderBy('id').limit(filter.limit ?? 200).execute();
}

/** Everyone with a role in the ecosystem. */
export async function ecosystemPeople(db: Executor, ecosystemId: string): Promise<Person[]> {
	return db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.user_id')
		.select(['u.id', 'u.email', 'u.name', 'u.locale'])
		.where('ms.ecosystem_id', '=', ecosystemId)
		.orderBy('u.email')
		.execute();
}

/** Who an announcement is for: the whole ecosystem, people of partners in a sector, or a group's members. */
export async function audienceIds(db: Executor, ecosystemId: string, announcement: { audience: string; sector: string | null; group_id: string | null }): Promise<Set<string>> {
	if (announcement.audience === 'group') {
		const rows = await db.selectFrom('work_group_member').select('user_id').where('ecosystem_id', '=', ecosystemId).where('group_id', '=', announcement.group_id!).execute();
		return new Set(rows.map((r) => r.user_id));
	}
	let query = db.selectFrom('membership as ms').select('ms.user_id').where('ms.ecosystem_id', '=', ecosystemId);
	if (announcement.audience === 'sector') {
		query = query.innerJoin('partner as p', 'p.id', 'ms.partner_id').where('p.ecosystem_id', '=', ecosystemId).where('p.sector', '=', announcement.sector!);
	}
	return new Set((await query.execute()).map((r) => r.user_id));
}

export async function savedModes(db: Executor, ecosystemId: string, userId: string): Promise<Partial<Record<Channel, Mode>>> {
	const rows = await db.selectFrom('notification_preference').select(['channel', 'mode']).where('ecosystem_id', '=', ecosystemId).where('user_id', '=', userId).execute();
	return Object.fromEntries(rows.map((r) => [r.channel, r.mode]));
}

export async function saveMode(db: Executor, ecosystemId: string, userId: string, channel: Channel, mode: Mode): Promise<void> {
	await db
		.insertInto('notification_preference')
		.values({ ecosystem_id: ecosystemId, user_id: userId, channel, mode })
		.onConflict((oc) => oc.columns(['ecosystem_id', 'user_id', 'channel']).doUpdateSet({ mode }))
		.execute();
}

/** The person's unsubscribe token and digest watermark in this ecosystem, created on first use. */
export async function subscriber(db: Executor, ecosystemId: string, userId: string) {
	await db
		.insertInto('mail_subscriber')
		.values({ ecosystem_id: ecosystemId, user_id: userId, unsubscribe_token: randomToken(), digest_through: null })
		.onConflict((oc) => oc.columns(['ecosystem_id', 'user_id']).doNothing())
		.execute();
	return db.selectFrom('mail_subscriber').selectAll().where('ecosystem_id', '=', ecosystemId).where('user_id', '=', userId).executeTakeFirstOrThrow();
}

export async function findSubscriberByToken(db: Executor, token: string) {
	return db.selectFrom('mail_subscriber').selectAll().where('unsubscribe_token', '=', token).executeTakeFirst();
}

/**
 * Moves the digest watermark from `from` to `to`; false when another run already moved it, so
 * that run's digest is the only one for this window.
 */
export async function advanceDigest(db: Executor, ecosystemId: string, userId: string, from: string | null, to: string): Promise<boolean> {
	let query = db.updateTable('mail_subscriber').set({ digest_through: to }).where('ecosystem_id', '=', ecosystemId).where('user_id', '=', userId);
	query = from === null ? query.where('digest_through', 'is', null) : query.where('digest_through', '=', from);
	return Number((await query.executeTakeFirst()).numUpdatedRows) === 1;
}

/** Discussions started by others in the person's groups within the window. */
export async function newThreadsFor(db: Executor, ecosystemId: string, userId: string, after: string, upTo: string) {
	return db
		.selectFrom('group_thread as t')
		.innerJoin('work_group as g', 'g.id', 't.group_id')
		.innerJoin('work_group_member as m', (join) => join.onRef('m.group_id', '=', 't.group_id').on('m.user_id', '=', userId))
		.select(['t.id', 't.title', 'g.slug as group_slug', 'g.name as group_name', 'g.name_es as group_name_es'])
		.select((eb) => eb.selectFrom('group_post as p').select('p.body').whereRef('p.thread_id', '=', 't.id').orderBy('p.created_at').limit(1).as('body'))
		.where('t.ecosystem_id', '=', ecosystemId)
		.where('g.ecosystem_id', '=', ecosystemId)
		.where('t.created_at', '>', after)
		.where('t.created_at', '<=', upTo)
		.where('t.author_user_id', '!=', userId)
		.orderBy('t.created_at')
		.execute();
}

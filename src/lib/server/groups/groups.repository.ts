import type { Selectable } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import type { WorkGroupTable } from '../db/schema.js';
import { newId, nowIso } from '../util.js';
import type { GroupRole, Visibility } from './groups.js';

export type GroupRow = Selectable<WorkGroupTable>;

export async function insertGroup(
	db: Executor,
	ecosystemId: string,
	values: { slug: string; name: string; name_es: string | null; purpose_md: string; purpose_md_es: string | null; visibility: Visibility; is_demo?: number }
): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db.insertInto('work_group').values({ ...values, id, ecosystem_id: ecosystemId, created_at: now, updated_at: now }).execute();
	return id;
}

export async function groupSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await db.selectFrom('work_group').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

export async function findGroupBySlug(db: Executor, ecosystemId: string, slug: string): Promise<GroupRow | undefined> {
	return db.selectFrom('work_group').selectAll().where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst();
}

export async function listGroups(db: Executor, ecosystemId: string): Promise<(GroupRow & { members: number })[]> {
	const rows = await db
		.selectFrom('work_group as g')
		.selectAll('g')
		.select((eb) => eb.selectFrom('work_group_member as m').whereRef('m.group_id', '=', 'g.id').select((e) => e.fn.countAll<number>().as('n')).as('members'))
		.where('g.ecosystem_id', '=', ecosystemId)
		.orderBy('g.name')
		.execute();
	return rows.map((r) => ({ ...r, members: Number(r.members ?? 0) }));
}

export async function groupRoleOf(db: Executor, ecosystemId: string, groupId: string, userId: string): Promise<GroupRole | null> {
	const row = await db
		.selectFrom('work_group_member')
		.select('role')
		.where('ecosystem_id', '=', ecosystemId)
		.where('group_id', '=', groupId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return row?.role ?? null;
}

/** Group ids this person belongs to in the ecosystem. */
export async function groupIdsOf(db: Executor, ecosystemId: string, userId: string): Promise<Set<string>> {
	const rows = await db.selectFrom('work_group_member').select('group_id').where('ecosystem_id', '=', ecosystemId).where('user_id', '=', userId).execute();
	return new Set(rows.map((r) => r.group_id));
}

/** Adds a member, or changes the role of one already there. */
export async function putGroupMember(db: Executor, ecosystemId: string, groupId: string, userId: string, role: GroupRole): Promise<void> {
	await db
		.insertInto('work_group_member')
		.values({ ecosystem_id: ecosystemId, group_id: groupId, user_id: userId, role, joined_at: nowIso() })
		.onConflict((oc) => oc.columns(['group_id', 'user_id']).doUpdateSet({ role }))
		.execute();
}

export async function removeGroupMember(db: Executor, ecosystemId: string, groupId: string, userId: string): Promise<boolean> {
	const result = await db
		.deleteFrom('work_group_member')
		.where('ecosystem_id', '=', ecosystemId)
		.where('group_id', '=', groupId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(result.numDeletedRows) === 1;
}

export interface GroupMemberView {
	userId: string;
	name: string;
	email: string;
	locale: string | null;
	role: GroupRole;
}

export async function listGroupMembers(db: Executor, ecosystemId: string, groupId: string): Promise<GroupMemberView[]> {
	const rows = await db
		.selectFrom('work_group_member as m')
		.innerJoin('user as u', 'u.id', 'm.user_id')
		.select(['m.user_id', 'u.name', 'u.email', 'u.locale', 'm.role'])
		.where('m.ecosystem_id', '=', ecosystemId)
		.where('m.group_id', '=', groupId)
		.orderBy('m.role')
		.orderBy('u.name')
		.execute();
	return rows.map((r) => ({ userId: r.user_id, name: r.name, email: r.email, locale: r.locale, role: r.role }));
}

/** A person with a role in this ecosystem, by email (only they can be added to its groups). */
export async function findEcosystemMemberByEmail(db: Executor, ecosystemId: string, email: string) {
	return db
		.selectFrom('membership as ms')
		.innerJoin('user as u', 'u.id', 'ms.user_id')
		.select(['u.id', 'u.name', 'u.email'])
		.where('ms.ecosystem_id', '=', ecosystemId)
		.where('u.email', '=', email)
		.executeTakeFirst();
}

// ---- Threads and posts -----------------------------------------------------------------------

export async function insertThread(db: Executor, ecosystemId: string, values: { groupId: string; title: string; authorUserId: string }): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('group_thread')
		.values({ id, ecosystem_id: ecosystemId, group_id: values.groupId, title: values.title, author_user_id: values.authorUserId, created_at: now, last_post_at: now })
		.execute();
	return id;
}

export async function insertPost(db: Executor, ecosystemId: string, values: { threadId: string; authorUserId: string; body: string }): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db.insertInto('group_post').values({ id, ecosystem_id: ecosystemId, thread_id: values.threadId, author_user_id: values.authorUserId, body: values.body, created_at: now }).execute();
	await db.updateTable('group_thread').set({ last_post_at: now }).where('ecosystem_id', '=', ecosystemId).where('id', '=', values.threadId).execute();
	return id;
}

export async function findThread(db: Executor, ecosystemId: string, groupId: string, threadId: string) {
	return db.selectFrom('group_thread').selectAll().where('ecosystem_id', '=', ecosystemId).where('group_id', '=', groupId).where('id', '=', threadId).executeTakeFirst();
}

export async function listThreads(db: Executor, ecosystemId: string, groupId: string) {
	const rows = await db
		.selectFrom('group_thread as t')
		.leftJoin('user as u', 'u.id', 't.author_user_id')
		.select(['t.id', 't.title', 't.created_at', 't.last_post_at', 'u.name as author'])
		.select((eb) => eb.selectFrom('group_post as p').whereRef('p.thread_id', '=', 't.id').select((e) => e.fn.countAll<number>().as('n')).as('posts'))
		.where('t.ecosystem_id', '=', ecosystemId)
		.where('t.group_id', '=', groupId)
		.orderBy('t.last_post_at', 'desc')
		.execute();
	return rows.map((r) => ({ ...r, posts: Number(r.posts ?? 0) }));
}

export async function listPosts(db: Executor, ecosystemId: string, threadId: string) {
	return db
		.selectFrom('group_post as p')
		.leftJoin('user as u', 'u.id', 'p.author_user_id')
		.select(['p.id', 'p.body', 'p.created_at', 'p.author_user_id', 'u.name as author'])
		.where('p.ecosystem_id', '=', ecosystemId)
		.where('p.thread_id', '=', threadId)
		.orderBy('p.created_at')
		.orderBy('p.id')
		.execute();
}

/** Everyone who has written in a thread. */
export async function threadParticipants(db: Executor, ecosystemId: string, threadId: string): Promise<string[]> {
	const rows = await db
		.selectFrom('group_post')
		.select('author_user_id')
		.distinct()
		.where('ecosystem_id', '=', ecosystemId)
		.where('thread_id', '=', threadId)
		.where('author_user_id', 'is not', null)
		.execute();
	return rows.map((r) => r.author_user_id!);
}

// ---- Files -----------------------------------------------------------------------------------

export async function insertFile(
	db: Executor,
	ecosystemId: string,
	values: { groupId: string; uploaderUserId: string; filename: string; contentType: string; data: Uint8Array }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('group_file')
		.values({
			id,
			ecosystem_id: ecosystemId,
			group_id: values.groupId,
			uploader_user_id: values.uploaderUserId,
			filename: values.filename,
			content_type: values.contentType,
			size: values.data.length,
			data: values.data,
			created_at: nowIso()
		})
		.execute();
	return id;
}

export async function listFiles(db: Executor, ecosystemId: string, groupId: string) {
	return db
		.selectFrom('group_file as f')
		.leftJoin('user as u', 'u.id', 'f.uploader_user_id')
		.select(['f.id', 'f.filename', 'f.content_type', 'f.size', 'f.created_at', 'u.name as uploader'])
		.where('f.ecosystem_id', '=', ecosystemId)
		.where('f.group_id', '=', groupId)
		.orderBy('f.created_at', 'desc')
		.execute();
}

export async function findFile(db: Executor, ecosystemId: string, groupId: string, fileId: string) {
	return db.selectFrom('group_file').selectAll().where('ecosystem_id', '=', ecosystemId).where('group_id', '=', groupId).where('id', '=', fileId).executeTakeFirst();
}

import type { Kysely } from 'kysely';
import * as m from '../../paraglide/messages.js';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../audit/audit.repository.js';
import { requireAccess } from '../auth/access.js';
import { decide, membershipIn, type Actor, type SignedInActor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';
import { findEcosystemById } from '../ecosystems/ecosystems.repository.js';
import { modesOf, personalMail } from '../announcements/announcements.service.js';
import { localized } from '../content.js';
import { validate } from '../validation.js';
import { slugify } from '../util.js';
import * as repo from './groups.repository.js';
import type { GroupRow } from './groups.repository.js';
import { addMemberSchema, canJoin, canManage, canSee, detectFileType, uploadProblems, groupSchema, handleOf, mentionedHandles, replySchema, safeFilename, threadSchema, type Viewer } from './groups.js';

async function viewerOf(db: Executor, actor: Actor, ecosystemId: string, groupId: string): Promise<Viewer> {
	if (actor.kind !== 'user') return { signedIn: false, ecosystemMember: false, groupRole: null, staff: false };
	return {
		signedIn: true,
		ecosystemMember: !!membershipIn(actor, ecosystemId),
		groupRole: await repo.groupRoleOf(db, ecosystemId, groupId, actor.userId),
		staff: decide(actor, 'ecosystem.groups.manage', { ecosystemId }) === 'allow'
	};
}

/**
 * The group at `slug` if this actor may see it. A group the actor may not see answers exactly
 * like a missing one (invitation-only groups are not revealed), except that a signed-out visitor
 * is asked to sign in first.
 */
async function visibleGroup(db: Executor, actor: Actor, ecosystemId: string, slug: string): Promise<{ group: GroupRow; viewer: Viewer }> {
	const group = await repo.findGroupBySlug(db, ecosystemId, slug);
	if (!group) throw new DomainError('GROUP_NOT_FOUND');
	const viewer = await viewerOf(db, actor, ecosystemId, group.id);
	if (!canSee(group.visibility, viewer)) throw new DomainError(viewer.signedIn ? 'GROUP_NOT_FOUND' : 'UNAUTHENTICATED');
	return { group, viewer };
}

/** For writes inside a group: a signed-in member of the ecosystem who belongs to the group. */
async function memberGroup(db: Executor, actor: Actor, ecosystemId: string, slug: string): Promise<{ group: GroupRow; viewer: Viewer; actor: SignedInActor }> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const { group, viewer } = await visibleGroup(db, actor, ecosystemId, slug);
	if (!viewer.groupRole) throw new DomainError('FORBIDDEN', 'Join the group to take part.');
	return { group, viewer, actor };
}

// ---- Groups ----------------------------------------------------------------------------------

/** Backbone staff create a group, optionally naming its lead (a member of the ecosystem). */
export async function createGroup({ db, actor, ecosystemId, input }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; input: unknown }): Promise<Outcome<{ slug: string }>> {
	requireAccess(actor, 'ecosystem.groups.manage', { ecosystemId });
	const parsed = validate(groupSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ slug: string }>> => {
			const lead = value.lead_email ? await repo.findEcosystemMemberByEmail(trx, ecosystemId, value.lead_email) : undefined;
			if (value.lead_email && !lead) return invalid([{ field: 'lead_email', message: 'The lead must already have a role in this ecosystem.' }]);
			const base = slugify(value.name) || 'group';
			let slug = base;
			for (let n = 2; await repo.groupSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
			const id = await repo.insertGroup(trx, ecosystemId, {
				slug,
				name: value.name,
				name_es: value.name_es ?? null,
				purpose_md: value.purpose_md,
				purpose_md_es: value.purpose_md_es ?? null,
				visibility: value.visibility
			});
			if (lead) await repo.putGroupMember(trx, ecosystemId, id, lead.id, 'lead');
			await recordAudit(trx, { actor, ecosystemId, action: 'group.create', entityType: 'work_group', entityId: id, summary: `Created the group “${value.name}”` });
			return ok({ slug });
		});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'name', message: ADDRESS_JUST_TAKEN }]));
}

/** The groups this actor may see, with whether they belong to each. */
export async function listVisibleGroups({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	const groups = await repo.listGroups(db, ecosystemId);
	const mine = actor.kind === 'user' ? await repo.groupIdsOf(db, ecosystemId, actor.userId) : new Set<string>();
	const base: Viewer = {
		signedIn: actor.kind === 'user',
		ecosystemMember: !!membershipIn(actor, ecosystemId),
		groupRole: null,
		staff: decide(actor, 'ecosystem.groups.manage', { ecosystemId }) === 'allow'
	};
	return groups
		.filter((g) => canSee(g.visibility, { ...base, groupRole: mine.has(g.id) ? 'member' : null }))
		.map((g) => ({ ...g, isMember: mine.has(g.id) }));
}

/** A group's page: purpose, members, discussions, files, and what this viewer may do. */
export async function getGroup({ db, actor, ecosystemId, slug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string }) {
	const { group, viewer } = await visibleGroup(db, actor, ecosystemId, slug);
	const [members, threads, files] = await Promise.all([
		repo.listGroupMembers(db, ecosystemId, group.id),
		repo.listThreads(db, ecosystemId, group.id),
		repo.listFiles(db, ecosystemId, group.id)
	]);
	return {
		group,
		// Names and @handles for everyone who may see the group; emails only for those who manage it.
		members: members.map((p) => ({ userId: p.userId, name: p.name, handle: handleOf(p.email), role: p.role, email: canManage(viewer) ? p.email : null })),
		threads,
		files,
		can: { join: canJoin(group.visibility, viewer), leave: viewer.groupRole === 'member', post: !!viewer.groupRole, manage: canManage(viewer) },
		signedIn: viewer.signedIn
	};
}

export async function joinGroup({ db, actor, ecosystemId, slug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string }): Promise<void> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	await db.transaction().execute(async (trx) => {
		const { group, viewer } = await visibleGroup(trx, actor, ecosystemId, slug);
		if (!canJoin(group.visibility, viewer)) throw new DomainError('FORBIDDEN', viewer.groupRole ? 'You are already in this group.' : 'This group is by invitation: ask its lead to add you.');
		await repo.putGroupMember(trx, ecosystemId, group.id, actor.userId, 'member');
		await recordAudit(trx, { actor, ecosystemId, action: 'group.join', entityType: 'work_group', entityId: group.id, summary: `Joined the group “${group.name}”` });
	});
}

/** Members leave on their own; a lead hands the group to someone else first (staff can). */
export async function leaveGroup({ db, actor, ecosystemId, slug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string }): Promise<void> {
	await db.transaction().execute(async (trx) => {
		const { group, viewer, actor: member } = await memberGroup(trx, actor, ecosystemId, slug);
		if (viewer.groupRole === 'lead') throw new DomainError('FORBIDDEN', 'A lead cannot leave their group; ask backbone staff to name another lead first.');
		await repo.removeGroupMember(trx, ecosystemId, group.id, member.userId);
		await recordAudit(trx, { actor, ecosystemId, action: 'group.leave', entityType: 'work_group', entityId: group.id, summary: `Left the group “${group.name}”` });
	});
}

/** The lead or backbone staff add someone who has a role in the ecosystem (as member or lead). */
export async function addGroupMember({
	db,
	actor,
	ecosystemId,
	slug,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	input: unknown;
}): Promise<Outcome<{ name: string }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const { group, viewer } = await visibleGroup(db, actor, ecosystemId, slug);
	if (!canManage(viewer)) throw new DomainError('FORBIDDEN');
	const parsed = validate(addMemberSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		const person = await repo.findEcosystemMemberByEmail(trx, ecosystemId, parsed.value.email);
		if (!person) return invalid([{ field: 'email', message: 'Nobody with that email address has a role in this ecosystem. Invite them to the ecosystem first.' }]);
		await repo.putGroupMember(trx, ecosystemId, group.id, person.id, parsed.value.role);
		await recordAudit(trx, { actor, ecosystemId, action: 'group.add_member', entityType: 'work_group', entityId: group.id, summary: `Added a ${parsed.value.role} to the group “${group.name}”` });
		return ok({ name: person.name });
	});
}

// ---- Discussions -----------------------------------------------------------------------------

export interface NotifyContext {
	ctx: AppContext;
	origin: string;
}

/**
 * Emails about a new post: mentioned group members (@handle) get a mention, earlier participants
 * a reply notice; nobody gets both, nor mail about their own post, nor any if they chose a digest
 * or no group email. Queued in the post's transaction.
 */
async function queueNotifications(
	trx: Executor,
	{ ctx, origin }: NotifyContext,
	args: { ecosystemId: string; group: GroupRow; threadId: string; threadTitle: string; author: SignedInActor; body: string; participants: string[] }
): Promise<string[]> {
	const ecosystem = await findEcosystemById(trx, args.ecosystemId);
	if (!ecosystem) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	const members = await repo.listGroupMembers(trx, args.ecosystemId, args.group.id);
	const handles = new Set(mentionedHandles(args.body));
	const url = `${origin}/e/${ecosystem.slug}/groups/${args.group.slug}/threads/${args.threadId}`;
	const excerpt = args.body.length > 600 ? `${args.body.slice(0, 600)}…` : args.body;
	const ids: string[] = [];
	for (const member of members) {
		if (member.userId === args.author.userId) continue;
		const mentioned = handles.has(handleOf(member.email));
		if (!mentioned && !args.participants.includes(member.userId)) continue;
		if ((await modesOf(trx, args.ecosystemId, member.userId)).groups !== 'immediate') continue;
		const locale = member.locale === 'es' ? 'es' : 'en';
		const values = {
			name: member.name,
			author: args.author.name,
			thread: args.threadTitle,
			group: localized(locale, args.group.name, args.group.name_es),
			excerpt,
			url,
			ecosystem: localized(locale, ecosystem.name, ecosystem.name_es)
		};
		const mail = await personalMail(trx, {
			ecosystem,
			person: { id: member.userId, email: member.email, name: member.name, locale: member.locale },
			origin,
			kind: mentioned ? 'group_mention' : 'group_reply',
			subject: mentioned ? m.groups_mail_mention_subject(values, { locale }) : m.groups_mail_reply_subject(values, { locale }),
			text: mentioned ? m.groups_mail_mention_body(values, { locale }) : m.groups_mail_reply_body(values, { locale })
		});
		ids.push(await ctx.mailer.queue(trx, mail));
	}
	return ids;
}

export async function startThread({
	ctx,
	actor,
	ecosystemId,
	slug,
	input,
	origin
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	input: unknown;
	origin: string;
}): Promise<Outcome<{ threadId: string }>> {
	const db = ctx.db.kysely;
	const { group, actor: author } = await memberGroup(db, actor, ecosystemId, slug);
	const parsed = validate(threadSchema, input);
	if (!parsed.ok) return parsed;
	const { threadId, mailIds } = await db.transaction().execute(async (trx) => {
		const threadId = await repo.insertThread(trx, ecosystemId, { groupId: group.id, title: parsed.value.title, authorUserId: author.userId });
		await repo.insertPost(trx, ecosystemId, { threadId, authorUserId: author.userId, body: parsed.value.body });
		const mailIds = await queueNotifications(trx, { ctx, origin }, { ecosystemId, group, threadId, threadTitle: parsed.value.title, author, body: parsed.value.body, participants: [] });
		await recordAudit(trx, { actor, ecosystemId, action: 'group.thread', entityType: 'group_thread', entityId: threadId, summary: `Started a discussion in “${group.name}”` });
		return { threadId, mailIds };
	});
	await ctx.mailer.deliver(mailIds);
	return ok({ threadId });
}

export async function replyToThread({
	ctx,
	actor,
	ecosystemId,
	slug,
	threadId,
	input,
	origin
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	threadId: string;
	input: unknown;
	origin: string;
}): Promise<Outcome<{ postId: string }>> {
	const db = ctx.db.kysely;
	const { group, actor: author } = await memberGroup(db, actor, ecosystemId, slug);
	const parsed = validate(replySchema, input);
	if (!parsed.ok) return parsed;
	const { postId, mailIds } = await db.transaction().execute(async (trx) => {
		const thread = await repo.findThread(trx, ecosystemId, group.id, threadId);
		if (!thread) throw new DomainError('THREAD_NOT_FOUND');
		const participants = await repo.threadParticipants(trx, ecosystemId, thread.id);
		const postId = await repo.insertPost(trx, ecosystemId, { threadId: thread.id, authorUserId: author.userId, body: parsed.value.body });
		const mailIds = await queueNotifications(trx, { ctx, origin }, { ecosystemId, group, threadId: thread.id, threadTitle: thread.title, author, body: parsed.value.body, participants });
		await recordAudit(trx, { actor, ecosystemId, action: 'group.reply', entityType: 'group_post', entityId: postId, summary: `Replied in a discussion of “${group.name}”` });
		return { postId, mailIds };
	});
	await ctx.mailer.deliver(mailIds);
	return ok({ postId });
}

export async function getThread({ db, actor, ecosystemId, slug, threadId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string; threadId: string }) {
	const { group, viewer } = await visibleGroup(db, actor, ecosystemId, slug);
	const thread = await repo.findThread(db, ecosystemId, group.id, threadId);
	if (!thread) throw new DomainError('THREAD_NOT_FOUND');
	return { group, thread, posts: await repo.listPosts(db, ecosystemId, thread.id), canReply: !!viewer.groupRole };
}

// ---- Files -----------------------------------------------------------------------------------

/** Group members share files: at most 5 MB, of a type checked from the file's own bytes. */
export async function uploadGroupFile({
	db,
	actor,
	ecosystemId,
	slug,
	file
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	file: { name: string; bytes: Uint8Array };
}): Promise<Outcome<{ id: string; filename: string }>> {
	const { group, actor: uploader } = await memberGroup(db, actor, ecosystemId, slug);
	const problems = await uploadProblems(file.name, file.bytes);
	if (problems.length) return invalid(problems.map((message) => ({ field: 'file', message })));
	const filename = safeFilename(file.name);
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertFile(trx, ecosystemId, { groupId: group.id, uploaderUserId: uploader.userId, filename, contentType: detectFileType(file.name, file.bytes)!, data: file.bytes });
		await recordAudit(trx, { actor, ecosystemId, action: 'group.file', entityType: 'group_file', entityId: id, summary: `Shared the file “${filename}” in “${group.name}”` });
		return ok({ id, filename });
	});
}

export async function downloadGroupFile({ db, actor, ecosystemId, slug, fileId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string; fileId: string }) {
	const { group } = await visibleGroup(db, actor, ecosystemId, slug);
	const file = await repo.findFile(db, ecosystemId, group.id, fileId);
	if (!file) throw new DomainError('FILE_NOT_FOUND');
	return { filename: file.filename, contentType: file.content_type, data: new Uint8Array(file.data) };
}

/** Backbone staff: opens the "Create a group" form. */
export function prepareGroupForm({ actor, ecosystemId }: { actor: Actor; ecosystemId: string }): { visibilities: readonly string[] } {
	requireAccess(actor, 'ecosystem.groups.manage', { ecosystemId });
	return { visibilities: ['public', 'members', 'invitation'] };
}

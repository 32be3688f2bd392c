import type { Executor } from '../audit/audit.repository.js';
import type { EcosystemRole, Membership } from '../auth/roles.js';
import { newId, nowIso } from '../util.js';

export async function membershipsOfUser(db: Executor, userId: string): Promise<Membership[]> {
	const rows = await db
		.selectFrom('membership')
		.select(['ecosystem_id', 'role', 'partner_id'])
		.where('user_id', '=', userId)
		.execute();
	return rows.map((r) => ({ ecosystemId: r.ecosystem_id, role: r.role as EcosystemRole, partnerId: r.partner_id }));
}

export async function isPlatformAdmin(db: Executor, userId: string): Promise<boolean> {
	return !!(await db.selectFrom('platform_admin').select('user_id').where('user_id', '=', userId).executeTakeFirst());
}

export async function insertPlatformAdmin(db: Executor, userId: string): Promise<void> {
	await db.insertInto('platform_admin').values({ user_id: userId, created_at: nowIso() }).execute();
}

export async function insertMembership(
	db: Executor,
	values: { ecosystemId: string; userId: string; role: EcosystemRole; partnerId: string | null }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('membership')
		.values({
			id,
			ecosystem_id: values.ecosystemId,
			user_id: values.userId,
			role: values.role,
			partner_id: values.partnerId,
			created_at: nowIso()
		})
		.execute();
	return id;
}

export async function findMembership(db: Executor, ecosystemId: string, userId: string) {
	return db
		.selectFrom('membership')
		.selectAll()
		.where('ecosystem_id', '=', ecosystemId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
}

export async function findMembershipById(db: Executor, ecosystemId: string, id: string) {
	return db
		.selectFrom('membership')
		.selectAll()
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function updateMembershipRole(
	db: Executor,
	ecosystemId: string,
	id: string,
	role: EcosystemRole,
	partnerId: string | null
): Promise<number> {
	const result = await db
		.updateTable('membership')
		.set({ role, partner_id: partnerId })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function deleteMembership(db: Executor, ecosystemId: string, id: string): Promise<number> {
	const result = await db
		.deleteFrom('membership')
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

export interface MemberListing {
	id: string;
	userId: string;
	name: string;
	email: string;
	role: EcosystemRole;
	partnerId: string | null;
	partnerName: string | null;
	since: string;
}

/** Memberships of one ecosystem with the person's name and email and their partner's name. */
function memberListings(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('membership')
		.innerJoin('user', 'user.id', 'membership.user_id')
		.leftJoin('partner', (join) =>
			join.onRef('partner.id', '=', 'membership.partner_id').onRef('partner.ecosystem_id', '=', 'membership.ecosystem_id')
		)
		.select([
			'membership.id as id',
			'membership.user_id as userId',
			'user.name as name',
			'user.email as email',
			'membership.role as role',
			'membership.partner_id as partnerId',
			'partner.name as partnerName',
			'membership.created_at as since'
		])
		.where('membership.ecosystem_id', '=', ecosystemId);
}

export async function listMembers(db: Executor, ecosystemId: string, partnerId?: string): Promise<MemberListing[]> {
	let query = memberListings(db, ecosystemId);
	if (partnerId) query = query.where('membership.partner_id', '=', partnerId);
	const rows = await query.orderBy('user.name').execute();
	return rows.map((r) => ({ ...r, role: r.role as EcosystemRole }));
}

export interface InvitationRow {
	id: string;
	ecosystem_id: string;
	email: string;
	role: string;
	partner_id: string | null;
	token_hash: string;
	invited_by_user_id: string | null;
	expires_at: string;
	accepted_at: string | null;
	accepted_by_user_id: string | null;
	revoked_at: string | null;
	created_at: string;
}

export async function insertInvitation(
	db: Executor,
	values: Omit<InvitationRow, 'id' | 'accepted_at' | 'accepted_by_user_id' | 'revoked_at' | 'created_at'>
): Promise<string> {
	const id = newId();
	await db
		.insertInto('invitation')
		.values({ id, ...values, accepted_at: null, accepted_by_user_id: null, revoked_at: null, created_at: nowIso() })
		.execute();
	return id;
}

export async function findInvitationByTokenHash(db: Executor, tokenHash: string): Promise<InvitationRow | undefined> {
	return db.selectFrom('invitation').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function markInvitationAccepted(db: Executor, id: string, userId: string): Promise<number> {
	const result = await db
		.updateTable('invitation')
		.set({ accepted_at: nowIso(), accepted_by_user_id: userId })
		.where('id', '=', id)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

/** Revokes an open invitation of the ecosystem; with `partnerId`, only one to that partner. */
export async function revokeInvitation(db: Executor, ecosystemId: string, id: string, partnerId?: string): Promise<number> {
	let query = db.updateTable('invitation').set({ revoked_at: nowIso() }).where('ecosystem_id', '=', ecosystemId);
	if (partnerId !== undefined) query = query.where('partner_id', '=', partnerId);
	const result = await query
		.where('id', '=', id)
		.where('accepted_at', 'is', null)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function listInvitations(db: Executor, ecosystemId: string, partnerId?: string): Promise<InvitationRow[]> {
	let query = db.selectFrom('invitation').selectAll().where('ecosystem_id', '=', ecosystemId);
	if (partnerId) query = query.where('partner_id', '=', partnerId);
	return query.orderBy('created_at', 'desc').limit(200).execute();
}

export async function findUserByEmail(db: Executor, email: string) {
	return db.selectFrom('user').select(['id', 'email', 'name']).where('email', '=', email.toLowerCase()).executeTakeFirst();
}

export async function listRolesOfUser(db: Executor, userId: string) {
	return db
		.selectFrom('membership')
		.innerJoin('ecosystem', 'ecosystem.id', 'membership.ecosystem_id')
		.leftJoin('partner', 'partner.id', 'membership.partner_id')
		.select([
			'ecosystem.slug as ecosystemSlug',
			'ecosystem.name as ecosystemName',
			'membership.role as role',
			'partner.name as partnerName',
			'partner.slug as partnerSlug'
		])
		.where('membership.user_id', '=', userId)
		.orderBy('ecosystem.name')
		.execute();
}

export async function findMemberListing(db: Executor, ecosystemId: string, membershipId: string): Promise<MemberListing | undefined> {
	const row = await memberListings(db, ecosystemId).where('membership.id', '=', membershipId).executeTakeFirst();
	return row ? { ...row, role: row.role as EcosystemRole } : undefined;
}

/** Revokes an open invitation only if it belongs to that partner (partner admins' own invitations). */
export function revokePartnerInvitation(db: Executor, ecosystemId: string, partnerId: string, id: string): Promise<number> {
	return revokeInvitation(db, ecosystemId, id, partnerId);
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import { requireAccess, requireSignedIn } from '../auth/access.js';
import { decide, ecosystemRoles, membershipIn, partnerRoles, rolesInvitableBy, type Actor, type EcosystemRole } from '../auth/roles.js';
import { createVerifiedAccount } from '../auth/accounts.js';
import { passwordContextWord } from '../auth/password-context.js';
import * as m from '../../paraglide/messages.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { config } from '../config.js';
import { randomToken, sha256 } from '../util.js';
import { invitationEmail } from '../mail/templates.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';
import { findEcosystemById } from '../ecosystems/ecosystems.repository.js';
import { findPartnerById, findPartnerBySlug, listPartners } from '../partners/partners.repository.js';
import * as repo from './members.repository.js';
import { acceptSignUpSchema, expiryFrom, invitationState, inviteSchema } from './invitations.js';
import { changeRoleSchema, roleKeepsPartner } from './members.js';
import { roleLabel } from './role-labels.js';

export interface SentInvitation {
	invitationId: string;
	/** The raw token: only ever in the emailed link, never stored. */
	token: string;
	url: string;
	message: OutgoingMessage;
}

/** Inserts an invitation and composes its email (sent by the caller after commit). */
export async function createInvitation(
	trx: Executor,
	args: {
		actor: Actor;
		ecosystemId: string;
		ecosystemName: string;
		email: string;
		role: EcosystemRole;
		partnerId: string | null;
		origin: string;
		locale: 'en' | 'es';
	}
): Promise<SentInvitation> {
	const token = randomToken();
	const expiresAt = expiryFrom(new Date(), config().INVITATION_TTL_DAYS);
	const invitationId = await repo.insertInvitation(trx, {
		ecosystem_id: args.ecosystemId,
		email: args.email,
		role: args.role,
		partner_id: args.partnerId,
		token_hash: sha256(token),
		invited_by_user_id: args.actor.kind === 'user' ? args.actor.userId : null,
		expires_at: expiresAt
	});
	await recordAudit(trx, {
		actor: args.actor,
		ecosystemId: args.ecosystemId,
		action: 'invitation.create',
		entityType: 'invitation',
		entityId: invitationId,
		summary: `Invited ${args.email} as ${roleLabel(args.role, 'en')}`
	});
	const url = `${args.origin}/invite/${token}`;
	const inviter = args.actor.kind === 'user' ? args.actor.name : 'Parity';
	return {
		invitationId,
		token,
		url,
		message: {
			ecosystemId: args.ecosystemId,
			to: args.email,
			kind: 'invitation',
			...invitationEmail(args.locale, {
				ecosystem: args.ecosystemName,
				role: roleLabel(args.role, args.locale),
				inviter,
				url,
				expires: expiresAt.slice(0, 10)
			})
		}
	};
}

/** Backbone admins invite anyone; partner admins invite people to their own partner only. */
export async function inviteMember({
	ctx,
	actor,
	ecosystemId,
	input,
	origin,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	input: unknown;
	origin: string;
	locale: 'en' | 'es';
}): Promise<Outcome<SentInvitation>> {
	const requestedPartner = typeof (input as { partnerId?: unknown })?.partnerId === 'string' ? (input as { partnerId: string }).partnerId : undefined;
	if (decide(actor, 'ecosystem.members.manage', { ecosystemId }) !== 'allow') {
		requireAccess(actor, 'partner.members.manage', { ecosystemId, partnerId: requestedPartner });
	}
	const parsed = validate(inviteSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	if (!rolesInvitableBy(actor, ecosystemId, value.partnerId).includes(value.role)) {
		return invalid([{ field: 'role', message: 'You cannot give that role.' }]);
	}
	const partnerRole = value.role === 'partner_admin' || value.role === 'partner_member';
	const sent = await ctx.db.kysely.transaction().execute(async (trx) => {
		const ecosystem = await findEcosystemById(trx, ecosystemId);
		if (!ecosystem) throw new DomainError('ECOSYSTEM_NOT_FOUND');
		let partnerId: string | null = null;
		if (value.partnerId && (partnerRole || value.role === 'educator')) {
			const partner = await findPartnerById(trx, ecosystemId, value.partnerId);
			if (!partner) return invalid<SentInvitation>([{ field: 'partnerId', message: 'Choose a partner organisation of this ecosystem.' }]);
			partnerId = partner.id;
		}
		const existing = await repo.findUserByEmail(trx, value.email);
		if (existing && (await repo.findMembership(trx, ecosystemId, existing.id))) {
			return invalid<SentInvitation>([{ field: 'email', message: 'That person already has a role in this ecosystem.' }]);
		}
		return ok(
			await createInvitation(trx, {
				actor,
				ecosystemId,
				ecosystemName: ecosystem.name,
				email: value.email,
				role: value.role,
				partnerId,
				origin,
				locale
			})
		);
	});
	if (sent.ok) await ctx.mailer.send(sent.value.message);
	return sent;
}

export interface InvitationView {
	id: string;
	email: string;
	role: EcosystemRole;
	ecosystemId: string;
	ecosystemName: string;
	ecosystemSlug: string;
	partnerName: string | null;
	expiresAt: string;
	accountExists: boolean;
}

/** Public: what an invitation link offers, or a DomainError saying why it cannot be used. */
export async function viewInvitation({ db, token }: { db: Kysely<Database>; token: string }): Promise<InvitationView> {
	const invitation = await repo.findInvitationByTokenHash(db, sha256(token));
	if (!invitation) throw new DomainError('INVITATION_INVALID');
	const state = invitationState(invitation, new Date());
	if (state === 'expired') throw new DomainError('INVITATION_EXPIRED');
	if (state === 'accepted') throw new DomainError('INVITATION_USED');
	if (state === 'revoked') throw new DomainError('INVITATION_INVALID');
	const ecosystem = await findEcosystemById(db, invitation.ecosystem_id);
	if (!ecosystem) throw new DomainError('INVITATION_INVALID');
	const partner = invitation.partner_id ? await findPartnerById(db, invitation.ecosystem_id, invitation.partner_id) : undefined;
	return {
		id: invitation.id,
		email: invitation.email,
		role: invitation.role as EcosystemRole,
		ecosystemId: ecosystem.id,
		ecosystemName: ecosystem.name,
		ecosystemSlug: ecosystem.slug,
		partnerName: partner?.name ?? null,
		expiresAt: invitation.expires_at,
		accountExists: !!(await repo.findUserByEmail(db, invitation.email))
	};
}

/**
 * Accepts an invitation. A signed-in person accepts for their own account (the addresses must
 * match); a signed-out person creates an account with the invited address, which the link proves.
 */
export async function acceptInvitation({
	ctx,
	actor,
	token,
	signUp
}: {
	ctx: AppContext;
	actor: Actor;
	token: string;
	signUp?: unknown;
}): Promise<Outcome<{ ecosystemSlug: string; email: string; createdAccount: boolean }>> {
	const view = await viewInvitation({ db: ctx.db.kysely, token });
	let userId: string;
	let createdAccount = false;
	if (actor.kind === 'user') {
		if (actor.email.toLowerCase() !== view.email.toLowerCase()) throw new DomainError('INVITATION_EMAIL_MISMATCH');
		userId = actor.userId;
	} else {
		if (view.accountExists) throw new DomainError('UNAUTHENTICATED', 'An account with this email address exists. Sign in to accept the invitation.');
		const parsed = validate(acceptSignUpSchema, signUp);
		if (!parsed.ok) return parsed;
		// The account is created without better-auth's sign-up endpoint, so its password hook does not run here.
		if (await passwordContextWord(ctx.db.kysely, parsed.value.password, { email: view.email, name: parsed.value.name })) {
			return invalid([{ field: 'password', message: m.security_more_password_context() }]);
		}
		userId = await createVerifiedAccount(ctx.auth, { email: view.email, name: parsed.value.name, password: parsed.value.password });
		createdAccount = true;
	}
	await ctx.db.kysely.transaction().execute(async (trx) => {
		const invitation = await repo.findInvitationByTokenHash(trx, sha256(token));
		if (!invitation || (await repo.markInvitationAccepted(trx, invitation.id, userId)) === 0) {
			throw new DomainError('INVITATION_USED');
		}
		if (await repo.findMembership(trx, invitation.ecosystem_id, userId)) throw new DomainError('ALREADY_MEMBER');
		await repo.insertMembership(trx, {
			ecosystemId: invitation.ecosystem_id,
			userId,
			role: invitation.role as EcosystemRole,
			partnerId: invitation.partner_id
		});
		await recordAudit(trx, {
			actor: actor.kind === 'user' ? actor : { kind: 'user', userId, email: view.email, name: view.email, isPlatformAdmin: false, twoFactorEnabled: false, twoFactorWaived: false, memberships: [] },
			ecosystemId: invitation.ecosystem_id,
			action: 'invitation.accept',
			entityType: 'membership',
			entityId: userId,
			summary: `${view.email} joined as ${roleLabel(view.role, 'en')}`
		});
	});
	return ok({ ecosystemSlug: view.ecosystemSlug, email: view.email, createdAccount });
}

export async function listMembersAndInvitations({
	db,
	actor,
	ecosystemId,
	partnerId
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	partnerId?: string;
}) {
	if (partnerId) requireAccess(actor, 'partner.members.manage', { ecosystemId, partnerId });
	else requireAccess(actor, 'ecosystem.members.manage', { ecosystemId });
	return membersAndInvitations(db, ecosystemId, partnerId);
}

async function membersAndInvitations(db: Kysely<Database>, ecosystemId: string, partnerId?: string) {
	const [members, invitations] = await Promise.all([
		repo.listMembers(db, ecosystemId, partnerId),
		repo.listInvitations(db, ecosystemId, partnerId)
	]);
	const now = new Date();
	return {
		members,
		invitations: invitations.map((i) => ({
			id: i.id,
			email: i.email,
			role: i.role as EcosystemRole,
			partnerId: i.partner_id,
			expiresAt: i.expires_at,
			state: invitationState(i, now)
		}))
	};
}

export async function revokeInvitationById({
	db,
	actor,
	ecosystemId,
	invitationId
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	invitationId: string;
}): Promise<void> {
	requireAccess(actor, 'ecosystem.members.manage', { ecosystemId });
	await db.transaction().execute(async (trx) => {
		if ((await repo.revokeInvitation(trx, ecosystemId, invitationId)) === 0) throw new DomainError('NOT_FOUND');
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'invitation.revoke',
			entityType: 'invitation',
			entityId: invitationId,
			summary: 'Revoked an invitation'
		});
	});
}

export async function removeMember({
	db,
	actor,
	ecosystemId,
	membershipId
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	membershipId: string;
}): Promise<void> {
	requireAccess(actor, 'ecosystem.members.manage', { ecosystemId });
	await db.transaction().execute(async (trx) => {
		const membership = await repo.findMembershipById(trx, ecosystemId, membershipId);
		if (!membership) throw new DomainError('NOT_FOUND');
		if (membership.user_id === actor.userId) {
			throw new DomainError('FORBIDDEN', 'You cannot remove your own role. Ask another backbone admin.');
		}
		await repo.deleteMembership(trx, ecosystemId, membershipId);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'membership.remove',
			entityType: 'membership',
			entityId: membershipId,
			summary: `Removed a ${roleLabel(membership.role as EcosystemRole, 'en')} from the ecosystem`
		});
	});
}

/**
 * A member's own view of an ecosystem: their role, their partner, and which tools they may open.
 * Tools that need two-factor sign-in are listed too; opening them asks for it.
 */
export async function getWorkspace({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const membership = membershipIn(actor, ecosystemId)!;
	const partner = membership.partnerId ? await findPartnerById(db, ecosystemId, membership.partnerId) : undefined;
	const scope = { ecosystemId };
	const partnerScope = { ecosystemId, partnerId: partner?.id };
	const may = (decision: ReturnType<typeof decide>) => decision !== 'deny' && decision !== 'unauthenticated';
	const adminPermissions = ['ecosystem.members.manage', 'ecosystem.audit.read', 'ecosystem.outbox.read'] as const;
	return {
		/** Some of the tools below will ask the actor to set up two-factor sign-in first. */
		twoFactorPending: adminPermissions.some((permission) => decide(actor, permission, scope) === 'two_factor_required'),
		name: actor.name,
		email: actor.email,
		role: membership.role,
		partner: partner ? { id: partner.id, slug: partner.slug, name: partner.name } : null,
		can: {
			editPartner: !!partner && may(decide(actor, 'partner.profile.edit', partnerScope)),
			managePartnerTeam: !!partner && may(decide(actor, 'partner.members.manage', partnerScope)),
			submitData: !!partner && may(decide(actor, 'partner.data.submit', partnerScope)),
			collectData: may(decide(actor, 'ecosystem.measurement.manage', scope)),
			reviewData: may(decide(actor, 'ecosystem.submissions.review', scope)),
			editSite: may(decide(actor, 'ecosystem.site.edit', scope)),
			managePartners: may(decide(actor, 'ecosystem.partners.manage', scope)),
			manageMembers: may(decide(actor, 'ecosystem.members.manage', scope)),
			readAudit: may(decide(actor, 'ecosystem.audit.read', scope)),
			readOutbox: may(decide(actor, 'ecosystem.outbox.read', scope))
		}
	};
}

/** Backbone admin: every member and invitation of the ecosystem, and what the invite form offers. */
export async function getMembersAdmin({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.members.manage', { ecosystemId });
	const [{ members, invitations }, partners] = await Promise.all([
		membersAndInvitations(db, ecosystemId),
		listPartners(db, ecosystemId)
	]);
	const partnerNames = new Map(partners.map((p) => [p.id, p.name]));
	return {
		members: members.map((member) => ({ ...member, isSelf: member.userId === actor.userId })),
		invitations: invitations.map((invitation) => ({
			...invitation,
			partnerName: invitation.partnerId ? (partnerNames.get(invitation.partnerId) ?? null) : null
		})),
		partners: partners.map((p) => ({ id: p.id, name: p.name })),
		roles: [...ecosystemRoles]
	};
}

/** Backbone admin: one member, for the change-role and remove forms. */
export async function getMemberForAdmin({
	db,
	actor,
	ecosystemId,
	membershipId
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	membershipId: string;
}) {
	requireAccess(actor, 'ecosystem.members.manage', { ecosystemId });
	const [member, partners] = await Promise.all([
		repo.findMemberListing(db, ecosystemId, membershipId),
		listPartners(db, ecosystemId)
	]);
	if (!member) throw new DomainError('NOT_FOUND');
	return {
		member: { ...member, isSelf: member.userId === actor.userId },
		partners: partners.map((p) => ({ id: p.id, name: p.name })),
		roles: [...ecosystemRoles]
	};
}

/**
 * Backbone admin gives a member another role. Nobody changes their own role (so an ecosystem
 * always keeps the admin who is acting); partner roles need a partner of this ecosystem.
 */
export async function changeMemberRole({
	db,
	actor,
	ecosystemId,
	membershipId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	membershipId: string;
	input: unknown;
}): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.members.manage', { ecosystemId });
	const parsed = validate(changeRoleSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	return db.transaction().execute(async (trx) => {
		const member = await repo.findMemberListing(trx, ecosystemId, membershipId);
		if (!member) throw new DomainError('NOT_FOUND');
		if (member.userId === actor.userId) {
			throw new DomainError('FORBIDDEN', 'You cannot change your own role. Ask another backbone admin.');
		}
		let partnerId: string | null = null;
		if (value.partnerId && roleKeepsPartner(value.role)) {
			const partner = await findPartnerById(trx, ecosystemId, value.partnerId);
			if (!partner) return invalid<null>([{ field: 'partnerId', message: 'Choose a partner organisation of this ecosystem.' }]);
			partnerId = partner.id;
		}
		await repo.updateMembershipRole(trx, ecosystemId, membershipId, value.role, partnerId);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'membership.role.change',
			entityType: 'membership',
			entityId: membershipId,
			summary: `Changed the role of ${member.email} from ${roleLabel(member.role, 'en')} to ${roleLabel(value.role, 'en')}`,
			detail: { from: { role: member.role, partnerId: member.partnerId }, to: { role: value.role, partnerId } }
		});
		return ok(null);
	});
}

/** Resolves a partner of this ecosystem from its web address, or a 404. */
async function partnerBySlug(db: Executor, ecosystemId: string, slug: string) {
	const partner = await findPartnerBySlug(db, ecosystemId, slug);
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	return partner;
}

/** Partner admin (or backbone admin): the people of one partner and its invitations. */
export async function getPartnerTeam({
	db,
	actor,
	ecosystemId,
	partnerSlug
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
}) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await partnerBySlug(db, ecosystemId, partnerSlug);
	const { members, invitations } = await listMembersAndInvitations({ db, actor, ecosystemId, partnerId: partner.id });
	return {
		partner: { id: partner.id, slug: partner.slug, name: partner.name },
		members: members.map((member) => ({ ...member, isSelf: member.userId === actor.userId })),
		invitations,
		roles: rolesInvitableBy(actor, ecosystemId, partner.id).filter((role) => partnerRoles.includes(role)),
		canReadOutbox: decide(actor, 'ecosystem.outbox.read', { ecosystemId }) !== 'deny'
	};
}

/** Partner admin invites someone to their own partner, as partner admin or partner member. */
export async function invitePartnerMember({
	ctx,
	actor,
	ecosystemId,
	partnerSlug,
	input,
	origin,
	locale
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
	input: Record<string, unknown>;
	origin: string;
	locale: 'en' | 'es';
}): Promise<Outcome<SentInvitation>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await partnerBySlug(ctx.db.kysely, ecosystemId, partnerSlug);
	requireAccess(actor, 'partner.members.manage', { ecosystemId, partnerId: partner.id });
	if (typeof input.role === 'string' && !partnerRoles.includes(input.role as EcosystemRole)) {
		return invalid([{ field: 'role', message: 'Choose partner admin or partner member.' }]);
	}
	return inviteMember({ ctx, actor, ecosystemId, input: { ...input, partnerId: partner.id }, origin, locale });
}

/** Partner admin withdraws an open invitation to their own partner. */
export async function revokePartnerInvitation({
	db,
	actor,
	ecosystemId,
	partnerSlug,
	invitationId
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
	invitationId: string;
}): Promise<void> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await partnerBySlug(db, ecosystemId, partnerSlug);
	requireAccess(actor, 'partner.members.manage', { ecosystemId, partnerId: partner.id });
	await db.transaction().execute(async (trx) => {
		if ((await repo.revokePartnerInvitation(trx, ecosystemId, partner.id, invitationId)) === 0) throw new DomainError('NOT_FOUND');
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'invitation.revoke',
			entityType: 'invitation',
			entityId: invitationId,
			summary: `Revoked an invitation to “${partner.name}”`
		});
	});
}

/** The signed-in person's own roles in every ecosystem (their account page). */
export async function listMyRoles({ db, actor }: { db: Kysely<Database>; actor: Actor }) {
	requireSignedIn(actor);
	return repo.listRolesOfUser(db, actor.userId);
}

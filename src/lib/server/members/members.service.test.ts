import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makeInvitation, makePartner, makeUser, uniqueEmail } from '../testing/factories.js';
import { auditActions, countRows } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { loadActor } from '../auth/actor.js';
import { sha256 } from '../util.js';
import { findMembership } from './members.repository.js';
import {
	acceptInvitation,
	changeMemberRole,
	getPartnerTeam,
	invitePartnerMember,
	inviteMember,
	listMembersAndInvitations,
	removeMember,
	revokeInvitationById,
	revokePartnerInvitation,
	viewInvitation
} from './members.service.js';

const origin = 'http://localhost';
const policy = { forAdmins: 'required', demo: false } as const;

describeEachDatabase('members service', (get) => {
	describe('inviteMember', () => {
		it('stores only a hash of the token, emails the link (held without SMTP) and records it', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			const email = uniqueEmail('Staff');
			const outcome = await inviteMember({ ctx, actor: admin, ecosystemId: eco.id, input: { email, role: 'backbone_staff' }, origin, locale: 'en' });
			if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
			const { token, invitationId } = outcome.value;

			const row = await db.selectFrom('invitation').selectAll().where('id', '=', invitationId).executeTakeFirstOrThrow();
			expect(row).toMatchObject({ ecosystem_id: eco.id, email: email.toLowerCase(), role: 'backbone_staff', token_hash: sha256(token), invited_by_user_id: admin.userId });
			expect(Object.values(row)).not.toContain(token);
			expect(JSON.stringify(await db.selectFrom('audit_log').selectAll().where('ecosystem_id', '=', eco.id).execute())).not.toContain(token);

			const [mail] = await db.selectFrom('outbox').selectAll().where('ecosystem_id', '=', eco.id).execute();
			expect(mail).toMatchObject({ status: 'held', kind: 'invitation', to_address: email.toLowerCase() });
			expect(mail!.body_text).toContain(`${origin}/invite/${token}`);
			expect(await auditActions(db, eco.id)).toEqual(['invitation.create']);
		});

		it('refuses to invite someone who already has a role in the ecosystem', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			const existing = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			const outcome = await inviteMember({ ctx, actor: admin, ecosystemId: eco.id, input: { email: existing.email.toUpperCase(), role: 'backbone_staff' }, origin, locale: 'en' });
			expect(outcome).toEqual({ ok: false, issues: [{ field: 'email', message: 'That person already has a role in this ecosystem.' }] });
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('lets a partner admin invite people to their own partner only', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const own = await makePartner(db, eco.id);
			const other = await makePartner(db, eco.id);
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: own.id, twoFactor: false });
			const invite = (input: Record<string, unknown>) => inviteMember({ ctx, actor: partnerAdmin, ecosystemId: eco.id, input, origin, locale: 'es' });

			const ok = await invite({ email: uniqueEmail(), role: 'partner_member', partnerId: own.id });
			expect(ok.ok).toBe(true);
			await expect(invite({ email: uniqueEmail(), role: 'partner_member', partnerId: other.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(invite({ email: uniqueEmail(), role: 'backbone_staff' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await invite({ email: uniqueEmail(), role: 'backbone_admin', partnerId: own.id })).toEqual({
				ok: false,
				issues: [{ field: 'role', message: 'You cannot give that role.' }]
			});

			const stored = await db.selectFrom('invitation').select(['role', 'partner_id']).where('ecosystem_id', '=', eco.id).execute();
			expect(stored).toEqual([{ role: 'partner_member', partner_id: own.id }]);
		});

		it.each(['backbone_staff', 'partner_member', 'educator'] as const)('refuses a %s', async (role) => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const actor = await makeActor(ctx, { role, ecosystemId: eco.id, partnerId: role === 'partner_member' ? partner.id : null });
			await expect(
				inviteMember({ ctx, actor, ecosystemId: eco.id, input: { email: uniqueEmail(), role: 'partner_member', partnerId: partner.id }, origin, locale: 'en' })
			).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await db.selectFrom('invitation').select('id').where('ecosystem_id', '=', eco.id).execute()).toEqual([]);
		});

		it('sends a signed-out visitor to sign in', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			await expect(inviteMember({ ctx, actor: publicActor, ecosystemId: eco.id, input: { email: uniqueEmail(), role: 'educator' }, origin, locale: 'en' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		});
	});

	describe('acceptInvitation', () => {
		it('creates the account of a signed-out invitee, gives the role once, and refuses the link a second time', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const invitation = await makeInvitation(db, { ecosystemId: eco.id, role: 'partner_admin', partnerId: partner.id });
			const outcome = await acceptInvitation({ ctx, actor: publicActor, token: invitation.token, signUp: { name: 'Rosa Diaz', password: 'correct horse battery' } });
			expect(outcome).toEqual({ ok: true, value: { ecosystemSlug: eco.slug, email: invitation.email, createdAccount: true } });

			const user = await db.selectFrom('user').select(['id', 'name', 'emailVerified']).where('email', '=', invitation.email).executeTakeFirstOrThrow();
			expect(user.name).toBe('Rosa Diaz');
			expect(Boolean(user.emailVerified)).toBe(true);
			expect(await findMembership(db, eco.id, user.id)).toMatchObject({ role: 'partner_admin', partner_id: partner.id });
			expect(await db.selectFrom('invitation').select(['accepted_by_user_id']).where('id', '=', invitation.id).executeTakeFirstOrThrow()).toEqual({ accepted_by_user_id: user.id });
			expect(await auditActions(db, eco.id)).toEqual(['invitation.accept']);

			const users = await countRows(db, 'user');
			await expect(acceptInvitation({ ctx, actor: publicActor, token: invitation.token, signUp: { name: 'Rosa Again', password: 'correct horse battery' } })).rejects.toMatchObject({ code: 'INVITATION_USED' });
			expect(await countRows(db, 'user')).toBe(users);
		});

		it('lets a signed-in person with the invited address accept, once', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const person = await makeActor(ctx);
			const invitation = await makeInvitation(db, { ecosystemId: eco.id, email: person.email, role: 'educator' });
			expect(await acceptInvitation({ ctx, actor: person, token: invitation.token })).toEqual({
				ok: true,
				value: { ecosystemSlug: eco.slug, email: person.email, createdAccount: false }
			});
			const reloaded = await loadActor(db, { id: person.userId, email: person.email, name: person.name }, policy);
			expect(reloaded.memberships).toEqual([{ ecosystemId: eco.id, role: 'educator', partnerId: null }]);
			await expect(acceptInvitation({ ctx, actor: reloaded, token: invitation.token })).rejects.toMatchObject({ code: 'INVITATION_USED' });
		});

		it('refuses an expired invitation', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const person = await makeActor(ctx);
			const invitation = await makeInvitation(db, { ecosystemId: eco.id, email: person.email, expiresAt: new Date(Date.now() - 1000).toISOString() });
			await expect(acceptInvitation({ ctx, actor: person, token: invitation.token })).rejects.toMatchObject({ code: 'INVITATION_EXPIRED' });
			expect(await findMembership(db, eco.id, person.userId)).toBeUndefined();
		});

		it('refuses a signed-in person whose address differs, leaving the invitation open', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const someoneElse = await makeActor(ctx);
			const invitation = await makeInvitation(db, { ecosystemId: eco.id });
			await expect(acceptInvitation({ ctx, actor: someoneElse, token: invitation.token })).rejects.toMatchObject({ code: 'INVITATION_EMAIL_MISMATCH' });
			expect(await findMembership(db, eco.id, someoneElse.userId)).toBeUndefined();
			expect(await viewInvitation({ db, token: invitation.token })).toMatchObject({ email: invitation.email, accountExists: false });
		});

		it('asks a signed-out visitor to sign in when the invited address already has an account', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const existing = await makeUser(ctx);
			const invitation = await makeInvitation(db, { ecosystemId: eco.id, email: existing.email });
			await expect(acceptInvitation({ ctx, actor: publicActor, token: invitation.token, signUp: { name: 'X Y', password: 'long enough password' } })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		});

		it('lists sign-up problems together and creates no account', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const invitation = await makeInvitation(db, { ecosystemId: eco.id });
			const users = await countRows(db, 'user');
			expect(await acceptInvitation({ ctx, actor: publicActor, token: invitation.token, signUp: { name: '', password: 'short' } })).toMatchObject({
				ok: false,
				issues: [{ field: 'name' }, { field: 'password' }]
			});
			expect(await countRows(db, 'user')).toBe(users);
		});

		it('refuses a password holding the invitee’s name, address or the ecosystem’s name (context words), and creates no account', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db, { name: 'Marigold Bay Learning Alliance' });
			const invitation = await makeInvitation(db, { ecosystemId: eco.id });
			const users = await countRows(db, 'user');
			const localPart = invitation.email.split('@')[0]!;
			for (const password of ['Thandiwe sings loudly', `${localPart} forever!`, 'I love marigold season']) {
				expect(await acceptInvitation({ ctx, actor: publicActor, token: invitation.token, signUp: { name: 'Thandiwe Mokoena', password } }), password).toEqual({
					ok: false,
					issues: [{ field: 'password', message: 'This password contains a word that is easy to guess here: the name of this site, of an ecosystem on it, or your own name or email address. Choose one without it.' }]
				});
			}
			expect(await countRows(db, 'user')).toBe(users);
			expect((await acceptInvitation({ ctx, actor: publicActor, token: invitation.token, signUp: { name: 'Thandiwe Mokoena', password: 'copper kettle harbour' } })).ok).toBe(true);
		});

		it('treats unknown and revoked links as invalid', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			const invitation = await makeInvitation(db, { ecosystemId: eco.id, email: admin.email });
			await expect(acceptInvitation({ ctx, actor: admin, token: 'not-a-real-token' })).rejects.toMatchObject({ code: 'INVITATION_INVALID' });
			await revokeInvitationById({ db, actor: admin, ecosystemId: eco.id, invitationId: invitation.id });
			await expect(acceptInvitation({ ctx, actor: admin, token: invitation.token })).rejects.toMatchObject({ code: 'INVITATION_INVALID' });
			await expect(revokeInvitationById({ db, actor: admin, ecosystemId: eco.id, invitationId: invitation.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		});
	});

	describe('partner teams', () => {
		it('lets a partner admin invite to, and withdraw invitations of, their own partner only', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const [own, other] = [await makePartner(db, eco.id), await makePartner(db, eco.id)];
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: own.id, twoFactor: false });
			const invite = (partnerSlug: string, role: string) =>
				invitePartnerMember({ ctx, actor: partnerAdmin, ecosystemId: eco.id, partnerSlug, input: { email: uniqueEmail(), role }, origin, locale: 'en' });

			const sent = await invite(own.slug, 'partner_member');
			if (!sent.ok) throw new Error(JSON.stringify(sent.issues));
			expect(await invite(own.slug, 'backbone_staff')).toEqual({ ok: false, issues: [{ field: 'role', message: 'Choose partner admin or partner member.' }] });
			await expect(invite(other.slug, 'partner_member')).rejects.toMatchObject({ code: 'FORBIDDEN' });

			const othersInvitation = await makeInvitation(db, { ecosystemId: eco.id, role: 'partner_member', partnerId: other.id });
			await expect(revokePartnerInvitation({ db, actor: partnerAdmin, ecosystemId: eco.id, partnerSlug: other.slug, invitationId: othersInvitation.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			// Naming their own partner does not reach another partner's invitation either.
			await expect(revokePartnerInvitation({ db, actor: partnerAdmin, ecosystemId: eco.id, partnerSlug: own.slug, invitationId: othersInvitation.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
			await revokePartnerInvitation({ db, actor: partnerAdmin, ecosystemId: eco.id, partnerSlug: own.slug, invitationId: sent.value.invitationId });

			const states = await db.selectFrom('invitation').select(['id', 'revoked_at']).where('ecosystem_id', '=', eco.id).execute();
			expect(states.find((i) => i.id === sent.value.invitationId)?.revoked_at).not.toBeNull();
			expect(states.find((i) => i.id === othersInvitation.id)?.revoked_at).toBeNull();
		});
		it('asks signed-out visitors to sign in and refuses outsiders before saying whether a partner exists', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const elsewhere = await makeEcosystem(db);
			const outsider = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: elsewhere.id, twoFactor: true });
			const calls = (actor: typeof outsider | typeof publicActor) => [
				getPartnerTeam({ db, actor, ecosystemId: eco.id, partnerSlug: 'no-such-partner' }),
				invitePartnerMember({ ctx, actor, ecosystemId: eco.id, partnerSlug: 'no-such-partner', input: {}, origin, locale: 'en' }),
				revokePartnerInvitation({ db, actor, ecosystemId: eco.id, partnerSlug: 'no-such-partner', invitationId: 'x' })
			];
			for (const call of calls(publicActor)) await expect(call).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			for (const call of calls(outsider)) await expect(call).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});

		it('refuses a partner member before looking at what they asked for', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const member = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
			await expect(
				invitePartnerMember({ ctx, actor: member, ecosystemId: eco.id, partnerSlug: partner.slug, input: { email: uniqueEmail(), role: 'backbone_staff' }, origin, locale: 'en' })
			).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await db.selectFrom('invitation').select('id').where('ecosystem_id', '=', eco.id).execute()).toEqual([]);
		});
	});

	describe('listing and removing members', () => {
		it('shows a backbone admin every member and invitation, and a partner admin only their partner’s', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const [own, other] = [await makePartner(db, eco.id), await makePartner(db, eco.id)];
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: own.id });
			const otherMember = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: other.id });
			const ownInvite = await makeInvitation(db, { ecosystemId: eco.id, role: 'partner_member', partnerId: own.id });
			await makeInvitation(db, { ecosystemId: eco.id, role: 'partner_member', partnerId: other.id });

			const all = await listMembersAndInvitations({ db, actor: admin, ecosystemId: eco.id });
			expect(all.members.map((m) => m.userId).sort()).toEqual([admin.userId, partnerAdmin.userId, otherMember.userId].sort());
			expect(all.invitations).toHaveLength(2);

			const mine = await listMembersAndInvitations({ db, actor: partnerAdmin, ecosystemId: eco.id, partnerId: own.id });
			expect(mine.members.map((m) => m.userId)).toEqual([partnerAdmin.userId]);
			expect(mine.invitations.map((i) => [i.id, i.state])).toEqual([[ownInvite.id, 'pending']]);

			await expect(listMembersAndInvitations({ db, actor: partnerAdmin, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(listMembersAndInvitations({ db, actor: partnerAdmin, ecosystemId: eco.id, partnerId: other.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});

		it('lets a backbone admin remove another member but not themselves', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const own = await findMembership(db, eco.id, admin.userId);
			const theirs = await findMembership(db, eco.id, staff.userId);

			await expect(removeMember({ db, actor: admin, ecosystemId: eco.id, membershipId: own!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(removeMember({ db, actor: staff, ecosystemId: eco.id, membershipId: own!.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await removeMember({ db, actor: admin, ecosystemId: eco.id, membershipId: theirs!.id });
			expect(await findMembership(db, eco.id, staff.userId)).toBeUndefined();
			expect(await findMembership(db, eco.id, admin.userId)).toBeDefined();
			expect(await auditActions(db, eco.id)).toEqual(['membership.remove']);
			await expect(removeMember({ db, actor: admin, ecosystemId: eco.id, membershipId: theirs!.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		});

		it('lets a backbone admin change another member’s role (recorded), never their own', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			const theirs = (await findMembership(db, eco.id, educator.userId))!;
			const own = (await findMembership(db, eco.id, admin.userId))!;

			expect(await changeMemberRole({ db, actor: admin, ecosystemId: eco.id, membershipId: theirs.id, input: { role: 'partner_admin' } })).toMatchObject({
				ok: false,
				issues: [{ field: 'partnerId' }]
			});
			expect(await changeMemberRole({ db, actor: admin, ecosystemId: eco.id, membershipId: theirs.id, input: { role: 'partner_admin', partnerId: partner.id } })).toEqual({ ok: true, value: null });
			expect(await findMembership(db, eco.id, educator.userId)).toMatchObject({ role: 'partner_admin', partner_id: partner.id });
			await expect(changeMemberRole({ db, actor: admin, ecosystemId: eco.id, membershipId: own.id, input: { role: 'educator' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await findMembership(db, eco.id, admin.userId)).toMatchObject({ role: 'backbone_admin' });
			expect(await auditActions(db, eco.id)).toEqual(['membership.role.change']);
		});

		it('asks a backbone admin without two-factor sign-in to set it up before managing members', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id, twoFactor: false });
			await expect(listMembersAndInvitations({ db, actor: admin, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
			const invitation = await makeInvitation(db, { ecosystemId: eco.id });
			await expect(revokeInvitationById({ db, actor: admin, ecosystemId: eco.id, invitationId: invitation.id })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
		});
	});
});

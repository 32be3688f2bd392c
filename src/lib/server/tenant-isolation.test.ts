import { describe, expect, it } from 'vitest';
import type { AppContext } from './context.js';
import type { Executor } from './audit/audit.repository.js';
import type { SignedInActor } from './auth/roles.js';
import { describeEachDatabase } from './testing/databases.js';
import { makeActor, makeEcosystem, makeInitiative, makeInvitation, makePartner, partnerInput, uniqueEmail } from './testing/factories.js';
import { recordAudit, listAuditEntries } from './audit/audit.repository.js';
import { insertOutboxMessage, listOutbox } from './mail/mail.repository.js';
import { readAuditLog, readOutbox, readPlatformOutbox } from './audit/audit.service.js';
import * as ecosystemsRepo from './ecosystems/ecosystems.repository.js';
import * as partnersRepo from './partners/partners.repository.js';
import * as membersRepo from './members/members.repository.js';
import * as ecosystems from './ecosystems/ecosystems.service.js';
import * as partners from './partners/partners.service.js';
import * as members from './members/members.service.js';

/**
 * Two ecosystems, A and B. The backbone admin of A holds every ecosystem power in A; each test
 * aims one of them at B's rows and checks B is untouched. Deleting one ecosystem_id condition in
 * a repository, or one requireAccess in a service, makes a case here fail.
 */
interface World {
	ctx: AppContext;
	db: Executor;
	adminA: SignedInActor;
	a: { id: string; slug: string; partnerId: string; partnerSlug: string; invitationId: string; educatorMembershipId: string };
	b: {
		id: string;
		slug: string;
		partnerId: string;
		partnerSlug: string;
		secondPartnerId: string;
		initiativeId: string;
		initiativeSlug: string;
		memberUserId: string;
		membershipId: string;
		invitationId: string;
		invitationToken: string;
	};
}

async function buildWorld(ctx: AppContext): Promise<World> {
	const db = ctx.db.kysely;
	const ecoA = await makeEcosystem(db);
	const ecoB = await makeEcosystem(db);
	const partnerA = await makePartner(db, ecoA.id, { sector: 'ost' });
	const partnerB = await makePartner(db, ecoB.id, { sector: 'k12' });
	const secondPartnerB = await makePartner(db, ecoB.id, { sector: 'employer' });
	const initiativeB = await makeInitiative(db, ecoB.id);
	const adminA = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: ecoA.id });
	const educatorA = await makeActor(ctx, { role: 'educator', ecosystemId: ecoA.id });
	const educatorMembershipA = await membersRepo.findMembership(db, ecoA.id, educatorA.userId);
	const adminB = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: ecoB.id });
	const memberB = await makeActor(ctx, { role: 'partner_member', ecosystemId: ecoB.id, partnerId: partnerB.id });
	const membershipB = await membersRepo.findMembership(db, ecoB.id, memberB.userId);
	const invitationA = await makeInvitation(db, { ecosystemId: ecoA.id, role: 'educator' });
	const invitationB = await makeInvitation(db, { ecosystemId: ecoB.id, role: 'partner_member', partnerId: partnerB.id });
	await ecosystemsRepo.saveCondition(db, ecoB.id, 'common_agenda', 'B’s agenda', null);
	await recordAudit(db, { actor: adminB, ecosystemId: ecoB.id, action: 'test.b', entityType: 'ecosystem', entityId: ecoB.id, summary: 'B only' });
	await insertOutboxMessage(db, { ecosystemId: ecoB.id, to: 'b@example.org', subject: 'B only', text: 'B only', kind: 'invitation' }, 'held');
	return {
		ctx,
		db,
		adminA,
		a: {
			id: ecoA.id,
			slug: ecoA.slug,
			partnerId: partnerA.id,
			partnerSlug: partnerA.slug,
			invitationId: invitationA.id,
			educatorMembershipId: educatorMembershipA!.id
		},
		b: {
			id: ecoB.id,
			slug: ecoB.slug,
			partnerId: partnerB.id,
			partnerSlug: partnerB.slug,
			secondPartnerId: secondPartnerB.id,
			initiativeId: initiativeB.id,
			initiativeSlug: initiativeB.slug,
			memberUserId: memberB.userId,
			membershipId: membershipB!.id,
			invitationId: invitationB.id,
			invitationToken: invitationB.token
		}
	};
}

/** Every row B owns, in a stable order. */
async function snapshot(db: Executor, ecosystemId: string) {
	return {
		ecosystem: await db.selectFrom('ecosystem').selectAll().where('id', '=', ecosystemId).execute(),
		conditions: await db.selectFrom('ecosystem_condition').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('condition').execute(),
		initiatives: await db.selectFrom('initiative').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('id').execute(),
		partners: await db.selectFrom('partner').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('id').execute(),
		memberships: await db.selectFrom('membership').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('id').execute(),
		invitations: await db.selectFrom('invitation').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('id').execute(),
		audit: await db.selectFrom('audit_log').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('id').execute(),
		outbox: await db.selectFrom('outbox').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('id').execute()
	};
}

const origin = 'http://localhost';

/** Services called by A's backbone admin with B's ids, and the refusal each must give. */
const serviceAttacks: { name: string; code: string; run: (w: World) => Promise<unknown> }[] = [
	{ name: 'updateSiteContent on B', code: 'FORBIDDEN', run: (w) => ecosystems.updateSiteContent({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, input: { name: 'Hijacked', region: 'Nowhere' } }) },
	{ name: 'saveConditionPractice on B', code: 'FORBIDDEN', run: (w) => ecosystems.saveConditionPractice({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, input: { condition: 'common_agenda', practice_md: 'Hijacked' } }) },
	{ name: 'createInitiative in B', code: 'FORBIDDEN', run: (w) => ecosystems.createInitiative({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, input: { title: 'Hijacked' } }) },
	{ name: 'updateInitiative of B in B', code: 'FORBIDDEN', run: (w) => ecosystems.updateInitiative({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, initiativeId: w.b.initiativeId, input: { title: 'Hijacked' } }) },
	{ name: 'updateInitiative of B through A', code: 'NOT_FOUND', run: (w) => ecosystems.updateInitiative({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, initiativeId: w.b.initiativeId, input: { title: 'Hijacked' } }) },
	{ name: 'deleteInitiative of B in B', code: 'FORBIDDEN', run: (w) => ecosystems.deleteInitiative({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, initiativeId: w.b.initiativeId }) },
	{ name: 'deleteInitiative of B through A', code: 'NOT_FOUND', run: (w) => ecosystems.deleteInitiative({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, initiativeId: w.b.initiativeId }) },
	{ name: 'createPartner in B', code: 'FORBIDDEN', run: (w) => partners.createPartner({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, input: partnerInput() }) },
	{ name: 'updatePartnerProfile of B in B', code: 'FORBIDDEN', run: (w) => partners.updatePartnerProfile({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, partnerId: w.b.partnerId, input: partnerInput({ name: 'Hijacked' }) }) },
	{ name: 'updatePartnerProfile of B through A', code: 'PARTNER_NOT_FOUND', run: (w) => partners.updatePartnerProfile({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, partnerId: w.b.partnerId, input: partnerInput({ name: 'Hijacked' }) }) },
	{ name: 'getPartner of B through A', code: 'PARTNER_NOT_FOUND', run: (w) => partners.getPartner({ db: w.ctx.db.kysely, ecosystemId: w.a.id, slug: w.b.partnerSlug }) },
	{ name: 'inviteMember to B', code: 'FORBIDDEN', run: (w) => members.inviteMember({ ctx: w.ctx, actor: w.adminA, ecosystemId: w.b.id, input: { email: uniqueEmail(), role: 'backbone_admin' }, origin, locale: 'en' }) },
	{ name: 'inviteMember to B’s partner in B', code: 'FORBIDDEN', run: (w) => members.inviteMember({ ctx: w.ctx, actor: w.adminA, ecosystemId: w.b.id, input: { email: uniqueEmail(), role: 'partner_admin', partnerId: w.b.partnerId }, origin, locale: 'en' }) },
	{ name: 'listMembersAndInvitations of B', code: 'FORBIDDEN', run: (w) => members.listMembersAndInvitations({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id }) },
	{ name: 'listMembersAndInvitations of B’s partner in B', code: 'FORBIDDEN', run: (w) => members.listMembersAndInvitations({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, partnerId: w.b.partnerId }) },
	{ name: 'revokeInvitationById of B in B', code: 'FORBIDDEN', run: (w) => members.revokeInvitationById({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, invitationId: w.b.invitationId }) },
	{ name: 'revokeInvitationById of B through A', code: 'NOT_FOUND', run: (w) => members.revokeInvitationById({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, invitationId: w.b.invitationId }) },
	{ name: 'removeMember of B in B', code: 'FORBIDDEN', run: (w) => members.removeMember({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, membershipId: w.b.membershipId }) },
	{ name: 'removeMember of B through A', code: 'NOT_FOUND', run: (w) => members.removeMember({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, membershipId: w.b.membershipId }) },
	{ name: 'acceptInvitation of B with A’s admin account', code: 'INVITATION_EMAIL_MISMATCH', run: (w) => members.acceptInvitation({ ctx: w.ctx, actor: w.adminA, token: w.b.invitationToken }) },
	{ name: 'getSiteEditor of B', code: 'FORBIDDEN', run: (w) => ecosystems.getSiteEditor({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id }) },
	{ name: 'getInitiativeForEdit of B in B', code: 'FORBIDDEN', run: (w) => ecosystems.getInitiativeForEdit({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, initiativeId: w.b.initiativeId }) },
	{ name: 'getInitiativeForEdit of B through A', code: 'NOT_FOUND', run: (w) => ecosystems.getInitiativeForEdit({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, initiativeId: w.b.initiativeId }) },
	{ name: 'getAdminIndex of B', code: 'FORBIDDEN', run: (w) => ecosystems.getAdminIndex({ actor: w.adminA, ecosystemId: w.b.id }) },
	{ name: 'listAllEcosystemsForAdmin (platform admins only)', code: 'FORBIDDEN', run: (w) => ecosystems.listAllEcosystemsForAdmin({ db: w.ctx.db.kysely, actor: w.adminA }) },
	{ name: 'readPlatformOutbox (platform admins only)', code: 'FORBIDDEN', run: (w) => readPlatformOutbox({ db: w.ctx.db.kysely, actor: w.adminA }) },
	{ name: 'getWorkspace of B', code: 'FORBIDDEN', run: (w) => members.getWorkspace({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id }) },
	{ name: 'getMembersAdmin of B', code: 'FORBIDDEN', run: (w) => members.getMembersAdmin({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id }) },
	{ name: 'getMemberForAdmin of B in B', code: 'FORBIDDEN', run: (w) => members.getMemberForAdmin({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, membershipId: w.b.membershipId }) },
	{ name: 'getMemberForAdmin of B through A', code: 'NOT_FOUND', run: (w) => members.getMemberForAdmin({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, membershipId: w.b.membershipId }) },
	{ name: 'changeMemberRole of B in B', code: 'FORBIDDEN', run: (w) => members.changeMemberRole({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, membershipId: w.b.membershipId, input: { role: 'backbone_admin' } }) },
	{ name: 'changeMemberRole of B through A', code: 'NOT_FOUND', run: (w) => members.changeMemberRole({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, membershipId: w.b.membershipId, input: { role: 'backbone_admin' } }) },
	{ name: 'getPartnerTeam of B in B', code: 'FORBIDDEN', run: (w) => members.getPartnerTeam({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, partnerSlug: w.b.partnerSlug }) },
	{ name: 'getPartnerTeam of B through A', code: 'PARTNER_NOT_FOUND', run: (w) => members.getPartnerTeam({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, partnerSlug: w.b.partnerSlug }) },
	{ name: 'invitePartnerMember to B in B', code: 'FORBIDDEN', run: (w) => members.invitePartnerMember({ ctx: w.ctx, actor: w.adminA, ecosystemId: w.b.id, partnerSlug: w.b.partnerSlug, input: { email: uniqueEmail(), role: 'partner_admin' }, origin, locale: 'en' }) },
	{ name: 'invitePartnerMember to B through A', code: 'PARTNER_NOT_FOUND', run: (w) => members.invitePartnerMember({ ctx: w.ctx, actor: w.adminA, ecosystemId: w.a.id, partnerSlug: w.b.partnerSlug, input: { email: uniqueEmail(), role: 'partner_admin' }, origin, locale: 'en' }) },
	{ name: 'revokePartnerInvitation of B in B', code: 'FORBIDDEN', run: (w) => members.revokePartnerInvitation({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, partnerSlug: w.b.partnerSlug, invitationId: w.b.invitationId }) },
	{ name: 'revokePartnerInvitation of B through A’s partner', code: 'NOT_FOUND', run: (w) => members.revokePartnerInvitation({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, partnerSlug: w.a.partnerSlug, invitationId: w.b.invitationId }) },
	{ name: 'listPartnersForAdmin of B', code: 'FORBIDDEN', run: (w) => partners.listPartnersForAdmin({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id }) },
	{ name: 'preparePartnerForm in B', code: 'FORBIDDEN', run: (w) => partners.preparePartnerForm({ actor: w.adminA, ecosystemId: w.b.id }) },
	{ name: 'getPartnerForEdit of B in B', code: 'FORBIDDEN', run: (w) => partners.getPartnerForEdit({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, slug: w.b.partnerSlug }) },
	{ name: 'getPartnerForEdit of B through A', code: 'PARTNER_NOT_FOUND', run: (w) => partners.getPartnerForEdit({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, slug: w.b.partnerSlug }) },
	{ name: 'updatePartnerProfileBySlug of B in B', code: 'FORBIDDEN', run: (w) => partners.updatePartnerProfileBySlug({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, slug: w.b.partnerSlug, input: partnerInput({ name: 'Hijacked' }) }) },
	{ name: 'updatePartnerProfileBySlug of B through A', code: 'PARTNER_NOT_FOUND', run: (w) => partners.updatePartnerProfileBySlug({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.a.id, slug: w.b.partnerSlug, input: partnerInput({ name: 'Hijacked' }) }) },
	// Membership is checked before the partner is looked up: an outsider learns nothing, not even which slugs exist.
	{ name: 'getPartnerTeam in B with a made-up slug', code: 'FORBIDDEN', run: (w) => members.getPartnerTeam({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, partnerSlug: 'no-such-partner' }) },
	{ name: 'invitePartnerMember in B with a made-up slug', code: 'FORBIDDEN', run: (w) => members.invitePartnerMember({ ctx: w.ctx, actor: w.adminA, ecosystemId: w.b.id, partnerSlug: 'no-such-partner', input: { email: uniqueEmail(), role: 'partner_admin' }, origin, locale: 'en' }) },
	{ name: 'revokePartnerInvitation in B with a made-up slug', code: 'FORBIDDEN', run: (w) => members.revokePartnerInvitation({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, partnerSlug: 'no-such-partner', invitationId: w.b.invitationId }) },
	{ name: 'getPartnerForEdit in B with a made-up slug', code: 'FORBIDDEN', run: (w) => partners.getPartnerForEdit({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, slug: 'no-such-partner' }) },
	{ name: 'updatePartnerProfileBySlug in B with a made-up slug', code: 'FORBIDDEN', run: (w) => partners.updatePartnerProfileBySlug({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id, slug: 'no-such-partner', input: partnerInput() }) },
	{ name: 'readAuditLog of B', code: 'FORBIDDEN', run: (w) => readAuditLog({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id }) },
	{ name: 'readOutbox of B', code: 'FORBIDDEN', run: (w) => readOutbox({ db: w.ctx.db.kysely, actor: w.adminA, ecosystemId: w.b.id }) }
];

/**
 * Repository calls given A's ecosystem id and B's row ids: each must find, change and list
 * nothing of B's. These catch a missing ecosystem_id condition even where the service would
 * have refused for another reason first.
 */
const repositoryProbes: { name: string; expected: unknown; run: (w: World) => Promise<unknown> }[] = [
	{ name: 'ecosystems.updateSiteContent(A)', expected: undefined, run: (w) => ecosystemsRepo.updateSiteContent(w.db, w.a.id, { name: 'A renamed', region: 'A', tagline: '', mission: '', vision: '', goal: '' }) },
	{ name: 'ecosystems.saveCondition(A)', expected: undefined, run: (w) => ecosystemsRepo.saveCondition(w.db, w.a.id, 'common_agenda', 'A’s agenda', null) },
	{ name: 'ecosystems.listConditions(A)', expected: ['', '', '', '', ''], run: async (w) => (await ecosystemsRepo.listConditions(w.db, w.a.id)).map((c) => c.practice_md) },
	{ name: 'ecosystems.listInitiatives(A)', expected: [], run: (w) => ecosystemsRepo.listInitiatives(w.db, w.a.id) },
	{ name: 'ecosystems.findInitiative(A, B’s)', expected: undefined, run: (w) => ecosystemsRepo.findInitiative(w.db, w.a.id, w.b.initiativeId) },
	{ name: 'ecosystems.updateInitiative(A, B’s)', expected: 0, run: (w) => ecosystemsRepo.updateInitiative(w.db, w.a.id, w.b.initiativeId, { title: 'Hijacked', title_es: null, summary_md: '', summary_md_es: null, position: 9 }) },
	{ name: 'ecosystems.deleteInitiative(A, B’s)', expected: 0, run: (w) => ecosystemsRepo.deleteInitiative(w.db, w.a.id, w.b.initiativeId) },
	{ name: 'ecosystems.initiativeSlugInUse(A, B’s slug)', expected: false, run: (w) => ecosystemsRepo.initiativeSlugInUse(w.db, w.a.id, w.b.initiativeSlug) },
	{ name: 'partners.listPartners(A)', expected: ['A'], run: async (w) => (await partnersRepo.listPartners(w.db, w.a.id)).map((p) => (p.id === w.a.partnerId ? 'A' : p.id)) },
	{ name: 'partners.findPartnerById(A, B’s)', expected: undefined, run: (w) => partnersRepo.findPartnerById(w.db, w.a.id, w.b.partnerId) },
	{ name: 'partners.findPartnerBySlug(A, B’s)', expected: undefined, run: (w) => partnersRepo.findPartnerBySlug(w.db, w.a.id, w.b.partnerSlug) },
	{ name: 'partners.partnerSlugInUse(A, B’s)', expected: false, run: (w) => partnersRepo.partnerSlugInUse(w.db, w.a.id, w.b.partnerSlug) },
	{ name: 'partners.updatePartner(A, B’s)', expected: 0, run: (w) => partnersRepo.updatePartner(w.db, w.a.id, w.b.partnerId, partnerInput({ name: 'Hijacked' })) },
	{ name: 'partners.countPartnersBySector(A)', expected: { ost: 1 }, run: (w) => partnersRepo.countPartnersBySector(w.db, w.a.id) },
	{ name: 'members.findMembership(A, B’s member)', expected: undefined, run: (w) => membersRepo.findMembership(w.db, w.a.id, w.b.memberUserId) },
	{ name: 'members.findMembershipById(A, B’s)', expected: undefined, run: (w) => membersRepo.findMembershipById(w.db, w.a.id, w.b.membershipId) },
	{ name: 'members.updateMembershipRole(A, B’s)', expected: 0, run: (w) => membersRepo.updateMembershipRole(w.db, w.a.id, w.b.membershipId, 'backbone_admin', null) },
	{ name: 'members.deleteMembership(A, B’s)', expected: 0, run: (w) => membersRepo.deleteMembership(w.db, w.a.id, w.b.membershipId) },
	{ name: 'members.listMembers(A)', expected: ['A admin', 'A educator'], run: async (w) => (await membersRepo.listMembers(w.db, w.a.id)).map((m) => (m.userId === w.adminA.userId ? 'A admin' : m.id === w.a.educatorMembershipId ? 'A educator' : m.userId)).sort() },
	{ name: 'members.listMembers(A, B’s partner)', expected: [], run: (w) => membersRepo.listMembers(w.db, w.a.id, w.b.partnerId) },
	{ name: 'members.findMemberListing(A, B’s)', expected: undefined, run: (w) => membersRepo.findMemberListing(w.db, w.a.id, w.b.membershipId) },
	{ name: 'members.revokePartnerInvitation(A, B’s partner, B’s)', expected: 0, run: (w) => membersRepo.revokePartnerInvitation(w.db, w.a.id, w.b.partnerId, w.b.invitationId) },
	{ name: 'members.revokePartnerInvitation(B, another partner of B, B’s)', expected: 0, run: (w) => membersRepo.revokePartnerInvitation(w.db, w.b.id, w.b.secondPartnerId, w.b.invitationId) },
	{ name: 'members.revokeInvitation(A, B’s)', expected: 0, run: (w) => membersRepo.revokeInvitation(w.db, w.a.id, w.b.invitationId) },
	{ name: 'members.listInvitations(A)', expected: ['A'], run: async (w) => (await membersRepo.listInvitations(w.db, w.a.id)).map((i) => (i.id === w.a.invitationId ? 'A' : i.id)) },
	{ name: 'members.listInvitations(A, B’s partner)', expected: [], run: (w) => membersRepo.listInvitations(w.db, w.a.id, w.b.partnerId) },
	{ name: 'audit.listAuditEntries(A)', expected: [], run: (w) => listAuditEntries(w.db, w.a.id) },
	{ name: 'mail.listOutbox(A)', expected: [], run: (w) => listOutbox(w.db, w.a.id) }
];

describeEachDatabase('tenant isolation', (get) => {
	describe('services refuse A’s admin anything of B’s', () => {
		it.each(serviceAttacks.map((attack) => [attack.name, attack] as const))('%s', async (_name, attack) => {
			const world = await buildWorld(get().ctx);
			const before = await snapshot(world.db, world.b.id);
			await expect(attack.run(world)).rejects.toMatchObject({ code: attack.code });
			expect(await snapshot(world.db, world.b.id)).toEqual(before);
		});

		it('inviteMember within A cannot attach the invitation to B’s partner', async () => {
			const world = await buildWorld(get().ctx);
			const before = await snapshot(world.db, world.b.id);
			const outcome = await members.inviteMember({
				ctx: world.ctx,
				actor: world.adminA,
				ecosystemId: world.a.id,
				input: { email: uniqueEmail(), role: 'partner_member', partnerId: world.b.partnerId },
				origin,
				locale: 'en'
			});
			expect(outcome).toEqual({ ok: false, issues: [{ field: 'partnerId', message: 'Choose a partner organisation of this ecosystem.' }] });
			expect(await world.db.selectFrom('invitation').select('id').where('partner_id', '=', world.b.partnerId).execute()).toHaveLength(1);
			expect(await snapshot(world.db, world.b.id)).toEqual(before);
		});

		it('changeMemberRole within A cannot attach a member to B’s partner', async () => {
			const world = await buildWorld(get().ctx);
			const before = await snapshot(world.db, world.b.id);
			const outcome = await members.changeMemberRole({
				db: world.ctx.db.kysely,
				actor: world.adminA,
				ecosystemId: world.a.id,
				membershipId: world.a.educatorMembershipId,
				input: { role: 'partner_member', partnerId: world.b.partnerId }
			});
			expect(outcome).toEqual({ ok: false, issues: [{ field: 'partnerId', message: 'Choose a partner organisation of this ecosystem.' }] });
			expect(await membersRepo.findMembershipById(world.db, world.a.id, world.a.educatorMembershipId)).toMatchObject({ role: 'educator', partner_id: null });
			expect(await snapshot(world.db, world.b.id)).toEqual(before);
		});

		it('reads within A show nothing of B', async () => {
			const world = await buildWorld(get().ctx);
			const db = world.ctx.db.kysely;
			const listing = await members.listMembersAndInvitations({ db, actor: world.adminA, ecosystemId: world.a.id, partnerId: world.b.partnerId });
			expect(listing).toEqual({ members: [], invitations: [] });
			expect(await readAuditLog({ db, actor: world.adminA, ecosystemId: world.a.id })).toEqual([]);
			expect(await readOutbox({ db, actor: world.adminA, ecosystemId: world.a.id })).toEqual([]);
			expect((await partners.listPartners({ db, ecosystemId: world.a.id })).map((p) => p.id)).toEqual([world.a.partnerId]);
		});
	});

	describe('repositories scope every query by ecosystem', () => {
		it.each(repositoryProbes.map((probe) => [probe.name, probe] as const))('%s', async (_name, probe) => {
			const world = await buildWorld(get().ctx);
			const before = await snapshot(world.db, world.b.id);
			expect(await probe.run(world)).toEqual(probe.expected);
			expect(await snapshot(world.db, world.b.id)).toEqual(before);
		});
	});
});

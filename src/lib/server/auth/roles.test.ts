import { describe, expect, it } from 'vitest';
import { actorWith } from '../testing/factories.js';
import { decide, ecosystemRoles, publicActor, rolesInvitableBy, type AccessDecision, type EcosystemRole, type Permission } from './roles.js';

const OWN_ECO = 'eco-own';
const OTHER_ECO = 'eco-other';
const OWN_PARTNER = 'partner-own';
const OTHER_PARTNER = 'partner-other';

/**
 * The specification, written out independently of roles.ts: which permissions each role holds
 * in its own ecosystem. `own-partner` means only for the partner the membership names.
 */
type Grant = 'yes' | 'own-partner' | 'no';
const spec: Record<EcosystemRole, Record<Exclude<Permission, 'platform.ecosystems.manage'>, Grant>> = {
	backbone_admin: {
		'partner.assistance.request': 'yes',
		'ecosystem.assistance.manage': 'yes',
		'ecosystem.workspace.view': 'yes',
		'ecosystem.site.edit': 'yes',
		'ecosystem.partners.manage': 'yes',
		'ecosystem.members.manage': 'yes',
		'ecosystem.audit.read': 'yes',
		'ecosystem.outbox.read': 'yes',
		'ecosystem.assetmap.manage': 'yes',
		'ecosystem.measurement.manage': 'yes',
		'ecosystem.stories.moderate': 'yes',
		'partner.stories.moderate': 'no',
		'ecosystem.stories.export': 'yes',
		'partner.profile.edit': 'yes',
		'partner.members.manage': 'yes',
		'ecosystem.submissions.review': 'yes',
		'partner.data.submit': 'no',
		'partner.api_tokens.manage': 'yes',
		'ecosystem.agenda.manage': 'yes',
		'ecosystem.health_check.review': 'yes',
		'partner.activities.manage': 'yes',
		'partner.health_check.answer': 'no',
		'ecosystem.events.propose': 'yes',
		'ecosystem.events.manage': 'yes',
		'ecosystem.events.attendance': 'yes',
		'ecosystem.groups.manage': 'yes',
		'ecosystem.announcements.publish': 'yes',
		'partner.programs.edit': 'yes',
		'ecosystem.pd.participate': 'yes',
		'ecosystem.pd.manage': 'yes',
		'partner.pd.manage': 'yes',
		'ecosystem.evidence.suggest': 'yes',
		'ecosystem.evidence.manage': 'yes',
		'ecosystem.schools.assess': 'yes',
		'ecosystem.schools.manage': 'yes',
		'ecosystem.instruments.manage': 'yes',
		'partner.instruments.run': 'no',
		'partner.opportunities.post': 'yes',
		'partner.applications.review': 'no',
		'ecosystem.lending.reserve': 'yes',
		'partner.lending.manage': 'yes',
		'ecosystem.needs.post': 'yes',
		'partner.offers.post': 'yes',
		'ecosystem.matchmaking.manage': 'yes',
		'partner.commitments.manage': 'yes',
		'ecosystem.projects.manage': 'yes',
		'partner.projects.lead': 'yes',
		'partner.projects.contribute': 'yes',
	},
	backbone_staff: {
		'partner.assistance.request': 'yes',
		'ecosystem.assistance.manage': 'yes',
		'ecosystem.workspace.view': 'yes',
		'ecosystem.site.edit': 'yes',
		'ecosystem.partners.manage': 'yes',
		'ecosystem.members.manage': 'no',
		'ecosystem.audit.read': 'no',
		'ecosystem.outbox.read': 'no',
		'ecosystem.assetmap.manage': 'yes',
		'ecosystem.measurement.manage': 'yes',
		'ecosystem.stories.moderate': 'yes',
		'partner.stories.moderate': 'no',
		'ecosystem.stories.export': 'yes',
		'partner.profile.edit': 'yes',
		'partner.members.manage': 'no',
		'ecosystem.submissions.review': 'yes',
		'partner.data.submit': 'no',
		'partner.api_tokens.manage': 'no',
		'ecosystem.agenda.manage': 'yes',
		'ecosystem.health_check.review': 'yes',
		'partner.activities.manage': 'yes',
		'partner.health_check.answer': 'no',
		'ecosystem.events.propose': 'yes',
		'ecosystem.events.manage': 'yes',
		'ecosystem.events.attendance': 'yes',
		'ecosystem.groups.manage': 'yes',
		'ecosystem.announcements.publish': 'yes',
		'partner.programs.edit': 'yes',
		'ecosystem.pd.participate': 'yes',
		'ecosystem.pd.manage': 'yes',
		'partner.pd.manage': 'yes',
		'ecosystem.evidence.suggest': 'yes',
		'ecosystem.evidence.manage': 'yes',
		'ecosystem.schools.assess': 'yes',
		'ecosystem.schools.manage': 'yes',
		'ecosystem.instruments.manage': 'yes',
		'partner.instruments.run': 'no',
		'partner.opportunities.post': 'yes',
		'partner.applications.review': 'no',
		'ecosystem.lending.reserve': 'yes',
		'partner.lending.manage': 'yes',
		'ecosystem.needs.post': 'yes',
		'partner.offers.post': 'yes',
		'ecosystem.matchmaking.manage': 'yes',
		'partner.commitments.manage': 'yes',
		'ecosystem.projects.manage': 'yes',
		'partner.projects.lead': 'yes',
		'partner.projects.contribute': 'yes',
	},
	partner_admin: {
		'partner.assistance.request': 'own-partner',
		'ecosystem.assistance.manage': 'no',
		'ecosystem.workspace.view': 'yes',
		'ecosystem.site.edit': 'no',
		'ecosystem.partners.manage': 'no',
		'ecosystem.members.manage': 'no',
		'ecosystem.audit.read': 'no',
		'ecosystem.outbox.read': 'no',
		'ecosystem.assetmap.manage': 'no',
		'ecosystem.measurement.manage': 'no',
		'ecosystem.stories.moderate': 'no',
		'partner.stories.moderate': 'own-partner',
		'ecosystem.stories.export': 'yes',
		'partner.profile.edit': 'own-partner',
		'partner.members.manage': 'own-partner',
		'ecosystem.submissions.review': 'no',
		'partner.data.submit': 'own-partner',
		'partner.api_tokens.manage': 'own-partner',
		'ecosystem.agenda.manage': 'no',
		'ecosystem.health_check.review': 'no',
		'partner.activities.manage': 'own-partner',
		'partner.health_check.answer': 'own-partner',
		'ecosystem.events.propose': 'yes',
		'ecosystem.events.manage': 'no',
		'ecosystem.events.attendance': 'no',
		'ecosystem.groups.manage': 'no',
		'ecosystem.announcements.publish': 'no',
		'partner.programs.edit': 'own-partner',
		'ecosystem.pd.participate': 'yes',
		'ecosystem.pd.manage': 'no',
		'partner.pd.manage': 'own-partner',
		'ecosystem.evidence.suggest': 'yes',
		'ecosystem.evidence.manage': 'no',
		'ecosystem.schools.assess': 'no',
		'ecosystem.schools.manage': 'no',
		'ecosystem.instruments.manage': 'no',
		'partner.instruments.run': 'own-partner',
		'partner.opportunities.post': 'own-partner',
		'partner.applications.review': 'own-partner',
		'ecosystem.lending.reserve': 'yes',
		'partner.lending.manage': 'own-partner',
		'ecosystem.needs.post': 'yes',
		'partner.offers.post': 'own-partner',
		'ecosystem.matchmaking.manage': 'no',
		'partner.commitments.manage': 'own-partner',
		'ecosystem.projects.manage': 'no',
		'partner.projects.lead': 'own-partner',
		'partner.projects.contribute': 'own-partner',
	},
	partner_member: {
		'partner.assistance.request': 'own-partner',
		'ecosystem.assistance.manage': 'no',
		'ecosystem.workspace.view': 'yes',
		'ecosystem.site.edit': 'no',
		'ecosystem.partners.manage': 'no',
		'ecosystem.members.manage': 'no',
		'ecosystem.audit.read': 'no',
		'ecosystem.outbox.read': 'no',
		'ecosystem.assetmap.manage': 'no',
		'ecosystem.measurement.manage': 'no',
		'ecosystem.stories.moderate': 'no',
		'partner.stories.moderate': 'own-partner',
		'ecosystem.stories.export': 'yes',
		'partner.profile.edit': 'no',
		'partner.members.manage': 'no',
		'ecosystem.submissions.review': 'no',
		'partner.data.submit': 'own-partner',
		'partner.api_tokens.manage': 'no',
		'ecosystem.agenda.manage': 'no',
		'ecosystem.health_check.review': 'no',
		'partner.activities.manage': 'own-partner',
		'partner.health_check.answer': 'no',
		'ecosystem.events.propose': 'no',
		'ecosystem.events.manage': 'no',
		'ecosystem.events.attendance': 'no',
		'ecosystem.groups.manage': 'no',
		'ecosystem.announcements.publish': 'no',
		'partner.programs.edit': 'own-partner',
		'ecosystem.pd.participate': 'yes',
		'ecosystem.pd.manage': 'no',
		'partner.pd.manage': 'own-partner',
		'ecosystem.evidence.suggest': 'yes',
		'ecosystem.evidence.manage': 'no',
		'ecosystem.schools.assess': 'no',
		'ecosystem.schools.manage': 'no',
		'ecosystem.instruments.manage': 'no',
		'partner.instruments.run': 'own-partner',
		'partner.opportunities.post': 'own-partner',
		'partner.applications.review': 'own-partner',
		'ecosystem.lending.reserve': 'yes',
		'partner.lending.manage': 'own-partner',
		'ecosystem.needs.post': 'yes',
		'partner.offers.post': 'own-partner',
		'ecosystem.matchmaking.manage': 'no',
		'partner.commitments.manage': 'no',
		'ecosystem.projects.manage': 'no',
		'partner.projects.lead': 'no',
		'partner.projects.contribute': 'own-partner',
	},
	educator: {
		'partner.assistance.request': 'no',
		'ecosystem.assistance.manage': 'no',
		'ecosystem.workspace.view': 'yes',
		'ecosystem.site.edit': 'no',
		'ecosystem.partners.manage': 'no',
		'ecosystem.members.manage': 'no',
		'ecosystem.audit.read': 'no',
		'ecosystem.outbox.read': 'no',
		'ecosystem.assetmap.manage': 'no',
		'ecosystem.measurement.manage': 'no',
		'ecosystem.stories.moderate': 'no',
		'partner.stories.moderate': 'no',
		'ecosystem.stories.export': 'no',
		'partner.profile.edit': 'no',
		'partner.members.manage': 'no',
		'ecosystem.submissions.review': 'no',
		'partner.data.submit': 'no',
		'partner.api_tokens.manage': 'no',
		'ecosystem.agenda.manage': 'no',
		'ecosystem.health_check.review': 'no',
		'partner.activities.manage': 'no',
		'partner.health_check.answer': 'no',
		'ecosystem.events.propose': 'no',
		'ecosystem.events.manage': 'no',
		'ecosystem.events.attendance': 'no',
		'ecosystem.groups.manage': 'no',
		'ecosystem.announcements.publish': 'no',
		'partner.programs.edit': 'no',
		'ecosystem.pd.participate': 'yes',
		'ecosystem.pd.manage': 'no',
		'partner.pd.manage': 'no',
		'ecosystem.evidence.suggest': 'no',
		'ecosystem.evidence.manage': 'no',
		'ecosystem.schools.assess': 'yes',
		'ecosystem.schools.manage': 'no',
		'ecosystem.instruments.manage': 'no',
		'partner.instruments.run': 'no',
		'partner.opportunities.post': 'no',
		'partner.applications.review': 'no',
		'ecosystem.lending.reserve': 'yes',
		'partner.lending.manage': 'no',
		'ecosystem.needs.post': 'yes',
		'partner.offers.post': 'no',
		'ecosystem.matchmaking.manage': 'no',
		'partner.commitments.manage': 'no',
		'ecosystem.projects.manage': 'no',
		'partner.projects.lead': 'no',
		'partner.projects.contribute': 'no',
	}
};

/** Permissions that open personal data or platform control and so need two-factor sign-in. */
const twoFactorPermissions = new Set<Permission>([
	'platform.ecosystems.manage',
	'ecosystem.members.manage',
	'ecosystem.audit.read',
	'ecosystem.outbox.read',
	'ecosystem.submissions.review',
	'ecosystem.health_check.review',
	'ecosystem.stories.moderate',
	'partner.stories.moderate',
	'ecosystem.events.attendance',
	'ecosystem.pd.manage',
	'partner.pd.manage',
	'partner.applications.review',
]);

const twoFactorModes = [
	{ label: '2FA on', twoFactorEnabled: true, twoFactorWaived: false },
	{ label: '2FA off', twoFactorEnabled: false, twoFactorWaived: false },
	{ label: '2FA waived', twoFactorEnabled: false, twoFactorWaived: true }
] as const;

interface Case {
	role: EcosystemRole;
	permission: Permission;
	ecosystem: 'own' | 'other';
	partner: 'own' | 'other' | 'none';
	twoFactor: (typeof twoFactorModes)[number];
	expected: AccessDecision;
}

function expectedDecision(c: Omit<Case, 'expected'>): AccessDecision {
	if (c.permission === 'platform.ecosystems.manage') return 'deny';
	if (c.ecosystem === 'other') return 'deny';
	const grant = spec[c.role][c.permission];
	if (grant === 'no') return 'deny';
	if (grant === 'own-partner' && c.partner !== 'own') return 'deny';
	const adminRoleAction = c.role === 'backbone_admin' && c.permission !== 'ecosystem.workspace.view';
	if ((twoFactorPermissions.has(c.permission) || adminRoleAction) && !c.twoFactor.twoFactorEnabled && !c.twoFactor.twoFactorWaived) {
		return 'two_factor_required';
	}
	return 'allow';
}

const permissions: Permission[] = ['platform.ecosystems.manage', ...(Object.keys(spec.backbone_admin) as Permission[])];
const cases: Case[] = ecosystemRoles.flatMap((role) =>
	permissions.flatMap((permission) =>
		(['own', 'other'] as const).flatMap((ecosystem) =>
			(['own', 'other', 'none'] as const).flatMap((partner) =>
				twoFactorModes.map((twoFactor) => {
					const c = { role, permission, ecosystem, partner, twoFactor };
					return { ...c, expected: expectedDecision(c) };
				})
			)
		)
	)
);

describe('decide: every role × permission × ecosystem × partner × two-factor', () => {
	it('covers the whole grid', () => {
		expect(cases).toHaveLength(ecosystemRoles.length * permissions.length * 2 * 3 * twoFactorModes.length);
	});

	it.each(cases.map((c) => [`${c.role} ${c.permission} (${c.ecosystem} ecosystem, ${c.partner} partner, ${c.twoFactor.label}) → ${c.expected}`, c] as const))(
		'%s',
		(_label, c) => {
			// The membership always names the own partner; partner-less roles get none.
			const partnerId = c.role === 'partner_admin' || c.role === 'partner_member' ? OWN_PARTNER : null;
			const actor = actorWith([{ ecosystemId: OWN_ECO, role: c.role, partnerId }], {
				twoFactorEnabled: c.twoFactor.twoFactorEnabled,
				twoFactorWaived: c.twoFactor.twoFactorWaived
			});
			const scope = {
				ecosystemId: c.ecosystem === 'own' ? OWN_ECO : OTHER_ECO,
				partnerId: c.partner === 'own' ? OWN_PARTNER : c.partner === 'other' ? OTHER_PARTNER : undefined
			};
			expect(decide(actor, c.permission, scope)).toBe(c.expected);
		}
	);
});

describe('decide: special actors', () => {
	it.each(permissions)('a signed-out visitor is unauthenticated for %s', (permission) => {
		expect(decide(publicActor, permission, { ecosystemId: OWN_ECO, partnerId: OWN_PARTNER })).toBe('unauthenticated');
	});

	it.each([
		{ twoFactorEnabled: true, twoFactorWaived: false, expected: 'allow' },
		{ twoFactorEnabled: false, twoFactorWaived: false, expected: 'two_factor_required' },
		{ twoFactorEnabled: false, twoFactorWaived: true, expected: 'allow' }
	] as const)('a platform admin manages ecosystems (2FA $twoFactorEnabled, waived $twoFactorWaived) → $expected', (c) => {
		const actor = actorWith([], { isPlatformAdmin: true, twoFactorEnabled: c.twoFactorEnabled, twoFactorWaived: c.twoFactorWaived });
		expect(decide(actor, 'platform.ecosystems.manage')).toBe(c.expected);
	});

	it('a platform admin gets no ecosystem powers without a membership there', () => {
		const actor = actorWith([], { isPlatformAdmin: true });
		for (const permission of permissions.filter((p) => p !== 'platform.ecosystems.manage')) {
			expect(decide(actor, permission, { ecosystemId: OWN_ECO, partnerId: OWN_PARTNER }), permission).toBe('deny');
		}
	});

	it('denies ecosystem permissions when no ecosystem is named', () => {
		const actor = actorWith([{ ecosystemId: OWN_ECO, role: 'backbone_admin', partnerId: null }]);
		expect(decide(actor, 'ecosystem.site.edit', {})).toBe('deny');
	});

	it('uses the membership of the ecosystem asked about when a person holds roles in two', () => {
		const actor = actorWith([
			{ ecosystemId: OWN_ECO, role: 'educator', partnerId: null },
			{ ecosystemId: OTHER_ECO, role: 'backbone_staff', partnerId: null }
		]);
		expect(decide(actor, 'ecosystem.site.edit', { ecosystemId: OWN_ECO })).toBe('deny');
		expect(decide(actor, 'ecosystem.site.edit', { ecosystemId: OTHER_ECO })).toBe('allow');
	});
});

describe('rolesInvitableBy', () => {
	it.each([
		{ role: 'backbone_admin', partner: OWN_PARTNER, expected: [...ecosystemRoles] },
		{ role: 'backbone_admin', partner: undefined, expected: [...ecosystemRoles] },
		{ role: 'partner_admin', partner: OWN_PARTNER, expected: ['partner_admin', 'partner_member'] },
		{ role: 'partner_admin', partner: OTHER_PARTNER, expected: [] },
		{ role: 'partner_admin', partner: undefined, expected: [] },
		{ role: 'backbone_staff', partner: OWN_PARTNER, expected: [] },
		{ role: 'partner_member', partner: OWN_PARTNER, expected: [] },
		{ role: 'educator', partner: undefined, expected: [] }
	] as const)('$role inviting to partner $partner may give $expected', ({ role, partner, expected }) => {
		const partnerId = role === 'partner_admin' || role === 'partner_member' ? OWN_PARTNER : null;
		const actor = actorWith([{ ecosystemId: OWN_ECO, role, partnerId }]);
		expect(rolesInvitableBy(actor, OWN_ECO, partner)).toEqual(expected);
	});

	it('gives nothing in another ecosystem', () => {
		const actor = actorWith([{ ecosystemId: OWN_ECO, role: 'backbone_admin', partnerId: null }]);
		expect(rolesInvitableBy(actor, OTHER_ECO)).toEqual([]);
	});

	it('gives nothing to a backbone admin without two-factor sign-in', () => {
		const actor = actorWith([{ ecosystemId: OWN_ECO, role: 'backbone_admin', partnerId: null }], { twoFactorEnabled: false });
		expect(rolesInvitableBy(actor, OWN_ECO)).toEqual([]);
	});
});

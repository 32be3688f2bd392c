/**
 * Roles and what each may do: the pure core of authorisation (no I/O). Services call
 * `requireAccess` (access.ts) with one of these permissions on their first line.
 */
export const ecosystemRoles = [
	'backbone_admin',
	'backbone_staff',
	'partner_admin',
	'partner_member',
	'educator'
] as const;
export type EcosystemRole = (typeof ecosystemRoles)[number];

export const partnerRoles: readonly EcosystemRole[] = ['partner_admin', 'partner_member'];

export interface Membership {
	ecosystemId: string;
	role: EcosystemRole;
	partnerId: string | null;
}

export interface SignedInActor {
	kind: 'user';
	userId: string;
	email: string;
	name: string;
	isPlatformAdmin: boolean;
	twoFactorEnabled: boolean;
	/** True when this deployment lets this person use admin tools without two-factor sign-in. */
	twoFactorWaived: boolean;
	memberships: Membership[];
}
export interface PublicActor {
	kind: 'public';
}
export type Actor = SignedInActor | PublicActor;

export const publicActor: PublicActor = { kind: 'public' };

export type Permission =
	// technical assistance (issue 7)
	| 'partner.assistance.request'
	| 'ecosystem.assistance.manage'
	| 'partner.commitments.manage'
	| 'ecosystem.projects.manage'
	| 'partner.projects.lead'
	| 'partner.projects.contribute'
	| 'ecosystem.matchmaking.manage'
	| 'partner.offers.post'
	| 'ecosystem.needs.post'
	| 'partner.lending.manage'
	| 'ecosystem.lending.reserve'
	| 'partner.applications.review'
	| 'partner.opportunities.post'
	| 'ecosystem.schools.manage'
	| 'ecosystem.schools.assess'
	| 'ecosystem.evidence.manage'
	| 'ecosystem.evidence.suggest'
	| 'partner.pd.manage'
	| 'ecosystem.pd.manage'
	| 'ecosystem.pd.participate'
	| 'ecosystem.instruments.manage'
	| 'partner.instruments.run'
	| 'partner.programs.edit'
	| 'ecosystem.assetmap.manage'
	| 'ecosystem.announcements.publish'
	| 'ecosystem.groups.manage'
	| 'ecosystem.events.attendance'
	| 'ecosystem.events.manage'
	| 'ecosystem.events.propose'
	| 'ecosystem.stories.moderate'
	// Youth stories, part two: partner staff the backbone trusts moderate as their partner; the
	// stories CSV export (public stories only) for staff and partners.
	| 'partner.stories.moderate'
	| 'ecosystem.stories.export'
	| 'platform.ecosystems.manage'
	| 'ecosystem.workspace.view'
	| 'ecosystem.site.edit'
	| 'ecosystem.partners.manage'
	| 'ecosystem.members.manage'
	| 'ecosystem.audit.read'
	| 'ecosystem.outbox.read'
	| 'ecosystem.measurement.manage'
	| 'ecosystem.submissions.review'
	| 'ecosystem.agenda.manage'
	| 'ecosystem.health_check.review'
	| 'partner.profile.edit'
	| 'partner.members.manage'
	| 'partner.data.submit'
	| 'partner.api_tokens.manage'
	| 'partner.activities.manage'
	| 'partner.health_check.answer';

/** Permissions that open partner-level or personal data: they need two-factor sign-in. */
const needsTwoFactor: ReadonlySet<Permission> = new Set<Permission>([
	'platform.ecosystems.manage',
	'ecosystem.members.manage',
	'ecosystem.audit.read',
	'ecosystem.outbox.read',
	'ecosystem.submissions.review',
	// Each partner's own self-check answers are visible to the backbone only.
	'ecosystem.health_check.review',
	'ecosystem.stories.moderate',
	'partner.stories.moderate',
	'ecosystem.events.attendance',
	'ecosystem.pd.manage',
	'partner.pd.manage',
	'partner.applications.review',
]);

const ecosystemGrants: Record<EcosystemRole, readonly Permission[]> = {
	backbone_admin: [
		'partner.assistance.request',
		'ecosystem.assistance.manage',
		'ecosystem.workspace.view',
		'ecosystem.site.edit',
		'ecosystem.partners.manage',
		'ecosystem.members.manage',
		'ecosystem.audit.read',
		'ecosystem.outbox.read',
		'ecosystem.measurement.manage',
		'ecosystem.submissions.review',
		'ecosystem.agenda.manage',
		'ecosystem.health_check.review',
		'partner.profile.edit',
		'partner.members.manage',
		'partner.api_tokens.manage',
		'partner.activities.manage',
		'ecosystem.stories.moderate',
		'ecosystem.events.propose',
		'ecosystem.events.manage',
		'ecosystem.events.attendance',
		'ecosystem.groups.manage',
		'ecosystem.announcements.publish',
		'ecosystem.assetmap.manage',
		'partner.programs.edit',
		'ecosystem.pd.participate',
		'ecosystem.pd.manage',
		'partner.pd.manage',
		'ecosystem.evidence.suggest',
		'ecosystem.evidence.manage',
		'ecosystem.schools.assess',
		'ecosystem.schools.manage',
		'ecosystem.instruments.manage',
		'partner.opportunities.post',
		'ecosystem.lending.reserve',
		'partner.lending.manage',
		'ecosystem.needs.post',
		'partner.offers.post',
		'ecosystem.matchmaking.manage',
		'partner.commitments.manage',
		'ecosystem.stories.export',
		'ecosystem.projects.manage',
		'partner.projects.lead',
		'partner.projects.contribute',
	],
	backbone_staff: [
		'partner.assistance.request',
		'ecosystem.assistance.manage',
		'ecosystem.workspace.view',
		'ecosystem.site.edit',
		'ecosystem.partners.manage',
		'ecosystem.measurement.manage',
		'ecosystem.submissions.review',
		'ecosystem.agenda.manage',
		'ecosystem.health_check.review',
		'partner.profile.edit',
		'partner.activities.manage',
		'ecosystem.stories.moderate',
		'ecosystem.events.propose',
		'ecosystem.events.manage',
		'ecosystem.events.attendance',
		'ecosystem.groups.manage',
		'ecosystem.announcements.publish',
		'ecosystem.assetmap.manage',
		'partner.programs.edit',
		'ecosystem.pd.participate',
		'ecosystem.pd.manage',
		'partner.pd.manage',
		'ecosystem.evidence.suggest',
		'ecosystem.evidence.manage',
		'ecosystem.schools.assess',
		'ecosystem.schools.manage',
		'ecosystem.instruments.manage',
		'partner.opportunities.post',
		'ecosystem.lending.reserve',
		'partner.lending.manage',
		'ecosystem.needs.post',
		'partner.offers.post',
		'ecosystem.matchmaking.manage',
		'partner.commitments.manage',
		'ecosystem.stories.export',
		'ecosystem.projects.manage',
		'partner.projects.lead',
		'partner.projects.contribute',
	],
	partner_admin: [
		'partner.assistance.request',
		'ecosystem.workspace.view',
		'partner.profile.edit',
		'partner.members.manage',
		'partner.data.submit',
		'partner.api_tokens.manage',
		'partner.activities.manage',
		'partner.health_check.answer',
		'ecosystem.events.propose',
		'partner.programs.edit',
		'ecosystem.pd.participate',
		'partner.pd.manage',
		'ecosystem.evidence.suggest',
		'partner.instruments.run',
		'partner.opportunities.post',
		'partner.applications.review',
		'ecosystem.lending.reserve',
		'partner.lending.manage',
		'ecosystem.needs.post',
		'partner.offers.post',
		'partner.commitments.manage',
		'partner.stories.moderate',
		'ecosystem.stories.export',
		'partner.projects.lead',
		'partner.projects.contribute',
	],
	partner_member: [
		'partner.assistance.request',
		'ecosystem.workspace.view',
		'partner.data.submit',
		'partner.activities.manage',
		'partner.programs.edit',
		'ecosystem.pd.participate',
		'partner.pd.manage',
		'ecosystem.evidence.suggest',
		'partner.instruments.run',
		'partner.opportunities.post',
		'partner.applications.review',
		'ecosystem.lending.reserve',
		'partner.lending.manage',
		'ecosystem.needs.post',
		'partner.offers.post',
		'partner.stories.moderate',
		'ecosystem.stories.export',
		'partner.projects.contribute',
	],
	educator: [
		'ecosystem.workspace.view',
		'ecosystem.pd.participate',
		'ecosystem.schools.assess',
		'ecosystem.lending.reserve',
		'ecosystem.needs.post',
	],
};

export interface AccessScope {
	ecosystemId?: string;
	partnerId?: string;
}

export type AccessDecision = 'allow' | 'deny' | 'unauthenticated' | 'two_factor_required';

/**
 * Decides whether `actor` holds `permission` within `scope`. Partner permissions granted to
 * partner roles apply only to the partner the membership names; backbone roles apply to every
 * partner of their own ecosystem; nothing crosses ecosystems except the platform admin's
 * ecosystem management.
 */
export function decide(actor: Actor, permission: Permission, scope: AccessScope = {}): AccessDecision {
	if (actor.kind !== 'user') return 'unauthenticated';
	const granted = holds(actor, permission, scope);
	if (!granted) return 'deny';
	if (!actor.twoFactorEnabled && !actor.twoFactorWaived && requiresTwoFactor(actor, permission, scope)) {
		return 'two_factor_required';
	}
	return 'allow';
}

/**
 * Two-factor sign-in is required (TWO_FACTOR_FOR_ADMINS=required, the default) for permissions
 * that open partner-level or personal data, and for everything a backbone admin or platform
 * admin does through that role, apart from opening their workspace.
 */
function requiresTwoFactor(actor: SignedInActor, permission: Permission, scope: AccessScope): boolean {
	if (needsTwoFactor.has(permission)) return true;
	if (permission === 'ecosystem.workspace.view') return false;
	const membership = scope.ecosystemId ? actor.memberships.find((m) => m.ecosystemId === scope.ecosystemId) : undefined;
	return membership?.role === 'backbone_admin';
}

function holds(actor: SignedInActor, permission: Permission, scope: AccessScope): boolean {
	if (permission === 'platform.ecosystems.manage') return actor.isPlatformAdmin;
	if (!scope.ecosystemId) return false;
	const membership = actor.memberships.find((m) => m.ecosystemId === scope.ecosystemId);
	if (!membership) return false;
	if (!ecosystemGrants[membership.role].includes(permission)) return false;
	if (permission.startsWith('partner.') && partnerRoles.includes(membership.role)) {
		return !!scope.partnerId && membership.partnerId === scope.partnerId;
	}
	return true;
}

export function membershipIn(actor: Actor, ecosystemId: string): Membership | undefined {
	return actor.kind === 'user' ? actor.memberships.find((m) => m.ecosystemId === ecosystemId) : undefined;
}

/** Roles a partner admin may hand out: only within their own partner. */
export function rolesInvitableBy(actor: Actor, ecosystemId: string, partnerId?: string): EcosystemRole[] {
	if (decide(actor, 'ecosystem.members.manage', { ecosystemId }) === 'allow') return [...ecosystemRoles];
	if (partnerId && decide(actor, 'partner.members.manage', { ecosystemId, partnerId }) === 'allow') {
		return ['partner_admin', 'partner_member'];
	}
	return [];
}

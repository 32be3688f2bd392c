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
	| 'platform.ecosystems.manage'
	| 'ecosystem.workspace.view'
	| 'ecosystem.site.edit'
	| 'ecosystem.partners.manage'
	| 'ecosystem.members.manage'
	| 'ecosystem.audit.read'
	| 'ecosystem.outbox.read'
	| 'ecosystem.measurement.manage'
	| 'partner.profile.edit'
	| 'partner.members.manage'
	| 'partner.opportunities.post'
	| 'partner.applications.review'
	| 'ecosystem.lending.reserve'
	| 'partner.lending.manage'
	| 'ecosystem.needs.post'
	| 'partner.offers.post'
	| 'ecosystem.matchmaking.manage'
	| 'partner.commitments.manage';

/** Permissions that open partner-level or personal data: they need two-factor sign-in. */
const needsTwoFactor: ReadonlySet<Permission> = new Set([
	'platform.ecosystems.manage',
	'ecosystem.members.manage',
	'ecosystem.audit.read',
	'ecosystem.outbox.read',
	'partner.applications.review'
]);

const ecosystemGrants: Record<EcosystemRole, readonly Permission[]> = {
	backbone_admin: [
		'ecosystem.workspace.view',
		'ecosystem.site.edit',
		'ecosystem.partners.manage',
		'ecosystem.members.manage',
		'ecosystem.audit.read',
		'ecosystem.outbox.read',
		'ecosystem.measurement.manage',
		'partner.profile.edit',
		'partner.members.manage',
		'partner.opportunities.post',
		'ecosystem.lending.reserve',
		'partner.lending.manage',
		'ecosystem.needs.post',
		'partner.offers.post',
		'ecosystem.matchmaking.manage',
		'partner.commitments.manage'
	],
	backbone_staff: [
		'ecosystem.workspace.view',
		'ecosystem.site.edit',
		'ecosystem.partners.manage',
		'ecosystem.measurement.manage',
		'partner.profile.edit',
		'partner.opportunities.post',
		'ecosystem.lending.reserve',
		'partner.lending.manage',
		'ecosystem.needs.post',
		'partner.offers.post',
		'ecosystem.matchmaking.manage',
		'partner.commitments.manage'
	],
	// Applicants' contact data is for the partner they applied to: no backbone role reviews applications.
	partner_admin: [
		'ecosystem.workspace.view',
		'partner.profile.edit',
		'partner.members.manage',
		'partner.opportunities.post',
		'partner.applications.review',
		'ecosystem.lending.reserve',
		'partner.lending.manage',
		'ecosystem.needs.post',
		'partner.offers.post',
		'partner.commitments.manage'
	],
	partner_member: [
		'ecosystem.workspace.view',
		'partner.opportunities.post',
		'partner.applications.review',
		'ecosystem.lending.reserve',
		'partner.lending.manage',
		'ecosystem.needs.post',
		'partner.offers.post'
	],
	educator: ['ecosystem.workspace.view', 'ecosystem.lending.reserve', 'ecosystem.needs.post']
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

import type { Executor } from '../audit/audit.repository.js';
import { isPlatformAdmin, membershipsOfUser } from '../members/members.repository.js';
import type { SignedInActor } from './roles.js';
import { truthy } from '../util.js';

export const DEMO_EMAIL_DOMAIN = '.demo.parity.example';

export interface TwoFactorPolicy {
	/** 'required': backbone admins and platform admins must use two-factor sign-in. */
	forAdmins: 'required' | 'optional';
	/** Demo deployments let the published demo accounts in without it (shown on every page). */
	demo: boolean;
}

/** Builds the actor for a signed-in user: who they are and every role they hold. */
export async function loadActor(
	db: Executor,
	user: { id: string; email: string; name: string; twoFactorEnabled?: unknown },
	policy: TwoFactorPolicy
): Promise<SignedInActor> {
	const [memberships, platformAdmin] = await Promise.all([membershipsOfUser(db, user.id), isPlatformAdmin(db, user.id)]);
	return {
		kind: 'user',
		userId: user.id,
		email: user.email,
		name: user.name,
		isPlatformAdmin: platformAdmin,
		twoFactorEnabled: truthy(user.twoFactorEnabled),
		twoFactorWaived: policy.forAdmins === 'optional' || (policy.demo && user.email.endsWith(DEMO_EMAIL_DOMAIN)),
		memberships
	};
}

import type { Executor } from '../audit/audit.repository.js';
import { requireAccess } from '../auth/access.js';
import { decide, type Actor, type Permission } from '../auth/roles.js';
import { findPartnerBySlug, listPartners } from './partners.repository.js';

/**
 * Partner staff post opportunities, lend equipment, offer help and publish commitments for their
 * own partner; backbone staff may do it for any partner. These two helpers answer "for which
 * partners may this person act with `permission`" in the same way for every such form.
 */
export async function partnersActorActsFor(db: Executor, actor: Actor, ecosystemId: string, permission: Permission) {
	return (await listPartners(db, ecosystemId)).filter((p) => decide(actor, permission, { ecosystemId, partnerId: p.id }) === 'allow');
}

/**
 * The partner a form names, once the actor is known to hold `permission` for it. An unknown
 * address is refused for partner staff (it is not theirs) and comes back undefined for backbone
 * staff, so the form can say "choose a partner" alongside its other problems.
 */
export async function partnerActedFor(db: Executor, actor: Actor, ecosystemId: string, partnerSlug: string, permission: Permission) {
	const partner = await findPartnerBySlug(db, ecosystemId, partnerSlug);
	requireAccess(actor, permission, { ecosystemId, partnerId: partner?.id ?? 'none' });
	return partner;
}

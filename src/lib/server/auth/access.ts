import { DomainError } from '../errors.js';
import { decide, type Actor, type AccessScope, type Permission, type SignedInActor } from './roles.js';

/** The first line of every use-case: throws unless `actor` may use `permission` in `scope`. */
export function requireAccess(actor: Actor, permission: Permission, scope: AccessScope = {}): asserts actor is SignedInActor {
	const decision = decide(actor, permission, scope);
	if (decision === 'allow') return;
	if (decision === 'unauthenticated') throw new DomainError('UNAUTHENTICATED');
	if (decision === 'two_factor_required') throw new DomainError('TWO_FACTOR_REQUIRED');
	throw new DomainError('FORBIDDEN');
}

export function requireSignedIn(actor: Actor): asserts actor is SignedInActor {
	if (actor.kind !== 'user') throw new DomainError('UNAUTHENTICATED');
}

import { randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { Executor } from '../audit/audit.repository.js';
import { createVerifiedAccount } from '../auth/accounts.js';
import { loadActor } from '../auth/actor.js';
import type { EcosystemRole, Membership, SignedInActor } from '../auth/roles.js';
import { insertEcosystem, insertInitiative } from '../ecosystems/ecosystems.repository.js';
import { insertInvitation, insertMembership, insertPlatformAdmin } from '../members/members.repository.js';
import { insertPartner } from '../partners/partners.repository.js';
import type { PartnerProfileInput } from '../partners/partners.js';
import { randomToken, sha256 } from '../util.js';
import { insertEvent, type NewEvent } from '../events/events.repository.js';

/**
 * Small builders for test data. Every call makes fresh, unique rows, so tests sharing one
 * database never see each other's data and need no cleanup.
 */
let sequence = 0;
export function unique(prefix: string): string {
	return `${prefix}-${(sequence++).toString(36)}-${randomBytes(3).toString('hex')}`;
}

export const uniqueEmail = (prefix = 'person') => `${unique(prefix)}@test.parity.example`;

export async function makeEcosystem(db: Executor, overrides: { name?: string; slug?: string; region?: string } = {}) {
	const slug = overrides.slug ?? unique('eco');
	const name = overrides.name ?? `Ecosystem ${slug}`;
	const id = await insertEcosystem(db, { name, slug, region: overrides.region ?? 'Test County, PA' });
	return { id, slug, name };
}

export function partnerInput(overrides: Partial<PartnerProfileInput> = {}): PartnerProfileInput {
	return {
		name: `Partner ${unique('p')}`,
		sector: 'ost',
		summary: 'After-school robotics for middle schoolers.',
		description_md: '',
		...overrides
	};
}

export async function makePartner(db: Executor, ecosystemId: string, overrides: Partial<PartnerProfileInput> & { slug?: string } = {}) {
	const { slug = unique('partner'), ...profile } = overrides;
	const input = partnerInput(profile);
	const id = await insertPartner(db, ecosystemId, slug, input);
	return { id, slug, name: input.name };
}

export async function makeInitiative(db: Executor, ecosystemId: string, overrides: { title?: string } = {}) {
	const slug = unique('initiative');
	const title = overrides.title ?? `Initiative ${slug}`;
	const id = await insertInitiative(db, ecosystemId, {
		slug,
		title,
		title_es: null,
		summary_md: 'Summer bridge programme.',
		summary_md_es: null,
		position: 0
	});
	return { id, slug, title };
}

/**
 * A user row made through better-auth's adapter. Without `password` no hash is computed (fast);
 * pass one only when the test signs in.
 */
export async function makeUser(ctx: AppContext, overrides: { email?: string; name?: string; password?: string } = {}) {
	const email = (overrides.email ?? uniqueEmail()).toLowerCase();
	const name = overrides.name ?? 'Test Person';
	if (overrides.password) {
		const id = await createVerifiedAccount(ctx.auth, { email, name, password: overrides.password });
		return { id, email, name };
	}
	const auth = await ctx.auth.$context;
	const user = await auth.internalAdapter.createUser({ email, name, emailVerified: true }, { method: 'admin' });
	return { id: user.id, email, name };
}

export interface ActorSpec {
	/** Role in `ecosystemId`; omit for a person with no role there. */
	role?: EcosystemRole;
	ecosystemId?: string;
	partnerId?: string | null;
	platformAdmin?: boolean;
	/** Two-factor sign-in enabled (default true, so admin tools are open to the actor). */
	twoFactor?: boolean;
	email?: string;
	name?: string;
}

/** A signed-in actor backed by real rows (user, membership, platform admin), loaded as the app loads it. */
export async function makeActor(ctx: AppContext, spec: ActorSpec = {}): Promise<SignedInActor> {
	const db = ctx.db.kysely;
	const user = await makeUser(ctx, { email: spec.email, name: spec.name ?? `Actor ${spec.role ?? 'person'}` });
	if (spec.role) {
		if (!spec.ecosystemId) throw new Error('makeActor: a role needs an ecosystemId');
		await insertMembership(db, { ecosystemId: spec.ecosystemId, userId: user.id, role: spec.role, partnerId: spec.partnerId ?? null });
	}
	if (spec.platformAdmin) await insertPlatformAdmin(db, user.id);
	const twoFactorEnabled = spec.twoFactor ?? true;
	if (twoFactorEnabled) await db.updateTable('user').set({ twoFactorEnabled: true }).where('id', '=', user.id).execute();
	return loadActor(db, { ...user, twoFactorEnabled }, { forAdmins: 'required', demo: false });
}

/** A pure actor for tests of the permission core (no database). */
export function actorWith(memberships: Membership[], options: Partial<Omit<SignedInActor, 'kind' | 'memberships'>> = {}): SignedInActor {
	return {
		kind: 'user',
		userId: 'user-1',
		email: 'person@test.parity.example',
		name: 'Test Person',
		isPlatformAdmin: false,
		twoFactorEnabled: true,
		twoFactorWaived: false,
		...options,
		memberships
	};
}

/** An invitation with a known raw token, in any state, written straight to the table. */
export async function makeInvitation(
	db: Executor,
	values: {
		ecosystemId: string;
		email?: string;
		role?: EcosystemRole;
		partnerId?: string | null;
		expiresAt?: string;
		invitedBy?: string | null;
	}
) {
	const token = randomToken();
	const email = (values.email ?? uniqueEmail('invitee')).toLowerCase();
	const id = await insertInvitation(db, {
		ecosystem_id: values.ecosystemId,
		email,
		role: values.role ?? 'backbone_staff',
		partner_id: values.partnerId ?? null,
		token_hash: sha256(token),
		invited_by_user_id: values.invitedBy ?? null,
		expires_at: values.expiresAt ?? new Date(Date.now() + 7 * 24 * 3600 * 1000).toISOString()
	});
	return { id, token, email };
}

/** The event form as staff would fill it in (local times in the ecosystem's zone). */
export function eventInput(overrides: Record<string, string | undefined> = {}): Record<string, string | undefined> {
	return {
		title: `Convening ${unique('ev')}`,
		format: 'in_person',
		location: 'Free Library of Philadelphia, Room 108',
		starts_local: '2031-03-18T18:00',
		ends_local: '2031-03-18T20:00',
		...overrides
	};
}

/** A published event written straight to the table (status, capacity and times as given). */
export async function makeEvent(
	db: Executor,
	ecosystemId: string,
	overrides: Partial<Omit<NewEvent, 'slug'>> & { slug?: string } = {}
): Promise<{ id: string; slug: string; title: string }> {
	const slug = overrides.slug ?? unique('event');
	const values: NewEvent = {
		title: `Event ${slug}`,
		title_es: null,
		description_md: '',
		description_md_es: null,
		audience: '',
		audience_es: null,
		format: 'in_person',
		location: 'Community Room',
		online_url: null,
		starts_at: '2031-03-18T22:00:00.000Z',
		ends_at: '2031-03-19T00:00:00.000Z',
		time_zone: 'America/New_York',
		capacity: null,
		questions_json: '[]',
		reminder_hours: 24,
		status: 'published',
		proposed_by_partner_id: null,
		created_by_user_id: null,
		series_id: null,
		is_demo: 0,
		...overrides,
		slug
	};
	const id = await insertEvent(db, ecosystemId, values);
	return { id, slug, title: values.title };
}

export const registrationInput = (overrides: Record<string, unknown> = {}) => ({ name: 'Test Attendee', email: uniqueEmail('attendee'), answers: {}, ...overrides });

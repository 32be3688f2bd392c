import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import { acceptSignUpSchema, expiryFrom, invitationState, inviteSchema, roleNeedsPartner, type InvitationLike } from './invitations.js';

const now = new Date('2026-12-01T12:00:00.000Z');
const pending: InvitationLike = { expires_at: '2026-12-15T12:00:00.000Z', accepted_at: null, revoked_at: null };

describe('invitationState', () => {
	it.each([
		{ name: 'pending before expiry', invitation: pending, expected: 'pending' },
		{ name: 'pending one millisecond before expiry', invitation: { ...pending, expires_at: '2026-12-01T12:00:00.001Z' }, expected: 'pending' },
		{ name: 'expired exactly at the expiry instant', invitation: { ...pending, expires_at: '2026-12-01T12:00:00.000Z' }, expected: 'expired' },
		{ name: 'expired after expiry', invitation: { ...pending, expires_at: '2026-11-30T00:00:00.000Z' }, expected: 'expired' },
		{ name: 'accepted, even after expiry', invitation: { ...pending, expires_at: '2026-11-30T00:00:00.000Z', accepted_at: '2026-11-29T00:00:00.000Z' }, expected: 'accepted' },
		{ name: 'revoked wins over accepted', invitation: { ...pending, accepted_at: '2026-11-29T00:00:00.000Z', revoked_at: '2026-11-30T00:00:00.000Z' }, expected: 'revoked' },
		{ name: 'revoked wins over expired', invitation: { ...pending, expires_at: '2026-11-01T00:00:00.000Z', revoked_at: '2026-10-30T00:00:00.000Z' }, expected: 'revoked' }
	] as const)('$name → $expected', ({ invitation, expected }) => {
		expect(invitationState(invitation, now)).toBe(expected);
	});
});

describe('expiryFrom', () => {
	it('adds whole days in UTC', () => {
		expect(expiryFrom(now, 14)).toBe('2026-12-15T12:00:00.000Z');
	});
});

describe('inviteSchema', () => {
	it('accepts a staff invitation and lower-cases the address', () => {
		expect(validate(inviteSchema, { email: 'Dana@Example.ORG', role: 'backbone_staff' })).toEqual({
			ok: true,
			value: { email: 'dana@example.org', role: 'backbone_staff' }
		});
	});

	it.each([
		{ name: 'a malformed address', input: { email: 'not-an-email', role: 'educator' }, issues: [{ field: 'email', message: 'Enter the person’s email address, e.g. name@example.org.' }] },
		{ name: 'an unknown role', input: { email: 'a@example.org', role: 'owner' }, issues: [{ field: 'role', message: 'Choose a role.' }] },
		{ name: 'a partner role without a partner', input: { email: 'a@example.org', role: 'partner_member' }, issues: [{ field: 'partnerId', message: 'Choose the partner organisation this person belongs to.' }] },
		{
			name: 'everything missing (all problems at once)',
			input: {},
			issues: [
				{ field: 'email', message: 'Enter the person’s email address, e.g. name@example.org.' },
				{ field: 'role', message: 'Choose a role.' }
			]
		}
	])('reports $name', ({ input, issues }) => {
		expect(validate(inviteSchema, input)).toEqual({ ok: false, issues });
	});

	it('accepts a partner role when the partner is named', () => {
		expect(validate(inviteSchema, { email: 'a@example.org', role: 'partner_admin', partnerId: 'p1' }).ok).toBe(true);
	});
});

describe('acceptSignUpSchema', () => {
	it.each([
		{ name: 'a name and a long password', input: { name: 'Dana Reyes', password: 'long enough pw' }, issues: [] },
		{ name: 'a one-letter name', input: { name: 'D', password: 'long enough pw' }, issues: ['name'] },
		{ name: 'a 5-character password', input: { name: 'Dana', password: 'short' }, issues: ['password'] },
		{ name: 'a 257-character password', input: { name: 'Dana', password: 'x'.repeat(257) }, issues: ['password'] },
		{ name: 'an empty form', input: {}, issues: ['name', 'password'] }
	])('$name → issues $issues', ({ input, issues }) => {
		const outcome = validate(acceptSignUpSchema, input);
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(issues);
	});
});

describe('roleNeedsPartner', () => {
	it.each([
		['partner_admin', true],
		['partner_member', true],
		['backbone_admin', false],
		['backbone_staff', false],
		['educator', false]
	] as const)('%s → %s', (role, expected) => {
		expect(roleNeedsPartner(role)).toBe(expected);
	});
});

import { describe, expect, it } from 'vitest';
import { addYears, ageBandFor, ageScreenSchema, canApprove, effectiveScopes, isPublic, storySchema, type AgeBand, type Scope } from './stories.js';

describe('ageBandFor', () => {
	it.each([
		[5, 'under_13'],
		[12, 'under_13'],
		[13, '13_15'],
		[15, '13_15'],
		[16, '16_17'],
		[17, '16_17'],
		[18, '18_24'],
		[24, '18_24']
	] as const)('%i → %s', (age, band) => expect(ageBandFor(age)).toBe(band));
});

describe('ageScreenSchema', () => {
	it.each(['', 'twelve', '4', '25', '12.5', '-3'])('refuses %j', (age) => {
		expect(ageScreenSchema('en').safeParse({ age }).success).toBe(false);
	});
	it('accepts a plain number within the campaign’s ages', () => {
		expect(ageScreenSchema('en').parse({ age: '15' })).toEqual({ age: 15 });
	});
});

describe('effectiveScopes', () => {
	const all: Scope[] = ['wall', 'partner_site', 'social', 'print'];
	it.each([
		{ label: 'nothing before moderators approve', age: '13_15', requested: all, consented: all, approved: null, expected: [] },
		{ label: 'nothing for a minor without a parent', age: '16_17', requested: all, consented: null, approved: all, expected: [] },
		{ label: 'an adult needs no parent', age: '18_24', requested: ['wall', 'print'], consented: null, approved: all, expected: ['wall', 'print'] },
		{ label: 'the narrowest of the three', age: '13_15', requested: ['wall', 'social', 'print'], consented: ['wall', 'print'], approved: ['wall', 'social'], expected: ['wall'] },
		{ label: 'an under-13 likewise', age: 'under_13', requested: ['wall'], consented: ['wall'], approved: all, expected: ['wall'] },
		{ label: 'disjoint choices allow nothing', age: '13_15', requested: ['social'], consented: ['wall'], approved: all, expected: [] }
	] as const)('$label', (c) => {
		expect(effectiveScopes({ age_band: c.age as AgeBand, requested: c.requested, consented: c.consented, approved: c.approved })).toEqual(c.expected);
	});
});

describe('isPublic', () => {
	const now = new Date('2027-01-01T00:00:00Z');
	const base = { status: 'published' as const, hidden_at: null, revoked_at: null, consent_expires_at: '2028-01-01T00:00:00Z' };
	it.each([
		{ label: 'published with live consent', story: base, expected: true },
		{ label: 'consent expired a second ago', story: { ...base, consent_expires_at: '2026-12-31T23:59:59Z' }, expected: false },
		{ label: 'consent expiring exactly now', story: { ...base, consent_expires_at: '2027-01-01T00:00:00.000Z' }, expected: false },
		{ label: 'no consent date', story: { ...base, consent_expires_at: null }, expected: false },
		{ label: 'revoked', story: { ...base, revoked_at: '2026-12-01T00:00:00Z' }, expected: false },
		{ label: 'hidden by reports', story: { ...base, hidden_at: '2026-12-01T00:00:00Z' }, expected: false },
		{ label: 'in review', story: { ...base, status: 'in_review' as const }, expected: false },
		{ label: 'withdrawn', story: { ...base, status: 'withdrawn' as const }, expected: false }
	])('$label → $expected', ({ story, expected }) => expect(isPublic(story, now)).toBe(expected));
});

describe('canApprove', () => {
	it.each([
		{ status: 'in_review', age: '18_24', parent: false, verified: false, expected: true },
		{ status: 'in_review', age: '13_15', parent: false, verified: false, expected: false },
		{ status: 'in_review', age: '13_15', parent: true, verified: false, expected: true },
		{ status: 'in_review', age: 'under_13', parent: true, verified: false, expected: false },
		{ status: 'in_review', age: 'under_13', parent: true, verified: true, expected: true },
		{ status: 'changes_requested', age: '16_17', parent: true, verified: false, expected: true },
		{ status: 'awaiting_consent', age: '16_17', parent: false, verified: false, expected: false },
		{ status: 'withdrawn', age: '18_24', parent: false, verified: false, expected: false },
		{ status: 'published', age: '18_24', parent: false, verified: false, expected: false }
	] as const)('$status, $age, parent $parent, verified $verified → $expected', (c) => {
		expect(canApprove({ status: c.status, age_band: c.age, hasParentConsent: c.parent, hasVerification: c.verified })).toBe(c.expected);
	});
});

describe('storySchema', () => {
	const input = { display_name: 'Sam', story_text: 'Coding club changed how I see my future.', scopes: 'wall', assent: 'yes', parent_email: 'Mom@Example.org' };
	it('keeps a minor’s parent email, lower-cased', () => {
		expect(storySchema('en', '16_17').parse(input).parent_email).toBe('mom@example.org');
	});
	it('never keeps a parent email for an adult', () => {
		expect(storySchema('en', '18_24').parse(input).parent_email).toBeUndefined();
	});
	it('takes a single checkbox value as a list', () => {
		expect(storySchema('en', '18_24').parse(input).scopes).toEqual(['wall']);
	});
});

describe('addYears', () => {
	it('adds calendar years (consent lasts two years)', () => {
		expect(addYears(new Date('2026-12-01T20:00:00Z'), 2)).toBe('2028-12-01T20:00:00.000Z');
	});
});

import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import { groupBySector, partnerProfileSchema } from './partners.js';

const valid = { name: 'Franklin Robotics League', sector: 'ost' };

describe('partnerProfileSchema', () => {
	it('fills blank optional texts with empty strings', () => {
		expect(validate(partnerProfileSchema, valid)).toEqual({
			ok: true,
			value: { name: 'Franklin Robotics League', sector: 'ost', summary: '', description_md: '' }
		});
	});

	it.each([
		{ field: 'name', value: 'F', message: 'The name needs at least 2 characters.' },
		{ field: 'name', value: 'x'.repeat(161), message: 'The name can have at most 160 characters.' },
		{ field: 'sector', value: 'nonprofit', message: 'Choose the sector that fits best.' },
		{ field: 'summary', value: 'x'.repeat(281), message: 'The summary can have at most 280 characters.' },
		{ field: 'website', value: 'javascript:alert(1)', message: 'Enter a full web address starting with https://' },
		{ field: 'website', value: 'ftp://example.org', message: 'Enter a full web address starting with https://' },
		{ field: 'email', value: 'info@', message: 'Enter an email address such as info@example.org.' },
		{ field: 'phone', value: 'call us', message: 'Enter a phone number using digits, spaces, dashes or brackets.' },
		{ field: 'zip', value: '1910', message: 'Enter a 5-digit ZIP code.' },
		{ field: 'zip', value: '19104-1234', message: 'Enter a 5-digit ZIP code.' }
	])('rejects $field “$value”: $message', ({ field, value, message }) => {
		expect(validate(partnerProfileSchema, { ...valid, [field]: value })).toEqual({ ok: false, issues: [{ field, message }] });
	});

	it.each([
		{ field: 'website', value: 'https://example.org/robotics' },
		{ field: 'website', value: 'http://example.org' },
		{ field: 'phone', value: '+1 (215) 555-0100' },
		{ field: 'zip', value: '19104' }
	])('accepts $field “$value”', ({ field, value }) => {
		expect(validate(partnerProfileSchema, { ...valid, [field]: value }).ok).toBe(true);
	});

	it('lists every problem at once', () => {
		const outcome = validate(partnerProfileSchema, { name: '', sector: 'x', zip: 'abc', email: 'no' });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field).sort()).toEqual(['email', 'name', 'sector', 'zip']);
	});
});

describe('groupBySector', () => {
	it('orders groups by the canonical sector order and leaves out empty sectors', () => {
		const partners = [
			{ name: 'Acme', sector: 'employer' },
			{ name: 'Lincoln High', sector: 'k12' },
			{ name: 'Robotics Club', sector: 'ost' },
			{ name: 'Kensington High', sector: 'k12' }
		];
		expect(groupBySector(partners)).toEqual([
			{ sector: 'k12', partners: [partners[1], partners[3]] },
			{ sector: 'ost', partners: [partners[2]] },
			{ sector: 'employer', partners: [partners[0]] }
		]);
	});

	it('returns no groups for no partners', () => {
		expect(groupBySector([])).toEqual([]);
	});

	it('drops partners whose sector is unknown rather than inventing a group', () => {
		expect(groupBySector([{ sector: 'unknown' }])).toEqual([]);
	});
});

import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import { conditionSchema, createEcosystemSchema, initiativeSchema, siteContentSchema, slugSchema } from './ecosystems.js';

describe('slugSchema', () => {
	it.each(['philadelphia', 'rio-grande-valley', 'la2030', 'a1', 'x'.repeat(60)])('accepts “%s”', (slug) => {
		expect(slugSchema.safeParse(slug).success).toBe(true);
	});

	it.each([
		{ slug: 'p', message: 'The web address needs at least 2 characters.' },
		{ slug: 'x'.repeat(61), message: 'The web address can have at most 60 characters.' },
		{ slug: 'Philadelphia', message: 'Use lower-case letters, digits and single dashes only, e.g. "philadelphia".' },
		{ slug: 'rio grande', message: 'Use lower-case letters, digits and single dashes only, e.g. "philadelphia".' },
		{ slug: 'rio--grande', message: 'Use lower-case letters, digits and single dashes only, e.g. "philadelphia".' },
		{ slug: '-phl', message: 'Use lower-case letters, digits and single dashes only, e.g. "philadelphia".' },
		{ slug: 'phl-', message: 'Use lower-case letters, digits and single dashes only, e.g. "philadelphia".' },
		{ slug: 'san-josé', message: 'Use lower-case letters, digits and single dashes only, e.g. "philadelphia".' },
		{ slug: '../admin', message: 'Use lower-case letters, digits and single dashes only, e.g. "philadelphia".' },
		{ slug: 'phl_2030', message: 'Use lower-case letters, digits and single dashes only, e.g. "philadelphia".' }
	])('rejects “$slug”', ({ slug, message }) => {
		const result = slugSchema.safeParse(slug);
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((i) => i.message)).toContain(message);
	});

	it('asks for a web address when none is given', () => {
		expect(slugSchema.safeParse(undefined).error?.issues[0]?.message).toBe('Enter a web address.');
	});
});

describe('createEcosystemSchema', () => {
	const valid = { name: 'Lehigh Valley STEM', slug: 'lehigh-valley', region: 'Lehigh Valley, PA', adminEmail: 'kim@example.org', adminName: 'Kim Lee' };

	it('accepts a complete form', () => {
		expect(validate(createEcosystemSchema, valid)).toEqual({ ok: true, value: valid });
	});

	it('reports every missing field at once, by field', () => {
		const outcome = validate(createEcosystemSchema, {});
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'slug', 'region', 'adminEmail', 'adminName']);
	});

	it('rejects a malformed admin email with a message saying what to type', () => {
		expect(validate(createEcosystemSchema, { ...valid, adminEmail: 'kim' })).toEqual({
			ok: false,
			issues: [{ field: 'adminEmail', message: 'Enter the first backbone admin’s email address, e.g. name@example.org.' }]
		});
	});
});

describe('siteContentSchema', () => {
	const valid = { name: 'Philadelphia STEM', region: 'Philadelphia, PA' };

	it('turns omitted texts into empty strings and coerces the goal year', () => {
		const outcome = validate(siteContentSchema, { ...valid, goal_year: '2030' });
		expect(outcome).toMatchObject({ ok: true, value: { tagline: '', mission: '', vision: '', goal: '', goal_year: 2030 } });
	});

	it.each([
		{ field: 'goal_year', value: '1999', message: 'Enter a year from 2000 on.' },
		{ field: 'goal_year', value: '2101', message: 'Enter a year before 2100.' },
		{ field: 'goal_year', value: '2030.5', message: 'Enter a whole year such as 2030.' },
		{ field: 'website', value: 'javascript:alert(1)', message: 'Enter a full web address starting with https://' },
		{ field: 'contact_email', value: 'info', message: 'Enter an email address such as info@example.org.' },
		{ field: 'tagline', value: 'x'.repeat(201), message: 'The tagline can have at most 200 characters.' }
	])('rejects $field “$value”', ({ field, value, message }) => {
		expect(validate(siteContentSchema, { ...valid, [field]: value })).toEqual({ ok: false, issues: [{ field, message }] });
	});
});

describe('conditionSchema and initiativeSchema', () => {
	it('accepts only the five conditions', () => {
		expect(validate(conditionSchema, { condition: 'shared_measurement' })).toEqual({
			ok: true,
			value: { condition: 'shared_measurement', practice_md: '' }
		});
		expect(validate(conditionSchema, { condition: 'funding' })).toEqual({
			ok: false,
			issues: [{ field: 'condition', message: 'Choose one of the five conditions.' }]
		});
	});

	it('defaults an initiative to position 0 and rejects short titles', () => {
		expect(validate(initiativeSchema, { title: 'Summer Bridge' })).toMatchObject({ ok: true, value: { position: 0, summary_md: '' } });
		expect(validate(initiativeSchema, { title: 'SB' })).toEqual({
			ok: false,
			issues: [{ field: 'title', message: 'The title needs at least 3 characters.' }]
		});
	});
});

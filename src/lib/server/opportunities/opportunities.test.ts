import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import { applicationSchema, eligibility, isOpen, opportunitySchema, parseSearch, type Applicant, type EligibilityRules, type IneligibleReason } from './opportunities.js';

const anyone: EligibilityRules = { min_age: null, max_age: null, min_grade: null, max_grade: null, zipCodes: [] };

describe('eligibility', () => {
	const cases: [string, Partial<EligibilityRules>, Applicant, IneligibleReason[]][] = [
		['no rules: anyone, asked nothing', {}, {}, []],
		['age 16–19, aged 16 (lower bound included)', { min_age: 16, max_age: 19 }, { age: 16 }, []],
		['age 16–19, aged 19 (upper bound included)', { min_age: 16, max_age: 19 }, { age: 19 }, []],
		['age 16–19, aged 15', { min_age: 16, max_age: 19 }, { age: 15 }, [{ code: 'too_young', min: 16 }]],
		['age 16–19, aged 20', { min_age: 16, max_age: 19 }, { age: 20 }, [{ code: 'too_old', max: 19 }]],
		['only a minimum age, aged 70', { min_age: 16 }, { age: 70 }, []],
		['an age rule needs an age', { min_age: 16 }, {}, [{ code: 'age_missing' }]],
		['grades 9–12, in grade 8', { min_grade: 9, max_grade: 12 }, { grade: 8 }, [{ code: 'grade_below', min: 9 }]],
		['grades 9–12, after high school', { min_grade: 9, max_grade: 12 }, { grade: 13 }, [{ code: 'grade_above', max: 12 }]],
		['grades from kindergarten (0 is a real grade)', { min_grade: 0, max_grade: 5 }, { grade: 0 }, []],
		['a grade rule needs a grade', { max_grade: 12 }, { age: 15 }, [{ code: 'grade_missing' }]],
		['ZIP list, living in one', { zipCodes: ['19121', '19122'] }, { zip: '19122' }, []],
		['ZIP list, living elsewhere', { zipCodes: ['19121'] }, { zip: '97201' }, [{ code: 'outside_area' }]],
		['ZIP list needs a ZIP', { zipCodes: ['19121'] }, {}, [{ code: 'zip_missing' }]],
		[
			'every unmet rule is reported at once',
			{ min_age: 16, min_grade: 10, zipCodes: ['19121'] },
			{ age: 14, grade: 9, zip: '19103' },
			[{ code: 'too_young', min: 16 }, { code: 'grade_below', min: 10 }, { code: 'outside_area' }]
		]
	];
	it.each(cases)('%s', (_label, rules, applicant, expected) => {
		expect(eligibility({ ...anyone, ...rules }, applicant)).toEqual(expected);
	});
});

describe('isOpen', () => {
	it.each([
		['before the deadline', { closed_at: null, deadline: '2027-03-01' }, '2027-02-28', true],
		['on the deadline day', { closed_at: null, deadline: '2027-03-01' }, '2027-03-01', true],
		['the day after', { closed_at: null, deadline: '2027-03-01' }, '2027-03-02', false],
		['closed early by the poster', { closed_at: '2027-01-01T00:00:00.000Z', deadline: '2027-03-01' }, '2027-02-01', false]
	] as const)('%s → %s', (_label, o, today, expected) => {
		expect(isOpen(o, today)).toBe(expected);
	});
});

const valid = {
	kind: 'internship',
	audience: 'youth',
	title: 'Summer lab internship',
	description_md: 'Six weeks in a working biology lab, with a mentor.',
	pay_kind: 'paid',
	pay_amount: '15',
	pay_period: 'hour',
	deadline: '2027-04-01',
	places: '10'
};

describe('opportunitySchema', () => {
	it('accepts a complete posting and normalises lists', () => {
		const outcome = validate(opportunitySchema, { ...valid, min_age: '16', max_age: '19', zip_codes: '19121, 19122 19121', focus: ['black', 'women_girls'] });
		expect(outcome).toMatchObject({ ok: true, value: { min_age: 16, max_age: 19, zip_codes: ['19121', '19122'], focus: ['black', 'women_girls'], places: 10, pay_amount: 15 } });
	});

	it('lists every problem, including ones across fields', () => {
		const outcome = validate(opportunitySchema, {
			...valid,
			kind: 'party',
			title: 'Hi',
			min_age: '19',
			max_age: '16',
			starts_on: '2027-07-01',
			ends_on: '2027-06-01',
			deadline: '2027-02-30',
			zip_codes: '1912',
			pay_amount: undefined,
			places: '0'
		});
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field).sort()).toEqual(
			['deadline', 'ends_on', 'kind', 'max_age', 'pay_amount', 'places', 'title', 'zip_codes.0'].sort()
		);
	});

	it('needs no amount for unpaid opportunities', () => {
		expect(validate(opportunitySchema, { ...valid, pay_kind: 'unpaid', pay_amount: undefined, pay_period: undefined }).ok).toBe(true);
	});
});

describe('applicationSchema', () => {
	it('asks for a name and an email the poster can answer, and reads numbers from form text', () => {
		expect(validate(applicationSchema, { name: 'Ana', email: 'ana@example.org', age: '16', grade: '11', locale: 'es' })).toMatchObject({
			ok: true,
			value: { age: 16, grade: 11, locale: 'es', statement: '' }
		});
		const outcome = validate(applicationSchema, { name: '', email: 'ana', age: 'sixteen', zip: '191' });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'email', 'age', 'zip']);
	});
});

describe('parseSearch', () => {
	it('keeps what it recognises and ignores the rest', () => {
		expect(parseSearch(new URLSearchParams('q=%20robotics%20&kind=internship&area=15&audience=youth&age=16&paid=1'))).toEqual({
			q: 'robotics',
			kind: 'internship',
			area: '15',
			audience: 'youth',
			age: 16,
			paidOnly: true
		});
		expect(parseSearch(new URLSearchParams('kind=party&area=abc&audience=aliens&age=200'))).toEqual({
			q: '',
			kind: null,
			area: null,
			audience: null,
			age: null,
			paidOnly: false
		});
	});
});

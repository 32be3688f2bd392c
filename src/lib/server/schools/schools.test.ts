import { describe, expect, it } from 'vitest';
import { assessmentSchema, defaultLevels, domainEditProblems, domainKeyFrom, growthByDomain, levelsText, parseLevels, type AssessmentScores } from './schools.js';
import { validate } from '../validation.js';

const domains = [
	{ id: 'd1', key: 'leadership', name: 'Leadership', name_es: null, levels: defaultLevels },
	{ id: 'd2', key: 'equity', name: 'Equity', name_es: null, levels: defaultLevels.slice(0, 3) }
];

describe('growthByDomain', () => {
	it.each([
		['no assessments', [], [], [null, null]],
		['one year', [{ year: 2025, levels: { leadership: 2, equity: 1 }, plans: {} }], [2025], [null, null]],
		[
			'two years, given out of order',
			[
				{ year: 2026, levels: { leadership: 3, equity: 1 }, plans: {} },
				{ year: 2025, levels: { leadership: 1, equity: 2 }, plans: {} }
			],
			[2025, 2026],
			[2, -1]
		],
		[
			'a domain missing one year compares its last two ratings',
			[
				{ year: 2024, levels: { leadership: 1 }, plans: {} },
				{ year: 2025, levels: { leadership: 2, equity: 1 }, plans: {} },
				{ year: 2026, levels: { leadership: 4 }, plans: {} }
			],
			[2024, 2025, 2026],
			[2, null]
		]
	] as [string, AssessmentScores[], number[], (number | null)[]][])('%s', (_label, assessments, years, changes) => {
		const growth = growthByDomain(domains, assessments);
		expect(growth.years).toEqual(years);
		expect(growth.domains.map((d) => d.change)).toEqual(changes);
	});
});

describe('assessmentSchema', () => {
	const schema = assessmentSchema(domains, 2026);
	it('checks each domain against its own scale and lists every problem', () => {
		const parsed = validate(schema, { year: '1999', 'level.leadership': '5', 'level.equity': '4' });
		expect(parsed.ok ? [] : parsed.issues.map((i) => i.field)).toEqual(['year', 'level.leadership', 'level.equity']);
	});
	it('accepts a full assessment', () => {
		expect(validate(schema, { year: '2026', 'level.leadership': '4', 'level.equity': '3', 'plan.equity': 'Open the robotics club to every grade.' }).ok).toBe(true);
	});
});

describe('editing the rubric', () => {
	it.each([
		['renaming a rated domain’s levels', 4, 'A\nB\nC\nD', []],
		['dropping a level of a rated domain', 1, 'A\nB\nC', ['1 self-assessment has rated this domain on its 4 levels, so it keeps 4 levels; you may rename them.']],
		['adding a level to a rated domain', 2, 'A\nB\nC\nD\nE', ['2 self-assessments have rated this domain on its 4 levels, so it keeps 4 levels; you may rename them.']],
		['changing the scale of an unrated domain', 0, 'A\nB', []]
	])('%s', (_, timesRated, text, messages) => {
		expect(domainEditProblems({ levels: defaultLevels }, timesRated, { levels: parseLevels(text) }).map((p) => p.message)).toEqual(messages);
	});

	it('reads levels one per line as English | Español, skipping blank lines, and writes them back', () => {
		const levels = parseLevels(' Beginning | Comienzo \n\nGrowing\n| only Spanish\nStrong|Sólido');
		expect(levels).toEqual([
			{ label: 'Beginning', label_es: 'Comienzo' },
			{ label: 'Growing', label_es: null },
			{ label: 'Strong', label_es: 'Sólido' }
		]);
		expect(levelsText(levels)).toBe('Beginning | Comienzo\nGrowing\nStrong | Sólido');
	});

	it.each([
		['Family engagement', 'family_engagement'],
		['Équité & accès', 'equite_and_acces'],
		['  STEM -- Partnerships!  ', 'stem_partnerships'],
		['a'.repeat(39) + ' b', 'a'.repeat(39)],
		['!!!', 'domain']
	])('keys the new domain %s as %s', (name, key) => {
		expect(domainKeyFrom(name)).toBe(key);
	});
});

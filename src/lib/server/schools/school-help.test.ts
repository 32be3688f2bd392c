import { describe, expect, it } from 'vitest';
import { helpByDomain, offeringFits, partnerFits, programFitsBands, type HelpOffering, type HelpPartner } from './school-help.js';

const curriculum = { key: 'curriculum_instruction', name: 'Curriculum and instruction' };
const partnerships = { key: 'partnerships', name: 'Partnerships' };
const equity = { key: 'equity_access', name: 'Equity and access' };
const leadership = { key: 'leadership_culture', name: 'Leadership and culture' };
const custom = { key: 'family_engagement', name: 'Family engagement' };

const offering = (over: Partial<HelpOffering>): HelpOffering => ({ id: 'o', audience: 'ost_educators', topic: 'Robotics basics', gradeBands: ['6-8'], ...over });
const partner = (over: Partial<HelpPartner>): HelpPartner => ({ id: 'p', sector: 'k12', programs: [{ formats: ['after_school'], gradeMin: 6, gradeMax: 8, costKind: 'paid' }], ...over });

describe('programFitsBands', () => {
	it.each([
		[{ gradeMin: 6, gradeMax: 8 }, ['6-8'], true],
		[{ gradeMin: 8, gradeMax: 10 }, ['6-8'], true],
		[{ gradeMin: 9, gradeMax: 12 }, ['6-8'], false],
		[{ gradeMin: 0, gradeMax: 2 }, ['3-5', '9-12'], false],
		[{ gradeMin: null, gradeMax: null }, ['prek'], true],
		[{ gradeMin: 10, gradeMax: null }, ['postsecondary'], true],
		[{ gradeMin: null, gradeMax: 5 }, ['6-8'], false]
	] as const)('program %o for bands %o → %s', (program, bands, expected) => {
		expect(programFitsBands(program, [...bands])).toBe(expected);
	});
});

describe('offeringFits', () => {
	it.each([
		['audience of the domain', curriculum, offering({ audience: 'classroom_teachers' }), true],
		['topic word, any case', curriculum, offering({ topic: 'Inquiry-based LESSONS' }), true],
		['Spanish topic with accents', curriculum, offering({ topic: 'Instrucción por indagación' }), true],
		['neither audience nor topic', curriculum, offering({}), false],
		['right topic, wrong grade band', curriculum, offering({ topic: 'Curriculum design', gradeBands: ['9-12'] }), false],
		['counsellors help equity', equity, offering({ audience: 'counsellors' }), true],
		['administrators help leadership', leadership, offering({ audience: 'administrators' }), true],
		['career topic helps partnerships', partnerships, offering({ topic: 'Career pathways with industry' }), true],
		['added domain: other forms of its words (families, engaging) do not count', custom, offering({ topic: 'Engaging families in STEM nights', audience: 'classroom_teachers' }), false],
		['added domain: exact word of its name', custom, offering({ topic: 'Family science night' }), true]
	] as const)('%s', (_label, domain, o, expected) => {
		expect(offeringFits(domain, o, ['6-8'])).toBe(expected);
	});
});

describe('partnerFits', () => {
	it.each([
		['employer sector helps partnerships', partnerships, partner({ sector: 'employer' }), true],
		['k12 sector does not', partnerships, partner({}), false],
		['employer whose programs serve other grades', partnerships, partner({ sector: 'employer', programs: [{ formats: [], gradeMin: 9, gradeMax: 12, costKind: 'paid' }] }), false],
		['employer without programs', partnerships, partner({ sector: 'employer', programs: [] }), false],
		['in-school program helps curriculum', curriculum, partner({ programs: [{ formats: ['in_school'], gradeMin: 6, gradeMax: 8, costKind: 'paid' }] }), true],
		['after-school program does not', curriculum, partner({}), false],
		['free program helps equity', equity, partner({ programs: [{ formats: [], gradeMin: null, gradeMax: null, costKind: 'free' }] }), true],
		['sliding-scale program helps equity', equity, partner({ programs: [{ formats: [], gradeMin: 6, gradeMax: 6, costKind: 'sliding_scale' }] }), true],
		['paid program does not', equity, partner({}), false],
		['added domain never matches partners', custom, partner({ sector: 'community' }), false]
	] as const)('%s', (_label, domain, p, expected) => {
		expect(partnerFits(domain, p, ['6-8'])).toBe(expected);
	});
});

describe('helpByDomain', () => {
	it('orders domains by latest level, lowest first and unrated last, with what fits each', () => {
		const offerings = [offering({ id: 'lessons', topic: 'Lesson study' }), offering({ id: 'careers', topic: 'Career days' })];
		const partners = [partner({ id: 'acme', sector: 'employer' })];
		expect(helpByDomain([leadership, curriculum, partnerships, equity], { leadership_culture: 3, curriculum_instruction: 1, partnerships: 3 }, ['6-8'], offerings, partners)).toEqual([
			{ key: 'curriculum_instruction', level: 1, offeringIds: ['lessons'], partnerIds: [] },
			{ key: 'leadership_culture', level: 3, offeringIds: [], partnerIds: [] },
			{ key: 'partnerships', level: 3, offeringIds: ['careers'], partnerIds: ['acme'] },
			{ key: 'equity_access', level: null, offeringIds: [], partnerIds: [] }
		]);
	});
});

import { describe, expect, it } from 'vitest';
import { aggregateRound, answerSchema, parseAnswers } from './health-check.js';

const answer = (a: number, b: number, c: number, d: number, e: number) => ({
	common_agenda: a,
	shared_measurement: b,
	mutually_reinforcing_activities: c,
	continuous_communication: d,
	backbone_support: e
});

describe('aggregateRound', () => {
	it.each([0, 1, 2])('shows only the count with %i answers', (n) => {
		const result = aggregateRound(Array.from({ length: n }, () => answer(1, 2, 3, 4, 5)));
		expect(result.responses).toBe(n);
		expect(result.shown).toBe(false);
		expect(result.conditions.every((c) => c.mean === null && c.distribution === null)).toBe(true);
	});

	it('gives each condition its mean rung and how many partners chose each rung, from three answers', () => {
		const result = aggregateRound([answer(1, 5, 3, 2, 4), answer(2, 5, 3, 2, 4), answer(3, 4, 3, 5, 1)]);
		expect(result.shown).toBe(true);
		expect(result.conditions.map((c) => [c.condition, c.mean, c.distribution])).toEqual([
			['common_agenda', 2, [1, 1, 1, 0, 0]],
			['shared_measurement', 14 / 3, [0, 0, 0, 1, 2]],
			['mutually_reinforcing_activities', 3, [0, 0, 3, 0, 0]],
			['continuous_communication', 3, [0, 2, 0, 0, 1]],
			['backbone_support', 3, [1, 0, 0, 2, 0]]
		]);
	});
});

describe('answerSchema', () => {
	it('names every condition left unanswered or out of range', () => {
		const parsed = answerSchema.safeParse({ common_agenda: '3', shared_measurement: '9', continuous_communication: '' });
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues.map((i) => i.path.join('.'))).toEqual(['shared_measurement', 'mutually_reinforcing_activities', 'continuous_communication', 'backbone_support']);
	});
});

describe('parseAnswers', () => {
	it.each([
		['{"common_agenda":1,"shared_measurement":2,"mutually_reinforcing_activities":3,"continuous_communication":4,"backbone_support":5}', answer(1, 2, 3, 4, 5)],
		['{"common_agenda":1}', null],
		['{"common_agenda":6,"shared_measurement":2,"mutually_reinforcing_activities":3,"continuous_communication":4,"backbone_support":5}', null],
		['not json', null]
	])('%s', (json, expected) => {
		expect(parseAnswers(json)).toEqual(expected);
	});
});

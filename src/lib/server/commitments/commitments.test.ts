import { describe, expect, it } from 'vitest';
import { validate } from '../validation.js';
import { commitmentSchema, percentOf } from './commitments.js';

describe('percentOf', () => {
	it.each([
		['no progress reported', null, 200, 0],
		['half way', 100, 200, 50],
		['rounds down, so 100 means met', 199, 200, 99],
		['met', 200, 200, 100],
		['over the target stays at 100', 260, 200, 100]
	] as const)('%s', (_label, progress, target, expected) => {
		expect(percentOf(progress, target)).toBe(expected);
	});
});

describe('commitmentSchema', () => {
	it('lists every problem at once', () => {
		const outcome = validate(commitmentSchema, { title: 'Hi', target: '0', unit: '', due_year: '1999' });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['title', 'target', 'unit', 'due_year']);
	});
});

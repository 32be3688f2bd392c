import { describe, expect, it } from 'vitest';
import {
	changeRows,
	choiceCounts,
	formatNumber,
	validateItem,
	validateResponse,
	normalizeParticipantCode,
	pairResponses,
	pairedChange,
	parseOptions,
	resultRows,
	scaleScore,
	showNetwork,
	showOwn,
	type Item
} from './instruments.js';

const likert = (id: string, position: number, scale: string | null = 'Interest'): Item => ({ id, position, type: 'likert', scale, scale_es: scale ? `${scale} (es)` : null, prompt: `Q${position}`, prompt_es: `P${position}`, options: [] });

describe('pairedChange (Cohen’s d_z = mean of post − pre / SD of post − pre)', () => {
	it.each([
		// [pairs, n, meanChange, sdChange, dz]; hand-calculated
		['no pairs', [], 0, null, null, null],
		['one pair: no spread, no effect size', [[2, 4]], 1, 2, null, null],
		['zero variance: every change is +1', [[1, 2], [3, 4], [2, 3]], 3, 1, 0, null],
		// diffs 1, 3 → mean 2, SD √((1+1)/1) = √2, d_z = 2/√2 = √2
		['two pairs', [[1, 2], [2, 5]], 2, 2, Math.SQRT2, Math.SQRT2],
		// diffs 1, 0, 2 → mean 1, SD √((0+1+1)/2) = 1, d_z = 1
		['three pairs', [[2, 3], [4, 4], [1, 3]], 3, 1, 1, 1],
		// diffs −1, −1, 0, −2 → mean −1, SD √(0+0+1+1)/3 = √(2/3), d_z = −1/0.8165 = −1.2247
		['a decline', [[5, 4], [4, 3], [3, 3], [4, 2]], 4, -1, Math.sqrt(2 / 3), -1 / Math.sqrt(2 / 3)]
	] as const)('%s', (_, pairs, n, meanChange, sd, dz) => {
		const change = pairedChange(pairs as unknown as [number, number][]);
		expect(change.n).toBe(n);
		if (meanChange === null) expect(change.meanChange).toBeNull();
		else expect(change.meanChange).toBeCloseTo(meanChange, 10);
		if (sd === null) expect(change.sdChange).toBeNull();
		else expect(change.sdChange).toBeCloseTo(sd, 10);
		if (dz === null) expect(change.dz).toBeNull();
		else expect(change.dz).toBeCloseTo(dz, 10);
	});

	it('gives the pre and post means', () => {
		expect(pairedChange([[1, 4], [3, 4]])).toMatchObject({ meanPre: 2, meanPost: 4 });
	});
});

describe('participant codes', () => {
	it.each([
		['', { ok: true, code: null }],
		['  ', { ok: true, code: null }],
		[undefined, { ok: true, code: null }],
		['ab-12 cd', { ok: true, code: 'AB12CD' }],
		['Sol7', { ok: true, code: 'SOL7' }],
		['ñandú42', { ok: true, code: 'NANDU42' }],
		['abc', { ok: false }],
		['abcdefghijklm', { ok: false }],
		['ab_12', { ok: false }],
		['name@x.org', { ok: false }]
	] as const)('%j → %j', (raw, expected) => {
		expect(normalizeParticipantCode(raw)).toEqual(expected);
	});
});

describe('pairing pre to post', () => {
	it('pairs one pre and one post per code within a run, and counts the rest as unpaired', () => {
		const { pairs, unpaired } = pairResponses([
			{ runId: 'r1', phase: 'pre', code: 'AAAA', answers: { q: 1 } },
			{ runId: 'r1', phase: 'post', code: 'AAAA', answers: { q: 3 } },
			{ runId: 'r1', phase: 'pre', code: null, answers: { q: 2 } }, // no code
			{ runId: 'r1', phase: 'post', code: 'BBBB', answers: { q: 5 } }, // post only
			{ runId: 'r2', phase: 'pre', code: 'BBBB', answers: { q: 1 } }, // same code, other run
			{ runId: 'r1', phase: 'pre', code: 'CCCC', answers: { q: 1 } }, // duplicated pre
			{ runId: 'r1', phase: 'pre', code: 'CCCC', answers: { q: 2 } },
			{ runId: 'r1', phase: 'post', code: 'CCCC', answers: { q: 4 } }
		]);
		expect(pairs).toEqual([{ pre: { q: 1 }, post: { q: 3 } }]);
		expect(unpaired).toBe(6);
	});
});

describe('scoring', () => {
	it('a scale score is the mean of the answered items of that scale', () => {
		expect(scaleScore(['a', 'b', 'c'], { a: 4, b: 2 })).toBe(3);
		expect(scaleScore(['a', 'b'], { c: 5 })).toBeNull();
	});

	it('change rows: scales first, then Likert items; a pair missing an item leaves that item out', () => {
		const items: Item[] = [likert('a', 1), likert('b', 2), likert('c', 3, null), { ...likert('d', 4, null), type: 'choice', options: [{ label: 'x', label_es: 'x' }, { label: 'y', label_es: 'y' }] }];
		const rows = changeRows(items, [
			{ pre: { a: 1, b: 3, c: 2 }, post: { a: 2, b: 4, c: 2 } },
			{ pre: { a: 2 }, post: { a: 4, b: 5 } }
		]);
		expect(rows.map((r) => [r.key, r.change.n, r.change.meanChange])).toEqual([
			// scale: pair 1 2 → 3 (+1), pair 2 2 → 4.5 (+2.5)
			['scale:Interest', 2, 1.75],
			['item:a', 2, 1.5],
			['item:b', 1, 1],
			['item:c', 1, 0]
		]);
	});
});

describe('suppression of results', () => {
	const change = (n: number) => pairedChange(Array.from({ length: n }, (_, i) => [1, 2 + (i % 2)] as [number, number]));

	it.each([
		[0, 'empty'],
		[1, 'suppressed'],
		[10, 'suppressed'],
		[11, 'shown']
	] as const)('own group of %i pairs at threshold 11 → %s', (n, state) => {
		expect(showOwn(change(n), 11).state).toBe(state);
	});

	it.each([
		// [network n, own n, state]
		[30, 12, 'shown'], // others 18
		[30, 25, 'suppressed'], // others 5 could be recovered by subtraction
		[12, 12, 'shown'], // only this partner: nothing to subtract
		[10, 0, 'suppressed'],
		[11, 0, 'shown'],
		[0, 0, 'empty']
	] as const)('network of %i with own %i → %s', (network, own, state) => {
		expect(showNetwork(change(network), change(own), 11).state).toBe(state);
	});

	it('backbone staff (no own group) see the network from the threshold', () => {
		expect(showNetwork(change(11), null, 11).state).toBe('shown');
		expect(resultRows({ items: [likert('a', 1)], ownPairs: null, networkPairs: [], threshold: 11 }).map((r) => [r.key, r.own, r.network.state])).toEqual([
			['scale:Interest', null, 'empty'],
			['item:a', null, 'empty']
		]);
	});

	it('multiple-choice counts hide small counts and the count they could be recovered from', () => {
		const item: Item = { ...likert('m', 1, null), type: 'choice', options: ['a', 'b', 'c'].map((l) => ({ label: l, label_es: l })) };
		const responses = [...Array(20).fill(1), ...Array(3).fill(2), ...Array(30).fill(3)].map((v: number) => ({ phase: 'post' as const, answers: { m: v } }));
		const counts = choiceCounts(item, responses, 'post', 11);
		expect(counts.options).toEqual([{ suppressed: true }, { suppressed: true }, { value: 30 }]);
		expect(counts.total).toEqual({ value: 53 });
		expect(choiceCounts(item, responses, 'pre', 11).total).toEqual({ value: 0 });
	});
});

describe('defining items', () => {
	it('parses options written as “English | Español”', () => {
		expect(parseOptions('Yes | Sí\nNo | No')).toEqual({ ok: true, options: [{ label: 'Yes', label_es: 'Sí' }, { label: 'No', label_es: 'No' }] });
		expect(parseOptions('Yes | Sí')).toMatchObject({ ok: false });
		expect(parseOptions('Yes | Sí\nNo')).toEqual({ ok: false, message: 'Write option 2 as “English | Español”.' });
	});

	it('lists every problem of an item at once', () => {
		const result = validateItem({ type: 'choice', prompt: 'Hi', scale: 'Interest', options: 'one' });
		expect(result.ok ? [] : result.issues.map((i) => i.field)).toEqual(['prompt', 'prompt_es', 'options', 'scale']);
		expect(validateItem({ type: 'likert', prompt: 'I like science.', prompt_es: 'Me gusta la ciencia.', scale: 'Interest' })).toMatchObject({ ok: true, value: { parsedOptions: [] } });
	});

	it('checks answers against the items and lists every problem', () => {
		const items: Item[] = [likert('a', 1), { ...likert('b', 2, null), type: 'choice', options: [{ label: 'x', label_es: 'x' }, { label: 'y', label_es: 'y' }] }];
		const bad = validateResponse(items, { participant_code: 'x', 'item.a': '6', 'item.b': '3' }, true);
		expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['phase', 'item.a', 'item.b', 'participant_code']);
		const empty = validateResponse(items, {}, false);
		expect(empty.ok ? [] : empty.issues.map((i) => i.message)).toEqual(['Answer at least one question.']);
		expect(validateResponse(items, { participant_code: 'sol-77', 'item.a': '4' }, false)).toEqual({ ok: true, value: { code: 'SOL77', phase: null, answers: { a: 4 } } });
	});
});

describe('formatNumber', () => {
	it.each([
		[null, false, '—'],
		[1.70294, false, '1.70'],
		[0.5, true, '+0.50'],
		[-0.004, true, '0.00'],
		[-1.236, true, '-1.24']
	] as const)('%s → %s', (value, signed, text) => {
		expect(formatNumber(value, signed)).toBe(text);
	});
});

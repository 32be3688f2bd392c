import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { runInRequestScope } from './http/request-scope.js';
import { formToObject, loggableField, validate } from './validation.js';

describe('formToObject', () => {
	const form = (entries: [string, string][]) => {
		const data = new FormData();
		for (const [k, v] of entries) data.append(k, v);
		return data;
	};

	it.each([
		['name', '  Ana López  ', 'Ana López'],
		['email', ' ana@example.org\n', 'ana@example.org'],
		['title', '   ', undefined],
		['password', '  spaces are part of it  ', '  spaces are part of it  '],
		['newPassword', 'trailing space ', 'trailing space '],
		['currentPassword', ' leading', ' leading'],
		['sessionPassword', 'exact\t', 'exact\t'],
		['confirm', 'trailing space ', 'trailing space '],
		['password', '', undefined]
	])('%s %j → %j', (key, value, expected) => {
		expect(formToObject(form([[key, value]]))[key]).toBe(expected);
	});
});

describe('validate logs refused input (ASVS 5.0 V16.3.3)', () => {
	const lines: string[] = [];
	afterEach(() => {
		vi.restoreAllMocks();
		lines.length = 0;
	});
	const capture = () => {
		const keep = (line: unknown) => void lines.push(String(line));
		vi.spyOn(console, 'log').mockImplementation(keep);
		vi.spyOn(console, 'warn').mockImplementation(keep);
		vi.spyOn(console, 'error').mockImplementation(keep);
	};
	const schema = z.object({
		email: z.email(),
		age: z.coerce.number().int().min(0),
		scores: z.record(z.string(), z.number())
	});

	it('writes one line naming route, action, fields and problem codes, and no submitted value', () => {
		capture();
		const input = { email: 'not-an-email-SECRETVALUE', age: '-3', scores: { 'Evil\r\nkey SECRETKEY': 'x' } };
		const outcome = runInRequestScope({ method: 'POST', route: '/e/[slug]/members', action: 'invite' }, () => validate(schema, input));
		expect(outcome.ok).toBe(false);
		expect(lines).toHaveLength(1);
		const entry = JSON.parse(lines[0]!);
		expect(entry).toMatchObject({
			level: 'info',
			event: 'input refused by validation',
			method: 'POST',
			route: '/e/[slug]/members',
			action: 'invite',
			problems: ['email:invalid_format', 'age:too_small', 'scores.*:invalid_type']
		});
		expect(lines[0]).not.toContain('SECRET');
		expect(lines[0]).not.toContain('-3');
		expect(lines[0]).not.toContain('not-an-email');
	});

	it('logs nothing when the input is accepted', () => {
		capture();
		expect(validate(schema, { email: 'ana@example.org', age: '4', scores: { a: 1 } }).ok).toBe(true);
		expect(lines).toEqual([]);
	});

	it.each([
		[[], 'form'],
		[['rows', 3, 'name'], 'rows.3.name'],
		[['values', 'metric 7; drop'], 'values.*'],
		[[Symbol('s')], '*']
	])('field path %j is logged as %s', (path, expected) => {
		expect(loggableField(path as PropertyKey[])).toBe(expected);
	});
});

describe('validate when a rule of the schema throws', () => {
	afterEach(() => vi.restoreAllMocks());
	const schema = z.object({
		title: z.string().min(3, 'Give a title of at least 3 letters.'),
		// A transform that trusts its input: it throws on text that is not JSON.
		tags: z.string().transform((text) => (JSON.parse(text) as string[]).map((tag) => tag.trim())),
		year: z.coerce.number().int()
	});

	it('names the field whose rule threw, beside the other fields’ own problems', () => {
		vi.spyOn(console, 'log').mockImplementation(() => {});
		const outcome = validate(schema, { title: 'ab', tags: 'not json', year: '2026' });
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.issues).toEqual([
			{ field: 'title', message: 'Give a title of at least 3 letters.' },
			{ field: 'tags', message: 'This answer is not in the form this page expects. Check it and send the form again.' }
		]);
	});

	it('answers plainly and logs an error when a rule spanning fields throws on answers each field accepts', () => {
		const lines: string[] = [];
		vi.spyOn(console, 'log').mockImplementation((line) => void lines.push(String(line)));
		vi.spyOn(console, 'error').mockImplementation((line) => void lines.push(String(line)));
		const spanning = z.object({ from: z.string(), to: z.string() }).superRefine(() => {
			throw new Error('bug in the rule');
		});
		const outcome = validate(spanning, { from: 'a', to: 'b' });
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.issues).toEqual([{ field: 'form', message: expect.stringMatching(/not in the form this page expects/) }]);
		expect(lines.map((line) => JSON.parse(line).level)).toEqual(['error']);
	});
});

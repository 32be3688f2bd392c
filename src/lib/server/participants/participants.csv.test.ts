import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parse } from 'csv-parse/sync';
import { CsvSyntaxError, CsvTokenizer, tokenizeCsv } from './participants.csv.js';

/** Feeds `text` in pieces cut at `cuts` (so records, quotes and CRLFs straddle chunk ends). */
function inPieces(text: string, cuts: number[]): string[][] {
	const tokenizer = new CsvTokenizer();
	const out: string[][] = [];
	let from = 0;
	for (const cut of [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b)) {
		tokenizer.push(text.slice(from, cut), false, out);
		from = cut;
	}
	tokenizer.push(text.slice(from), true, out);
	return out;
}

const reference = (text: string): string[][] => parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, relax_quotes: false });

describe('the participant CSV tokenizer', () => {
	it('reads plain rows, quoted values with commas, doubled quotes and line breaks, CRLF, a BOM and blank lines', () => {
		const text = '\uFEFFpseudonym,program\r\np-1,"Robotics, Saturday"\r\n\r\np-2,"She said ""hi"""\r\np-3,"two\r\nlines"\r\np-4,';
		expect(tokenizeCsv(text)).toEqual([
			['pseudonym', 'program'],
			['p-1', 'Robotics, Saturday'],
			['p-2', 'She said "hi"'],
			['p-3', 'two\r\nlines'],
			['p-4', '']
		]);
		expect(tokenizeCsv('a,b\rc,d\r')).toEqual([['a', 'b'], ['c', 'd']]);
		expect(tokenizeCsv('')).toEqual([]);
	});

	it('names what is wrong with a broken file', () => {
		expect(() => tokenizeCsv('a,b\np-1,ro"bot\n')).toThrow(CsvSyntaxError);
		expect(() => tokenizeCsv('a,b\np-1,"robot"x\n')).toThrow(/followed by “x”/);
		expect(() => tokenizeCsv('a,b\np-1,"robot\n')).toThrow(/never closed/);
		const tokenizer = new CsvTokenizer(100);
		expect(() => tokenizer.push(`a\n"${'x'.repeat(200)}`, false, [])).toThrow(/more than 100 characters/);
		expect(() => new CsvTokenizer(100).push("x".repeat(200), false, [])).toThrow(/first line/);
	});

	it('gives the same records as csv-parse for any file, however it is cut into chunks', () => {
		const cell = fc.oneof(
			fc.stringMatching(/^[a-z0-9 -]{0,12}$/),
			fc.string({ unit: fc.constantFrom('a', ',', '"', '\n', '\r\n', ' ', 'é'), maxLength: 8 })
		);
		const quoteIfNeeded = (value: string, force: boolean) => (force || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
		fc.assert(
			fc.property(
				fc.array(fc.array(fc.tuple(cell, fc.boolean()), { minLength: 1, maxLength: 5 }), { minLength: 0, maxLength: 8 }),
				fc.constantFrom('\n', '\r\n', '\r'),
				fc.boolean(),
				fc.array(fc.nat(400), { maxLength: 6 }),
				(rows, eol, trailing, cuts) => {
					const lines = rows.map((row) => row.map(([value, force]) => quoteIfNeeded(value, force)).join(','));
					// A CR-only file cannot hold a CRLF or CR inside an unquoted-looking value unambiguously for either reader.
					const text = lines.join(eol) + (trailing ? eol : '');
					expect(inPieces(text, cuts)).toEqual(reference(text));
				}
			),
			{ numRuns: 500 }
		);
	});
});

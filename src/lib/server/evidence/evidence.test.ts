import { describe, expect, it } from 'vitest';
import { checkUpload, detectFileType, fts5Query, resourceSchema, safeFileName, searchTerms, tsQuery } from './evidence.js';
import { validate } from '../validation.js';

const bytes = (...values: number[]) => new Uint8Array(values);
const text = (s: string) => new TextEncoder().encode(s);

describe('detectFileType reads the content, not the name', () => {
	it.each([
		['guide.pdf', text('%PDF-1.7 ...'), 'application/pdf'],
		['renamed.txt', text('%PDF-1.4'), 'application/pdf'],
		['chart.png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
		['photo.jpg', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
		['lesson.docx', bytes(0x50, 0x4b, 0x03, 0x04, 1), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
		['archive.zip', bytes(0x50, 0x4b, 0x03, 0x04, 1), null],
		['notes.txt', text('Plain notes, ñ and é.'), 'text/plain'],
		['data.csv', text('a,b\n1,2\n'), 'text/csv'],
		['binary.txt', bytes(0x41, 0, 0x42), null],
		['invalid-utf8.txt', bytes(0xc3, 0x28), null],
		['page.html', text('<script>alert(1)</script>'), null],
		['tool.exe', bytes(0x4d, 0x5a, 0x90), null]
	])('%s', (name, content, expected) => {
		expect(detectFileType({ name, bytes: content })).toBe(expected);
	});
});

describe('checkUpload', () => {
	it('refuses empty, oversized and unknown files with a reason', () => {
		expect(checkUpload({ name: 'a.pdf', bytes: new Uint8Array(0) })).toEqual({ issue: 'The file is empty.' });
		const big = new Uint8Array(5 * 1024 * 1024 + 1);
		big.set(text('%PDF-'));
		expect(checkUpload({ name: 'big.pdf', bytes: big })).toEqual({ issue: 'The file is larger than 5 MB. Link to it instead.' });
		expect(checkUpload({ name: 'x.exe', bytes: bytes(0x4d, 0x5a) })).toMatchObject({ issue: expect.stringMatching(/^Upload a PDF/) });
		expect(checkUpload({ name: 'ok.pdf', bytes: text('%PDF-1.7') })).toEqual({ contentType: 'application/pdf' });
	});

	it.each([
		['Guía de robótica.pdf', 'Guia-de-robotica.pdf'],
		['../../etc/passwd', 'etc-passwd'],
		['"quoted";name.pdf', 'quoted-name.pdf'],
		['...', 'file']
	])('makes %j a safe download name: %j', (name, safe) => {
		expect(safeFileName(name)).toBe(safe);
	});
});

describe('search terms', () => {
	it.each([
		['Robotics  girls', ['robotics', 'girls']],
		['ciencias de la tierra', ['ciencias', 'de', 'la', 'tierra']],
		['"drop table"; -- OR 1=1*', ['drop', 'table', 'or', '1']],
		['', []],
		['a a a', ['a']],
		['1 2 3 4 5 6 7 8 9 10', ['1', '2', '3', '4', '5', '6', '7', '8']]
	])('%j → %j', (query, terms) => {
		expect(searchTerms(query)).toEqual(terms);
	});

	it('writes prefix queries for each engine', () => {
		expect(fts5Query(['robot', 'girls'])).toBe('"robot"* AND "girls"*');
		expect(tsQuery(['robot', 'girls'])).toBe('robot:* & girls:*');
	});
});

describe('resourceSchema', () => {
	const valid = { title: 'Engineering design journals', summary: 'How student journals make design thinking visible.', kind: 'guide' };
	it('normalises tags and reads the tier', () => {
		const parsed = validate(resourceSchema, { ...valid, tags: 'Design, journals, design ,', essa_tier: '2', citation: 'Doe, J. (2020). A quasi-experimental study.' });
		expect(parsed.ok && [parsed.value.tags, parsed.value.essa_tier]).toEqual([['design', 'journals'], 2]);
	});
	it('needs a citation behind a tier and lists every problem', () => {
		const parsed = validate(resourceSchema, { title: 'X', kind: 'poster', essa_tier: '5', url: 'ftp://x' });
		expect(parsed.ok ? [] : parsed.issues.map((i) => i.field)).toEqual(['title', 'summary', 'kind', 'essa_tier', 'url']);
		const noCitation = validate(resourceSchema, { ...valid, essa_tier: '1' });
		expect(noCitation.ok ? [] : noCitation.issues.map((i) => i.field)).toEqual(['citation']);
	});
});

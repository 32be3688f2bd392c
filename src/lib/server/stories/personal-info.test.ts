import { describe, expect, it } from 'vitest';
import { findPersonalInfo, redact, REDACTED } from './personal-info.js';

describe('findPersonalInfo', () => {
	it.each([
		['Text me at 215-555-0134 after school.', 'phone', '215-555-0134'],
		['Call (267) 555 0199 please', 'phone', '(267) 555 0199'],
		['My number is +1 215.555.0100', 'phone', '+1 215.555.0100'],
		['Email maria.r@example.org for more', 'email', 'maria.r@example.org'],
		['I live at 1234 N Broad St. near the park', 'address', '1234 N Broad St'],
		['Vivo en 45 Calle Luna Avenida cerca', 'address', '45 Calle Luna Avenida'],
		['Follow me @maria_codes on everything', 'handle', '@maria_codes'],
		['I go to Central High School and love it', 'school', 'Central High School'],
		['Estudio en Escuela Kensington desde 2020', 'school', 'Escuela Kensington'],
		['My teacher is Ms Angela Rivera and she helps', 'full_name', 'Ms Angela Rivera'],
		['See https://example.org/me now', 'url', 'https://example.org/me']
	] as const)('finds %j → %s', (text, kind, value) => {
		expect(findPersonalInfo(text)).toContainEqual(expect.objectContaining({ kind, text: value }));
	});

	it.each([
		'I want to be a biomedical engineer because my grandmother was sick.',
		'Robotics club taught me to never give up. In 2024 we won 3 matches.',
		'Quiero ser ingeniera biomédica.'
	])('leaves plain stories alone: %j', (text) => {
		expect(findPersonalInfo(text)).toEqual([]);
	});

	it('merges overlapping matches (an email is not also a handle)', () => {
		expect(findPersonalInfo('write to ana@school.org').map((f) => f.kind)).toEqual(['email']);
	});
});

describe('redact', () => {
	const text = 'Call 215-555-0134 or write ana@example.org, thanks.';
	it('removes only the chosen findings', () => {
		expect(redact(text, [0])).toBe(`Call ${REDACTED} or write ana@example.org, thanks.`);
	});
	it('removes every finding at once', () => {
		expect(redact(text, 'all')).toBe(`Call ${REDACTED} or write ${REDACTED}, thanks.`);
	});
	it('changes nothing for an index that does not exist', () => {
		expect(redact(text, [7])).toBe(text);
	});
});

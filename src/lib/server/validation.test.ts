import { describe, expect, it } from 'vitest';
import { formToObject } from './validation.js';

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

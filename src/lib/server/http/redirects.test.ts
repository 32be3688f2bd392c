import { describe, expect, it } from 'vitest';
import { safeNextPath } from './redirects.js';

describe('safeNextPath', () => {
	it.each([
		['/e/philadelphia', '/e/philadelphia'],
		['/account?tab=2fa', '/account?tab=2fa'],
		['/e/philadelphia/partners#list', '/e/philadelphia/partners#list']
	])('keeps the same-site path %s', (next, expected) => {
		expect(safeNextPath(next)).toBe(expected);
	});

	it.each([
		['https://evil.example', 'absolute URL'],
		['//evil.example', 'protocol-relative URL'],
		['/\\evil.example', 'backslash trick'],
		['\\\\evil.example', 'double backslash'],
		['javascript:alert(1)', 'javascript: URL'],
		['evil.example/path', 'relative path'],
		['/ok\r\nSet-Cookie: x=1', 'header injection'],
		['/ok\nLocation: //evil.example', 'newline'],
		['', 'empty'],
		[null, 'null'],
		[undefined, 'undefined']
	] as const)('falls back for %s (%s)', (next, _why) => {
		expect(safeNextPath(next)).toBe('/');
		expect(safeNextPath(next, '/account')).toBe('/account');
	});
});

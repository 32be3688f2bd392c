import { describe, expect, it } from 'vitest';
import { isCrossOriginWrite } from './cross-origin.js';

const url = new URL('https://parity.example.org/e/philadelphia/partners');

function request(method: string, headers: Record<string, string>) {
	return new Request(url, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : 'x=1' });
}

describe('isCrossOriginWrite', () => {
	it.each<{ name: string; method: string; headers: Record<string, string>; expected: boolean }>([
		{ name: 'a same-origin form POST', method: 'POST', headers: { origin: 'https://parity.example.org' }, expected: false },
		{ name: 'a POST from another site', method: 'POST', headers: { origin: 'https://evil.example' }, expected: true },
		{ name: 'a POST from the same host over plain http', method: 'POST', headers: { origin: 'http://parity.example.org' }, expected: true },
		{ name: 'a POST from a sibling subdomain', method: 'POST', headers: { origin: 'https://evil.parity.example.org' }, expected: true },
		{ name: 'a POST with Origin “null” (sandboxed frame)', method: 'POST', headers: { origin: 'null' }, expected: true },
		{ name: 'a JSON DELETE from another site', method: 'DELETE', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, expected: true },
		{ name: 'a PUT without Origin marked cross-site', method: 'PUT', headers: { 'sec-fetch-site': 'cross-site' }, expected: true },
		{ name: 'a POST without Origin marked same-site', method: 'POST', headers: { 'sec-fetch-site': 'same-site' }, expected: true },
		{ name: 'a POST without Origin marked same-origin', method: 'POST', headers: { 'sec-fetch-site': 'same-origin' }, expected: false },
		{ name: 'a POST with neither header (curl, API client)', method: 'POST', headers: {}, expected: false },
		{ name: 'a GET from another site', method: 'GET', headers: { origin: 'https://evil.example' }, expected: false },
		{ name: 'a HEAD marked cross-site', method: 'HEAD', headers: { 'sec-fetch-site': 'cross-site' }, expected: false }
	])('$name → $expected', ({ method, headers, expected }) => {
		expect(isCrossOriginWrite(request(method, headers), url)).toBe(expected);
	});
});

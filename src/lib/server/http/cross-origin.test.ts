import { describe, expect, it } from 'vitest';
import { crossSiteReason, isCrossOriginWrite } from './cross-origin.js';

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
		{ name: 'a JSON POST without Origin marked same-origin', method: 'POST', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/json' }, expected: false },
		{ name: 'a form POST without Origin, even marked same-origin (SvelteKit’s own rule)', method: 'POST', headers: { 'sec-fetch-site': 'same-origin', 'content-type': 'application/x-www-form-urlencoded' }, expected: true },
		{ name: 'a JSON POST with neither header (curl, API client)', method: 'POST', headers: { 'content-type': 'application/json' }, expected: false },
		{ name: 'a multipart POST with neither header', method: 'POST', headers: { 'content-type': 'multipart/form-data; boundary=x' }, expected: true },
		{ name: 'a GET from another site', method: 'GET', headers: { origin: 'https://evil.example' }, expected: false },
		{ name: 'a HEAD marked cross-site', method: 'HEAD', headers: { 'sec-fetch-site': 'cross-site' }, expected: false }
	])('$name → $expected', ({ method, headers, expected }) => {
		expect(isCrossOriginWrite(request(method, headers), url)).toBe(expected);
	});
});

describe('crossSiteReason', () => {
	it.each([
		[{ origin: 'https://evil.example' }, 'origin'],
		[{ 'sec-fetch-site': 'cross-site', 'content-type': 'application/json' }, 'sec-fetch-site'],
		[{ 'content-type': 'text/plain;charset=UTF-8' }, 'form-without-origin'],
		[{ origin: 'https://parity.example.org' }, null]
	])('%o → %s', (headers, reason) => {
		expect(crossSiteReason(request('POST', headers as Record<string, string>), url)).toBe(reason);
	});
});

import { describe, expect, it } from 'vitest';
import { addressKey, checkSubmission, formStamp } from './submission-guard.js';

const secret = 's'.repeat(40);
const t0 = Date.parse('2026-12-01T12:00:00Z');

describe('checkSubmission', () => {
	const stamp = formStamp(secret, t0);
	it.each([
		{ label: 'a person who took 20 seconds', stamp, honeypot: undefined, now: t0 + 20_000, expected: 'ok' },
		{ label: 'a filled honeypot', stamp, honeypot: 'http://spam.example', now: t0 + 20_000, expected: 'bot' },
		{ label: 'faster than a person types', stamp, honeypot: undefined, now: t0 + 1_000, expected: 'too_fast' },
		{ label: 'a form left open for two days', stamp, honeypot: undefined, now: t0 + 48 * 3600_000, expected: 'stale' },
		{ label: 'no stamp', stamp: undefined, honeypot: undefined, now: t0, expected: 'bot' },
		{ label: 'a forged stamp', stamp: `${t0 - 60_000}.${stamp.split('.')[1]}`, honeypot: undefined, now: t0 + 20_000, expected: 'bot' },
		{ label: 'a stamp signed with another secret', stamp: formStamp('x'.repeat(40), t0), honeypot: undefined, now: t0 + 20_000, expected: 'bot' }
	])('$label → $expected', (c) => {
		expect(checkSubmission({ stamp: c.stamp, honeypot: c.honeypot, secret, now: c.now })).toBe(c.expected);
	});
});

describe('addressKey', () => {
	it('does not keep the address itself, and tells addresses apart', () => {
		expect(addressKey(secret, '192.0.2.1')).not.toContain('192.0.2.1');
		expect(addressKey(secret, '192.0.2.1')).not.toBe(addressKey(secret, '192.0.2.2'));
	});
});

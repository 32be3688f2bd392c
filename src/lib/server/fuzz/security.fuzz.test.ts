import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { describeUserAgent, maskAddress } from '../auth/account-sessions.js';
import { contextWordIn, contextWords, foldForPasswordCheck } from '../auth/passwords.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, fuzzParams } from './fuzz.js';

/**
 * The account-security helpers that read outside input: a browser's user agent and address
 * (shown on the session list) and a typed password (checked for context words).
 */

const BROWSERS = new Set(['Edge', 'Opera', 'Samsung Internet', 'Firefox', 'Chrome', 'Safari', 'curl']);
const SYSTEMS = new Set(['Android', 'iOS', 'ChromeOS', 'Windows', 'macOS', 'Linux', null]);

vi.setConfig({ testTimeout: FUZZ_TIMEOUT_MS });
describe(`fuzzing the session list and the context-word check (${FUZZ_RUNS} cases each)`, () => {
	it('any user agent reads as a known browser and system, or as unknown; never a throw', () => {
		fc.assert(
			fc.property(fc.oneof(fc.string({ maxLength: 400 }), fc.string({ unit: 'grapheme', maxLength: 200 })), (agent) => {
				const device = describeUserAgent(agent);
				if (device) {
					expect(BROWSERS.has(device.browser)).toBe(true);
					expect(SYSTEMS.has(device.system)).toBe(true);
				}
			}),
			fuzzParams()
		);
	});

	it('an address is shown with its last part hidden, or not at all; never the whole address', () => {
		fc.assert(
			fc.property(fc.oneof(fc.ipV4(), fc.ipV6(), fc.ipV4Extended(), fc.string({ maxLength: 60 })), (address) => {
				const shown = maskAddress(address);
				if (shown === null) return;
				expect(shown).not.toBe(address);
				expect(shown.endsWith('.x') || shown.endsWith(':…')).toBe(true);
				if (isIP(address) === 4) expect(address.startsWith(shown.slice(0, -1))).toBe(true);
			}),
			fuzzParams()
		);
	});

	it('the product name anywhere in a password is found, however the rest reads', () => {
		const words = contextWords({});
		fc.assert(
			fc.property(fc.string({ maxLength: 80 }), fc.constantFrom('parity', 'Parity', 'PARITY', 'p@r1ty', 'PÁRITY', 'pa rity'), fc.string({ maxLength: 80 }), (before, product, after) => {
				expect(contextWordIn(`${before}${product}${after}`, words)).toBe('parity');
			}),
			fuzzParams()
		);
	});

	it('a person’s own words are found in any password that holds them, and nothing is found that is not there', () => {
		fc.assert(
			fc.property(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 40 }), fc.string({ maxLength: 60 }), (name, email, password) => {
				const words = contextWords({ name, email: `${email}@example.org` });
				const found = contextWordIn(password, words);
				if (found !== null) expect(words).toContain(found);
				const whole = foldForPasswordCheck(name);
				if (whole.length >= 4) expect(contextWordIn(`x ${name} y`, words)).not.toBeNull();
			}),
			fuzzParams()
		);
	});
});

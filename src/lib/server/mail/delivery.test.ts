import { describe, expect, it } from 'vitest';
import { afterFailure, backoffMs, describeFailure, MAX_ATTEMPTS, smtpCode } from './delivery.js';

const now = Date.parse('2027-01-01T00:00:00.000Z');
const smtpError = (responseCode: number, response: string) => Object.assign(new Error(`Can't send mail - all recipients were rejected: ${response}`), { responseCode, response });
const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' });

describe('what a failed delivery attempt means', () => {
	it.each([
		['a 550 rejection bounces at once', smtpError(550, '550 5.1.1 No such mailbox'), 1, { status: 'bounced' }],
		['a 554 rejection bounces even on the last attempt', smtpError(554, '554 Transaction failed'), MAX_ATTEMPTS, { status: 'bounced' }],
		['a 451 is retried a minute later', smtpError(451, '451 Try again later'), 1, { status: 'queued', nextAttemptAt: '2027-01-01T00:01:00.000Z' }],
		['a refused connection is retried, waiting 2 minutes after the 2nd attempt', refused, 2, { status: 'queued', nextAttemptAt: '2027-01-01T00:02:00.000Z' }],
		['the 4th transient failure waits 8 minutes', refused, 4, { status: 'queued', nextAttemptAt: '2027-01-01T00:08:00.000Z' }],
		['the last attempt gives up as failed', smtpError(421, '421 Service not available'), MAX_ATTEMPTS, { status: 'failed' }],
		['a thrown string is transient', 'boom', 1, { status: 'queued', nextAttemptAt: '2027-01-01T00:01:00.000Z' }]
	])('%s', (_name, error, attempts, expected) => {
		expect(afterFailure(error, attempts, now)).toEqual(expected);
	});

	it('doubles the wait and caps it at six hours', () => {
		expect([1, 2, 3, 4, 5].map(backoffMs)).toEqual([60_000, 120_000, 240_000, 480_000, 960_000]);
		expect(backoffMs(30)).toBe(6 * 3600_000);
	});

	it('reads the SMTP code only from a real reply', () => {
		expect(smtpCode(smtpError(550, 'x'))).toBe(550);
		expect(smtpCode(refused)).toBeNull();
		expect(smtpCode({ responseCode: 'x' })).toBeNull();
		expect(smtpCode(null)).toBeNull();
	});

	it('keeps the server’s reply as the error', () => {
		expect(describeFailure(smtpError(550, '550 5.1.1 No such mailbox'))).toBe('550 5.1.1 No such mailbox');
		expect(describeFailure(refused)).toBe('connect ECONNREFUSED 127.0.0.1:2525');
	});
});

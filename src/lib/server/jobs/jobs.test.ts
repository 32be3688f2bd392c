import { describe, expect, it } from 'vitest';
import { afterFailure, cronFor, errorLine, queueName, retryDelaySeconds, slotKey } from './jobs.js';

const policy = { retryLimit: 3, retryDelaySeconds: 30, retryDelayMaxSeconds: 100 };
const now = new Date('2026-12-02T00:00:00.000Z');

describe('queueName', () => {
	it.each([
		['mail retries', 'mail-retries'],
		['due-date reminders', 'due-date-reminders'],
		['  Story Purge ', 'story-purge'],
		['imports/participants', 'imports/participants'],
		['closing expired opportunities!', 'closing-expired-opportunities'],
	])('%s → %s', (label, name) => expect(queueName(label)).toBe(name));

	it('refuses a label with nothing to keep', () => expect(() => queueName('!!!')).toThrow(/no letters or digits/));
});

describe('retry back-off', () => {
	it.each([
		[0, 30],
		[1, 60],
		[2, 100],
		[20, 100],
		[-1, 30],
	])('retry %i waits %i s', (retryCount, seconds) => expect(retryDelaySeconds(policy, retryCount)).toBe(seconds));

	it('retries until the limit, then fails', () => {
		expect(afterFailure(policy, 0, now)).toEqual({ state: 'retry', retryCount: 1, startAfter: new Date('2026-12-02T00:00:30.000Z') });
		expect(afterFailure(policy, 2, now)).toEqual({ state: 'retry', retryCount: 3, startAfter: new Date('2026-12-02T00:01:40.000Z') });
		expect(afterFailure(policy, 3, now)).toEqual({ state: 'failed', retryCount: 3 });
	});

	it('a limit of 0 never retries', () => expect(afterFailure({ ...policy, retryLimit: 0 }, 0, now).state).toBe('failed'));
});

describe('cronFor', () => {
	it.each([
		[60_000, '* * * * *'],
		[5 * 60_000, '*/5 * * * *'],
		[60 * 60_000, '0 * * * *'],
		[6 * 60 * 60_000, '0 */6 * * *'],
	])('%i ms → %s', (ms, cron) => expect(cronFor(ms)).toBe(cron));

	it.each([
		[30_000, /whole minutes/],
		[7 * 60_000, /does not divide an hour/],
		[90 * 60_000, /whole hours/],
		[5 * 60 * 60_000, /whole hours dividing a day/],
	])('%i ms is refused', (ms, message) => expect(() => cronFor(ms)).toThrow(message));
});

describe('slotKey', () => {
	it('is the same within a period and changes at its end', () => {
		const a = slotKey(60_000, new Date('2026-12-02T00:00:01Z'));
		expect(slotKey(60_000, new Date('2026-12-02T00:00:59Z'))).toBe(a);
		expect(slotKey(60_000, new Date('2026-12-02T00:01:00Z'))).not.toBe(a);
	});
});

describe('errorLine', () => {
	it('keeps one line, so an error cannot forge log or page lines', () => {
		expect(errorLine(new Error('SMTP down\r\nINFO: fake line'))).toBe('SMTP down INFO: fake line');
		expect(errorLine('x'.repeat(900))).toHaveLength(500);
	});
});

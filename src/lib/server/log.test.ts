import { describe, expect, it } from 'vitest';
import { logLine } from './log.js';

const now = new Date('2026-12-02T01:00:00.000Z');

describe('logLine', () => {
	it('is one line whatever the values hold, so no line can be forged', () => {
		const line = logLine('error', 'request failed', { path: '/e/x\r\n{"level":"info","event":"forged"}', error: new Error('bad\nvalue') }, now);
		expect(line.split('\n')).toHaveLength(1);
		expect(JSON.parse(line)).toMatchObject({ time: '2026-12-02T01:00:00.000Z', level: 'error', event: 'request failed', path: '/e/x\r\n{"level":"info","event":"forged"}' });
	});

	it.each([
		[{ password: 'hunter2-hunter2' }, 'hunter2'],
		[{ headers: { authorization: 'Bearer pty_abcdefghijklmnop', cookie: 'parity.session_token=abc.def' } }, 'pty_abcdefghijklmnop'],
		[{ url: '/invite/accept?token=0123456789abcdef' }, '0123456789abcdef'],
		[{ note: 'sent with Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig' }, 'eyJhbGciOiJIUzI1NiJ9'],
		[{ error: new Error('token=supersecretvalue rejected') }, 'supersecretvalue'],
		[{ apiKey: 'k-123456789' }, 'k-123456789'],
		[{ path: '/invite/Zk3v9QeLr0aB1cD2eF3gH4' }, 'Zk3v9QeLr0aB1cD2eF3gH4'],
		[{ path: '/e/philadelphia/stories/withdraw/wd-7f3a9c2e1b' }, 'wd-7f3a9c2e1b'],
		[{ path: '/e/philadelphia/stories/consent/pc_55aa77bb99' }, 'pc_55aa77bb99'],
		[{ path: '/survey/sv.0123456789' }, 'sv.0123456789'],
		[{ path: '/unsubscribe/un-abcdefabcdef' }, 'un-abcdefabcdef'],
		[{ path: '/e/philadelphia/events/registration/rg-1234abcd' }, 'rg-1234abcd'],
	])('masks secrets in %j', (fields, secret) => {
		const line = logLine('warn', 'x', fields as Record<string, unknown>, now);
		expect(line).not.toContain(secret);
		expect(line).toContain('[redacted]');
	});

	it('keeps a typed CR/LF escaped in the event name and in nested values too', () => {
		const typed = 'Ana\r\n{"time":"2026-12-02T00:00:00.000Z","level":"info","event":"admin signed in"}';
		const line = logLine('warn', `sign-in refused for ${typed}`, { attempt: { email: typed, list: [typed] } }, now);
		expect(line.split(/\r|\n/)).toHaveLength(1);
		const parsed = JSON.parse(line) as { event: string; attempt: { email: string; list: string[] } };
		expect(parsed.event).toBe(`sign-in refused for ${typed}`);
		expect(parsed.attempt.list[0]).toBe(typed);
	});

	it('keeps what is not secret', () => {
		expect(JSON.parse(logLine('info', 'seeded', { ecosystems: 2, accounts: 17 }, now))).toMatchObject({ ecosystems: 2, accounts: 17 });
	});
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import { isHttpError } from '@sveltejs/kit';
import { DomainError } from '../errors.js';
import { actorWith } from '../testing/factories.js';
import { guard } from './route-helpers.js';
import { logAuthentication } from './auth-proxy.js';
import { crossSiteReason, logCrossSiteRefusal } from './cross-origin.js';

/** What the server wrote to the console while `run` ran, one parsed JSON object per line. */
async function logged(run: () => unknown): Promise<{ raw: string; lines: Record<string, unknown>[] }> {
	const out: string[] = [];
	const capture = (...args: unknown[]) => void out.push(args.map(String).join(' '));
	const spies = [vi.spyOn(console, 'log').mockImplementation(capture), vi.spyOn(console, 'warn').mockImplementation(capture), vi.spyOn(console, 'error').mockImplementation(capture)];
	try {
		await run();
	} catch {
		// the refusal itself is checked by the caller
	}
	for (const spy of spies) spy.mockRestore();
	const raw = out.join('\n');
	// Parity's lines are JSON objects; Kit's own development notices (plain text) are not ours.
	const ours = out.flatMap((line) => line.split('\n')).filter((line) => line.startsWith('{'));
	return { raw, lines: ours.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

afterEach(() => vi.restoreAllMocks());

describe('security events in the log (ASVS 5.0 V16.3)', () => {
	it('a refused access is one line naming the path, the user and the reason', async () => {
		const actor = actorWith([], { userId: 'user-42' });
		const event = { url: new URL('http://localhost/e/philadelphia/admin/members'), locals: { actor } };
		let status = 0;
		const { lines } = await logged(() =>
			guard(event, async () => {
				throw new DomainError('FORBIDDEN', 'Only backbone admins can manage members.');
			}).catch((caught: unknown) => {
				if (isHttpError(caught)) status = caught.status;
				throw caught;
			})
		);
		expect(status).toBe(403);
		expect(lines).toEqual([expect.objectContaining({ level: 'warn', event: 'access refused', path: '/e/philadelphia/admin/members', userId: 'user-42', reason: 'Only backbone admins can manage members.' })]);
	});

	it('a page that is not found is not a security event', async () => {
		const event = { url: new URL('http://localhost/e/nowhere'), locals: { actor: actorWith([]) } };
		const { lines } = await logged(() => guard(event, async () => Promise.reject(new DomainError('NOT_FOUND', 'No such ecosystem.'))));
		expect(lines).toEqual([]);
	});

	it('sign-in failures and successes are logged without the password, email or session token', async () => {
		const { raw, lines } = await logged(() => {
			logAuthentication('/sign-in/email', { status: 401, ok: false, code: 'INVALID_EMAIL_OR_PASSWORD', body: { message: 'Invalid email or password' } }, '198.18.0.7');
			logAuthentication('/sign-in/email', { status: 200, ok: true, code: null, body: { token: 'sess_abcdefghijklmnop', user: { id: 'user-7', email: 'ana@example.org' } } }, '198.18.0.7');
			logAuthentication('/get-session', { status: 200, ok: true, code: null, body: null }, '198.18.0.7');
		});
		expect(lines).toEqual([
			expect.objectContaining({ level: 'warn', event: 'authentication failed', operation: '/sign-in/email', status: 401, reason: 'INVALID_EMAIL_OR_PASSWORD', client: '198.18.0.7' }),
			expect.objectContaining({ level: 'info', event: 'authentication succeeded', operation: '/sign-in/email', userId: 'user-7' })
		]);
		expect(raw).not.toContain('sess_abcdefghijklmnop');
		expect(raw).not.toContain('ana@example.org');
	});

	it('a path typed with CR/LF cannot forge a second line', async () => {
		const event = { url: new URL('http://localhost/e/x%0D%0A%7B%22event%22:%22admin%20signed%20in%22%7D'), locals: { actor: actorWith([]) } };
		const { lines } = await logged(() => guard(event, async () => Promise.reject(new DomainError('FORBIDDEN', 'no\r\n{"event":"forged"}'))));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ event: 'access refused', reason: 'no\r\n{"event":"forged"}' });
	});

	it('a refused cross-site write is one line with method, path, claimed origin and reason; no cookie, token or body; CR/LF stays escaped', async () => {
		const url = new URL('http://localhost/invite/abcdefghijklmnopqrstuvwxyz012345%0D%0A%7B%22event%22:%22forged%22%7D');
		const request = new Request(url, {
			method: 'POST',
			headers: {
				origin: 'https://evil.example',
				cookie: 'parity.session_token=sess_secretsecretsecret.sig',
				authorization: 'Bearer pty_abcdefghijklmnop',
				'content-type': 'application/x-www-form-urlencoded'
			},
			body: 'password=hunter2hunter2&token=zzzzzzzzzzzz'
		});
		const reason = crossSiteReason(request, url);
		expect(reason).toBe('origin');
		const { raw, lines } = await logged(() => logCrossSiteRefusal(request, url, reason!, '198.18.0.9'));
		expect(lines).toEqual([
			expect.objectContaining({ level: 'warn', event: 'cross-site write refused', method: 'POST', reason: 'origin', claimedOrigin: 'https://evil.example', fetchSite: null, client: '198.18.0.9' })
		]);
		expect(lines[0]!.path).toBe('/invite/[redacted]');
		for (const secret of ['sess_secretsecretsecret', 'pty_abcdefghijklmnop', 'hunter2hunter2', 'zzzzzzzzzzzz', 'abcdefghijklmnopqrstuvwxyz012345']) expect(raw).not.toContain(secret);
		expect(raw.split('\n')).toHaveLength(1);
	});

	it('a claimed origin carrying CR/LF cannot forge a second line', async () => {
		// Headers cannot hold CR/LF on the wire; a crafted Request object from a proxy layer still must not break the line.
		const request = { method: 'POST', headers: new Headers({ 'sec-fetch-site': 'cross-site' }) } as unknown as Request;
		const { lines } = await logged(() => logCrossSiteRefusal(request, new URL('http://localhost/e/x%0D%0A{"event":"forged"}'), 'sec-fetch-site', '198.18.0.10\r\n{"event":"forged"}'));
		expect(lines).toHaveLength(1);
		expect(lines[0]).toMatchObject({ event: 'cross-site write refused', reason: 'sec-fetch-site', fetchSite: 'cross-site', client: '198.18.0.10\r\n{"event":"forged"}' });
	});
});

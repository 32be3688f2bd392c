import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AppContext } from '../context.js';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem } from '../testing/factories.js';
import { startSmtp, type Received, type RecipientRule, type SmtpServer } from '../testing/smtp.js';
import { MAX_ATTEMPTS } from './delivery.js';

/**
 * The outbox sender against a real SMTP server in this process: stopped mid-batch, refusing
 * recipients for good (5xx) or for now (4xx).
 */
describeEachDatabase('delivery you can trust', (get) => {
	let ctx: AppContext;
	let port: number;
	let smtp: SmtpServer | undefined;
	const received: Received[] = [];
	let onMessage: (message: Received) => void = () => {};
	let rule: RecipientRule = () => null;
	const start = async (at = 0) => {
		smtp = await startSmtp(
			(message) => {
				received.push(message);
				onMessage(message);
			},
			at,
			{ rejectRecipient: (address) => rule(address) }
		);
		return smtp.port;
	};

	beforeAll(async () => {
		port = await start();
		ctx = await get().openContext({ smtpUrl: `smtp://127.0.0.1:${port}` });
	});
	afterAll(async () => {
		await smtp?.stop();
	});

	const queue = async (ecosystemId: string, tag: string, count: number) =>
		ctx.db.kysely.transaction().execute(async (trx) => {
			const ids: string[] = [];
			for (let i = 0; i < count; i++) {
				ids.push(await ctx.mailer.queue(trx, { ecosystemId, to: `${tag}-${i}@example.org`, subject: `${tag} ${i}`, text: `Message ${i}`, kind: 'test' }));
			}
			return ids;
		});
	/** The rows in the order of `ids` (messages queued in one transaction share their created_at). */
	const rows = async (ids: string[]) => {
		const found = await ctx.db.kysely.selectFrom('outbox').select(['id', 'status', 'attempts', 'last_error', 'next_attempt_at']).where('id', 'in', ids).execute();
		return ids.map((id) => found.find((r) => r.id === id)!);
	};
	const minutesLater = (minutes: number) => new Date(Date.now() + minutes * 60_000 + 1000);

	it('delivers every message of a batch exactly once when the SMTP server stops in the middle and comes back', async () => {
		const eco = await makeEcosystem(ctx.db.kysely);
		const ids = await queue(eco.id, 'batch', 30);
		let seen = 0;
		let stopping: Promise<void> | undefined;
		onMessage = () => {
			if (++seen === 10) {
				const server = smtp!;
				smtp = undefined;
				stopping = server.stop(); // stops accepting connections; the current one finishes
			}
		};
		await ctx.mailer.deliver(ids);
		await stopping;
		onMessage = () => {};
		const afterStop = await rows(ids);
		expect(afterStop.filter((r) => r.status === 'sent')).toHaveLength(10);
		const waiting = afterStop.filter((r) => r.status === 'queued');
		expect(waiting).toHaveLength(20);
		for (const r of waiting) {
			expect(r.attempts).toBe(1);
			expect(r.last_error).toMatch(/ECONNREFUSED/);
			expect(Date.parse(r.next_attempt_at!)).toBeGreaterThan(Date.now() + 50_000);
		}

		// Still down a minute later: the second attempt fails and waits two minutes.
		await ctx.mailer.flush({ now: minutesLater(1) });
		expect((await rows(ids)).filter((r) => r.status === 'queued').map((r) => r.attempts)).toEqual(Array(20).fill(2));

		await start(port);
		expect(await ctx.mailer.flush({ now: minutesLater(1) }), 'nothing is due before its back-off').toBe(0);
		// Two senders at once (the retry timer and a request) after the back-off.
		const later = minutesLater(4);
		await Promise.all([ctx.mailer.flush({ now: later }), ctx.mailer.flush({ now: later })]);
		expect((await rows(ids)).every((r) => r.status === 'sent')).toBe(true);

		const batch = received.filter((m) => m.subject.startsWith('batch '));
		const byMessageId = new Map<string, number>();
		for (const m of batch) byMessageId.set(m.headers['message-id']!, (byMessageId.get(m.headers['message-id']!) ?? 0) + 1);
		expect(byMessageId.size).toBe(30);
		expect([...byMessageId.values()].every((n) => n === 1)).toBe(true);
		expect([...byMessageId.keys()].sort()).toEqual(ids.map((id) => `<${id}@parity.outbox>`).sort());
	});

	it('marks a message bounced when the server rejects the recipient with 550, and never retries it', async () => {
		const eco = await makeEcosystem(ctx.db.kysely);
		rule = (address) => (address.startsWith('bounce-1@') ? { code: 550, message: '5.1.1 No such mailbox here' } : null);
		const ids = await queue(eco.id, 'bounce', 3);
		await ctx.mailer.deliver(ids);
		rule = () => null;
		const [first, second, third] = await rows(ids);
		expect(first!.status).toBe('sent');
		expect(second).toMatchObject({ status: 'bounced', attempts: 1, next_attempt_at: null });
		expect(second!.last_error).toMatch(/^550 .*No such mailbox/);
		expect(third!.status).toBe('sent');
		await ctx.mailer.flush({ now: minutesLater(600) });
		expect((await rows([second!.id]))[0]).toMatchObject({ status: 'bounced', attempts: 1 });
		expect(received.filter((m) => m.subject === 'bounce 1')).toEqual([]);
	});

	it('retries a transient 4xx with doubling back-off, delivers once accepted, and gives up as failed after the last attempt', async () => {
		const eco = await makeEcosystem(ctx.db.kysely);
		let refusals = 0;
		rule = (address) => (address.startsWith('later-0@') && refusals++ < 2 ? { code: 451, message: '4.3.0 Mailbox busy, try again later' } : address.startsWith('never-') ? { code: 421, message: '4.7.0 Too many connections' } : null);
		const [later] = await queue(eco.id, 'later', 1);
		const [never] = await queue(eco.id, 'never', 1);
		const started = Date.now();
		await ctx.mailer.deliver([later!, never!]);
		let [row] = await rows([later!]);
		expect(row).toMatchObject({ status: 'queued', attempts: 1 });
		expect(row!.last_error).toMatch(/^451 /);
		const firstWait = Date.parse(row!.next_attempt_at!) - started;
		expect(firstWait).toBeGreaterThanOrEqual(60_000);
		expect(firstWait).toBeLessThan(70_000);

		const second = minutesLater(1);
		await ctx.mailer.flush({ now: second });
		[row] = await rows([later!]);
		expect(row).toMatchObject({ status: 'queued', attempts: 2 });
		// The second wait is twice the first (measured from the instant the attempt stood at).
		expect(Date.parse(row!.next_attempt_at!) - second.getTime()).toBe(120_000);

		await ctx.mailer.flush({ now: minutesLater(4) });
		expect((await rows([later!]))[0]).toMatchObject({ status: 'sent', attempts: 3, next_attempt_at: null, last_error: null });
		expect(received.filter((m) => m.subject === 'later 0')).toHaveLength(1);

		for (let minutes = 60; (await rows([never!]))[0]!.status === 'queued'; minutes += 600) {
			await ctx.mailer.flush({ now: minutesLater(minutes) });
			expect(minutes).toBeLessThan(6000);
		}
		expect((await rows([never!]))[0]).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, next_attempt_at: null });
		rule = () => null;
	});
});

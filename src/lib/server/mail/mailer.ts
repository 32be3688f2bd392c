import nodemailer, { type Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Executor } from '../audit/audit.repository.js';
import { claimForDelivery, insertOutboxMessage, listQueued, markFailed, markSent, type OutgoingMessage } from './mail.repository.js';
import { afterFailure, describeFailure } from './delivery.js';

/**
 * Every message is written to the outbox first. With SMTP configured it is then delivered and
 * marked sent, retried later with back-off, or marked bounced or failed (rules in delivery.ts);
 * without SMTP it stays "held" for backbone admins to read in the
 * app, so the demo works offline.
 */
export class Mailer {
	private readonly transport: Transporter | null;
	constructor(
		private readonly db: Kysely<Database>,
		smtpUrl: string | undefined,
		private readonly from: string
	) {
		this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
	}

	get delivers(): boolean {
		return this.transport !== null;
	}

	/**
	 * Writes a message to the outbox inside the caller's transaction, so it exists exactly when
	 * the change it reports does. Deliver it after the commit with `deliver(ids)`.
	 */
	async queue(db: Executor, message: OutgoingMessage): Promise<string> {
		return insertOutboxMessage(db, message, this.transport ? 'queued' : 'held');
	}

	/** Delivers messages queued earlier (usually just committed); ones another sender took are skipped. */
	async deliver(ids: readonly string[]): Promise<void> {
		if (!this.transport || ids.length === 0) return;
		const rows = await this.db.selectFrom('outbox').selectAll().where('id', 'in', [...ids]).where('status', '=', 'queued').execute();
		for (const row of rows) {
			await this.attempt(row.id, toMessage(row), row.attempts);
		}
	}

	async send(message: OutgoingMessage): Promise<void> {
		const id = await insertOutboxMessage(this.db, message, this.transport ? 'queued' : 'held');
		if (this.transport) await this.attempt(id, message, 0);
	}

	/**
	 * Sends the queued messages that are due (new ones, and failed ones whose back-off has run
	 * out), oldest first, up to 50 per call. `now` lets a test stand later in time. Returns how
	 * many were due.
	 */
	async flush({ now = new Date() }: { now?: Date } = {}): Promise<number> {
		if (!this.transport) return 0;
		const queued = await listQueued(this.db, 50, now.toISOString());
		for (const row of queued) {
			await this.attempt(row.id, toMessage(row), row.attempts, now);
		}
		return queued.length;
	}

	private async attempt(id: string, message: OutgoingMessage, attempts: number, now = new Date()): Promise<void> {
		if (!(await claimForDelivery(this.db, id, attempts, now))) return;
		try {
			await this.transport!.sendMail({
				from: await this.sender(message.ecosystemId),
				to: message.to,
				subject: message.subject,
				text: message.text,
				headers: message.headers,
				// The same Message-ID on every attempt: a receiver (and our tests) can tell a
				// message from its copies.
				messageId: `<${id}@parity.outbox>`
			});
			await markSent(this.db, id, message.kind);
		} catch (error) {
			await markFailed(this.db, id, describeFailure(error), afterFailure(error, attempts + 1, Math.max(now.getTime(), Date.now())));
		}
	}

	/** Mail about an ecosystem is sent in its name (display name), from the deployment's address. */
	private async sender(ecosystemId: string | null): Promise<string | { name: string; address: string }> {
		if (!ecosystemId) return this.from;
		const ecosystem = await this.db.selectFrom('ecosystem').select('name').where('id', '=', ecosystemId).executeTakeFirst();
		if (!ecosystem) return this.from;
		return { name: ecosystem.name, address: /<([^>]+)>/.exec(this.from)?.[1] ?? this.from };
	}

	close(): void {
		this.transport?.close();
	}
}

function toMessage(row: { ecosystem_id: string | null; to_address: string; subject: string; body_text: string; kind: string; headers_json: string | null }): OutgoingMessage {
	return {
		ecosystemId: row.ecosystem_id,
		to: row.to_address,
		subject: row.subject,
		text: row.body_text,
		kind: row.kind,
		headers: row.headers_json ? (JSON.parse(row.headers_json) as Record<string, string>) : undefined
	};
}

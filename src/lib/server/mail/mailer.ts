import nodemailer, { type Transporter } from 'nodemailer';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { insertOutboxMessage, listQueued, markFailed, markSent, type OutgoingMessage } from './mail.repository.js';

const MAX_ATTEMPTS = 5;

/**
 * Every message is written to the outbox first. With SMTP configured it is then delivered and
 * marked sent (or retried later); without SMTP it stays "held" for backbone admins to read in the
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

	async send(message: OutgoingMessage): Promise<void> {
		const id = await insertOutboxMessage(this.db, message, this.transport ? 'queued' : 'held');
		if (this.transport) await this.deliver(id, message, 0);
	}

	/** Retries messages that failed earlier (called periodically by the server). */
	async flush(): Promise<number> {
		if (!this.transport) return 0;
		const queued = await listQueued(this.db);
		for (const row of queued) {
			await this.deliver(
				row.id,
				{ ecosystemId: row.ecosystem_id, to: row.to_address, subject: row.subject, text: row.body_text, kind: row.kind },
				row.attempts
			);
		}
		return queued.length;
	}

	private async deliver(id: string, message: OutgoingMessage, attempts: number): Promise<void> {
		try {
			await this.transport!.sendMail({ from: this.from, to: message.to, subject: message.subject, text: message.text });
			await markSent(this.db, id, message.kind);
		} catch (error) {
			await markFailed(this.db, id, error instanceof Error ? error.message : String(error), attempts + 1 >= MAX_ATTEMPTS);
		}
	}

	close(): void {
		this.transport?.close();
	}
}

import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';

export interface OutgoingMessage {
	ecosystemId: string | null;
	to: string;
	subject: string;
	text: string;
	kind: string;
}

export async function insertOutboxMessage(
	db: Executor,
	message: OutgoingMessage,
	status: 'held' | 'queued'
): Promise<string> {
	const id = newId();
	await db
		.insertInto('outbox')
		.values({
			id,
			ecosystem_id: message.ecosystemId,
			to_address: message.to,
			subject: message.subject,
			body_text: message.text,
			kind: message.kind,
			status,
			attempts: 0,
			last_error: null,
			created_at: nowIso(),
			sent_at: null
		})
		.execute();
	return id;
}

export async function markSent(db: Executor, id: string): Promise<void> {
	await db
		.updateTable('outbox')
		.set((eb) => ({ status: 'sent', sent_at: nowIso(), attempts: eb('attempts', '+', 1), last_error: null }))
		.where('id', '=', id)
		.execute();
}

export async function markFailed(db: Executor, id: string, error: string, giveUp: boolean): Promise<void> {
	await db
		.updateTable('outbox')
		.set((eb) => ({
			status: giveUp ? 'failed' : 'queued',
			attempts: eb('attempts', '+', 1),
			last_error: error.slice(0, 500)
		}))
		.where('id', '=', id)
		.execute();
}

export async function listQueued(db: Executor, limit = 50) {
	return db
		.selectFrom('outbox')
		.where('status', '=', 'queued')
		.selectAll()
		.orderBy('created_at')
		.limit(limit)
		.execute();
}

/**
 * Mail between a partner and the people who applied to its opportunities: the addresses are the
 * applicants' contact data, which only the posting partner may see, so the backbone's outbox
 * viewer leaves these out (they are still delivered, or held when no SMTP server is set).
 */
export const partnerPrivateKinds = ['opportunity_applied', 'opportunity_message'];

export interface OutboxEntry {
	id: string;
	to: string;
	subject: string;
	text: string;
	kind: string;
	status: string;
	createdAt: string;
	sentAt: string | null;
	lastError: string | null;
}

export async function listOutbox(db: Executor, ecosystemId: string, limit = 100): Promise<OutboxEntry[]> {
	const rows = await db
		.selectFrom('outbox')
		.where('ecosystem_id', '=', ecosystemId)
		.where('kind', 'not in', partnerPrivateKinds)
		.selectAll()
		.orderBy('created_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map(toOutboxEntry);
}

/**
 * Platform administration: messages that belong to no ecosystem (password resets, email
 * confirmations) and the invitations platform admins sent to the first backbone admin of a new
 * ecosystem, which nobody else can read until that person has joined.
 */
export async function listPlatformOutbox(db: Executor, limit = 100): Promise<OutboxEntry[]> {
	const rows = await db
		.selectFrom('outbox')
		.selectAll()
		.where((eb) =>
			eb.or([
				eb('ecosystem_id', 'is', null),
				eb.and([
					eb('kind', '=', 'invitation'),
					eb.exists(
						eb
							.selectFrom('invitation')
							.select('invitation.id')
							.whereRef('invitation.ecosystem_id', '=', 'outbox.ecosystem_id')
							.whereRef('invitation.email', '=', 'outbox.to_address')
							.where('invitation.role', '=', 'backbone_admin')
							.where('invitation.invited_by_user_id', 'in', eb.selectFrom('platform_admin').select('platform_admin.user_id'))
					)
				])
			])
		)
		.orderBy('created_at', 'desc')
		.limit(limit)
		.execute();
	return rows.map(toOutboxEntry);
}

function toOutboxEntry(r: {
	id: string;
	to_address: string;
	subject: string;
	body_text: string;
	kind: string;
	status: string;
	created_at: string;
	sent_at: string | null;
	last_error: string | null;
}): OutboxEntry {
	return {
		id: r.id,
		to: r.to_address,
		subject: r.subject,
		text: r.body_text,
		kind: r.kind,
		status: r.status,
		createdAt: r.created_at,
		sentAt: r.sent_at,
		lastError: r.last_error
	};
}

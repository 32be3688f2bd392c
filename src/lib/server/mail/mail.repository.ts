import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';

export interface OutgoingMessage {
	ecosystemId: string | null;
	to: string;
	subject: string;
	text: string;
	kind: string;
	/** Extra headers, e.g. List-Unsubscribe. */
	headers?: Record<string, string>;
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
			headers_json: message.headers ? JSON.stringify(message.headers) : null,
			status,
			attempts: 0,
			last_error: null,
			created_at: nowIso(),
			sent_at: null
		})
		.execute();
	return id;
}

/**
 * Messages whose body is a private link for one person (a parent's consent link, a withdrawal
 * link): once delivered, the outbox keeps only a note, so nobody reading the outbox can act
 * as that person. Without SMTP (the offline demo) they stay readable, as every held message does.
 */
const privateLinkKinds: ReadonlySet<string> = new Set(['story_consent', 'story_withdraw_link']);
export const DELIVERED_PRIVATE_LINK = '(Delivered. This message held a private link and is no longer kept.)';

/** How long a claimed message stays with its sender before another may retry it. */
const DELIVERY_LEASE_MS = 2 * 60_000;

/**
 * Takes a queued message for one delivery attempt. Senders running at the same time (the retry
 * timer, a request that just queued mail) race here; only the one whose update matches the
 * attempt count it read goes on to send, and the lease keeps others off until it is marked sent
 * or failed, so a message is never handed to SMTP twice at once.
 */

export async function claimForDelivery(db: Executor, id: string, seenAttempts: number, now = new Date()): Promise<boolean> {
	const at = now.toISOString();
	const result = await db
		.updateTable('outbox')
		.set({ attempts: seenAttempts + 1, claimed_until: new Date(now.getTime() + DELIVERY_LEASE_MS).toISOString() })
		.where('id', '=', id)
		.where('status', '=', 'queued')
		.where('attempts', '=', seenAttempts)
		.where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', at)]))
		.where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', at)]))
		.executeTakeFirst();
	return Number(result.numUpdatedRows) === 1;
}

export async function markSent(db: Executor, id: string, kind: string): Promise<void> {
	await db
		.updateTable('outbox')
		.set({ status: 'sent', sent_at: nowIso(), last_error: null, claimed_until: null, next_attempt_at: null, ...(privateLinkKinds.has(kind) ? { body_text: DELIVERED_PRIVATE_LINK } : {}) })
		.where('id', '=', id)
		.execute();
}

/**
 * Records a failed attempt: back to 'queued' with the time of the next attempt (back-off), or
 * finally 'failed' (gave up) or 'bounced' (the server refused it for good). See delivery.ts.
 */
export async function markFailed(
	db: Executor,
	id: string,
	error: string,
	outcome: { status: 'failed' | 'bounced' } | { status: 'queued'; nextAttemptAt: string }
): Promise<void> {
	await db
		.updateTable('outbox')
		.set({ status: outcome.status, last_error: error.slice(0, 500), claimed_until: null, next_attempt_at: outcome.status === 'queued' ? outcome.nextAttemptAt : null })
		.where('id', '=', id)
		.execute();
}

/** Queued messages due for an attempt at `now`, oldest first. */
export async function listQueued(db: Executor, limit = 50, now = nowIso()) {
	return db
		.selectFrom('outbox')
		.where('status', '=', 'queued')
		.where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]))
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
	attempts: number;
	nextAttemptAt: string | null;
}

export const outboxStatuses = ['held', 'queued', 'sent', 'failed', 'bounced'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];

export async function listOutbox(db: Executor, ecosystemId: string, { limit = 100, status }: { limit?: number; status?: OutboxStatus } = {}): Promise<OutboxEntry[]> {
	let query = db.selectFrom('outbox').where('ecosystem_id', '=', ecosystemId).where('kind', 'not in', partnerPrivateKinds);
	if (status) query = query.where('status', '=', status);
	const rows = await query.selectAll().orderBy('created_at', 'desc').limit(limit).execute();
	return rows.map(toOutboxEntry);
}

/** How many of the ecosystem's messages are in each status (the outbox page's summary). */
export async function countOutbox(db: Executor, ecosystemId: string): Promise<Record<OutboxStatus, number>> {
	const rows = await db
		.selectFrom('outbox')
		.where('ecosystem_id', '=', ecosystemId)
		.where('kind', 'not in', partnerPrivateKinds)
		.select(['status', (eb) => eb.fn.countAll<number>().as('n')])
		.groupBy('status')
		.execute();
	const counts = Object.fromEntries(outboxStatuses.map((s) => [s, 0])) as Record<OutboxStatus, number>;
	for (const r of rows) counts[r.status] = Number(r.n);
	return counts;
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
	attempts: number;
	next_attempt_at?: string | null;
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
		lastError: r.last_error,
		attempts: r.attempts,
		nextAttemptAt: r.next_attempt_at ?? null
	};
}

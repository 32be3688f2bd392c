import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from '../auth/roles.js';
import { newId, nowIso } from '../util.js';

export type Executor = Kysely<Database> | Transaction<Database>;

export interface AuditEntryInput {
	actor: Actor;
	ecosystemId: string | null;
	action: string;
	entityType: string;
	entityId?: string | null;
	summary: string;
	detail?: Record<string, unknown>;
}

/** Written in the same transaction as the change it records, so neither exists without the other. */
export async function recordAudit(db: Executor, entry: AuditEntryInput): Promise<void> {
	await db
		.insertInto('audit_log')
		.values({
			id: newId(),
			ecosystem_id: entry.ecosystemId,
			actor_user_id: entry.actor.kind === 'user' ? entry.actor.userId : null,
			actor_email: entry.actor.kind === 'user' ? entry.actor.email : null,
			action: entry.action,
			entity_type: entry.entityType,
			entity_id: entry.entityId ?? null,
			summary: entry.summary.replace(/[\r\n]+/g, ' '),
			detail_json: entry.detail ? JSON.stringify(entry.detail) : null,
			created_at: nowIso()
		})
		.execute();
}

export interface AuditEntry {
	id: string;
	actorEmail: string | null;
	action: string;
	entityType: string;
	entityId: string | null;
	summary: string;
	createdAt: string;
}

export async function listAuditEntries(
	db: Executor,
	ecosystemId: string,
	{ limit = 100, offset = 0 }: { limit?: number; offset?: number } = {}
): Promise<AuditEntry[]> {
	const rows = await db
		.selectFrom('audit_log')
		.where('ecosystem_id', '=', ecosystemId)
		.select(['id', 'actor_email', 'action', 'entity_type', 'entity_id', 'summary', 'created_at'])
		.orderBy('created_at', 'desc')
		.orderBy('id')
		.limit(limit)
		.offset(offset)
		.execute();
	return rows.map((r) => ({
		id: r.id,
		actorEmail: r.actor_email,
		action: r.action,
		entityType: r.entity_type,
		entityId: r.entity_id,
		summary: r.summary,
		createdAt: r.created_at
	}));
}

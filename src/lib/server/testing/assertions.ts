import type { Executor } from '../audit/audit.repository.js';

/** The audit actions recorded for an ecosystem, sorted by name (rows written within one millisecond tie on time). */
export async function auditActions(db: Executor, ecosystemId: string): Promise<string[]> {
	const rows = await db.selectFrom('audit_log').select('action').where('ecosystem_id', '=', ecosystemId).execute();
	return rows.map((r) => r.action).sort();
}

export async function countRows(db: Executor, table: 'invitation' | 'membership' | 'partner' | 'initiative' | 'outbox' | 'audit_log' | 'ecosystem' | 'user'): Promise<number> {
	const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
	return Number(row.n);
}

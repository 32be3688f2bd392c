import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';

/** Commitments with their latest progress: the register. */
function commitments(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('commitment as c')
		.innerJoin('partner as p', (j) => j.onRef('p.id', '=', 'c.partner_id').onRef('p.ecosystem_id', '=', 'c.ecosystem_id'))
		.select((eb) => [
			'c.id', 'c.partner_id', 'p.name as partner_name', 'p.slug as partner_slug', 'c.title', 'c.title_es', 'c.description', 'c.description_es',
			'c.target', 'c.unit', 'c.unit_es', 'c.due_year', 'c.is_demo', 'c.created_at',
			eb.selectFrom('commitment_update as u').whereRef('u.commitment_id', '=', 'c.id').select('u.progress').orderBy('u.created_at', 'desc').limit(1).as('progress'),
			eb.selectFrom('commitment_update as u').whereRef('u.commitment_id', '=', 'c.id').select('u.created_at').orderBy('u.created_at', 'desc').limit(1).as('updated_at')
		])
		.where('c.ecosystem_id', '=', ecosystemId);
}

export async function listCommitments(db: Executor, ecosystemId: string) {
	return commitments(db, ecosystemId).orderBy('c.due_year').orderBy('p.name').execute();
}
export type CommitmentRow = Awaited<ReturnType<typeof listCommitments>>[number];

export async function findCommitment(db: Executor, ecosystemId: string, id: string): Promise<CommitmentRow | undefined> {
	return commitments(db, ecosystemId).where('c.id', '=', id).executeTakeFirst();
}

export async function listUpdates(db: Executor, ecosystemId: string, commitmentId: string) {
	return db
		.selectFrom('commitment_update')
		.select(['id', 'progress', 'note', 'note_es', 'created_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('commitment_id', '=', commitmentId)
		.orderBy('created_at', 'desc')
		.execute();
}

export async function insertCommitment(
	db: Executor,
	v: { ecosystemId: string; partnerId: string; userId: string | null; isDemo?: boolean; title: string; title_es?: string; description: string; description_es?: string; target: number; unit: string; unit_es?: string; due_year: number }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('commitment')
		.values({
			id,
			ecosystem_id: v.ecosystemId,
			partner_id: v.partnerId,
			title: v.title,
			title_es: v.title_es ?? null,
			description: v.description,
			description_es: v.description_es ?? null,
			target: v.target,
			unit: v.unit,
			unit_es: v.unit_es ?? null,
			due_year: v.due_year,
			created_by_user_id: v.userId,
			is_demo: v.isDemo ? 1 : 0,
			created_at: nowIso()
		})
		.execute();
	return id;
}

export async function insertUpdate(db: Executor, v: { ecosystemId: string; commitmentId: string; userId: string | null; progress: number; note: string; note_es?: string; at?: string }): Promise<string> {
	const id = newId();
	await db
		.insertInto('commitment_update')
		.values({ id, ecosystem_id: v.ecosystemId, commitment_id: v.commitmentId, progress: v.progress, note: v.note, note_es: v.note_es ?? null, created_by_user_id: v.userId, created_at: v.at ?? nowIso() })
		.execute();
	return id;
}

/** Self-check rounds and responses; every query is scoped by ecosystem_id. */
import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';

export async function listRounds(db: Executor, ecosystemId: string) {
	return db.selectFrom('health_check_round').selectAll().where('ecosystem_id', '=', ecosystemId).orderBy('year').orderBy('opened_at').execute();
}

export async function findOpenRound(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('health_check_round')
		.selectAll()
		.where('ecosystem_id', '=', ecosystemId)
		.where('closed_at', 'is', null)
		.orderBy('opened_at', 'desc')
		.executeTakeFirst();
}

export async function insertRound(db: Executor, ecosystemId: string, values: { title: string; year: number }): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db.insertInto('health_check_round').values({ id, ecosystem_id: ecosystemId, title: values.title, year: values.year, opened_at: now, closed_at: null, created_at: now }).execute();
	return id;
}

export async function closeRounds(db: Executor, ecosystemId: string, roundId?: string): Promise<number> {
	let query = db.updateTable('health_check_round').set({ closed_at: nowIso() }).where('ecosystem_id', '=', ecosystemId).where('closed_at', 'is', null);
	if (roundId) query = query.where('id', '=', roundId);
	return Number((await query.executeTakeFirst()).numUpdatedRows);
}

export async function listResponses(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('health_check_response')
		.innerJoin('partner', 'partner.id', 'health_check_response.partner_id')
		.select([
			'health_check_response.id',
			'health_check_response.round_id',
			'health_check_response.partner_id',
			'health_check_response.answers_json',
			'health_check_response.comment',
			'health_check_response.submitted_at',
			'partner.name as partner_name'
		])
		.where('health_check_response.ecosystem_id', '=', ecosystemId)
		.where('partner.ecosystem_id', '=', ecosystemId)
		.orderBy('partner.name')
		.execute();
}

/** One answer per partner per round: a second answer replaces the first. */
export async function saveResponse(
	db: Executor,
	ecosystemId: string,
	values: { roundId: string; partnerId: string; answersJson: string; comment: string; userId: string }
): Promise<void> {
	const existing = await db
		.selectFrom('health_check_response')
		.select('id')
		.where('ecosystem_id', '=', ecosystemId)
		.where('round_id', '=', values.roundId)
		.where('partner_id', '=', values.partnerId)
		.executeTakeFirst();
	const row = { answers_json: values.answersJson, comment: values.comment, submitted_by_user_id: values.userId, submitted_at: nowIso() };
	if (existing) {
		await db.updateTable('health_check_response').set(row).where('ecosystem_id', '=', ecosystemId).where('id', '=', existing.id).execute();
		return;
	}
	await db
		.insertInto('health_check_response')
		.values({ id: newId(), ecosystem_id: ecosystemId, round_id: values.roundId, partner_id: values.partnerId, ...row })
		.execute();
}

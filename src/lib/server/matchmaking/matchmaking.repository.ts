import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';

export async function insertNeed(
	db: Executor,
	v: { ecosystemId: string; userId: string; partnerId: string | null; isDemo?: boolean; kind: string; title: string; description: string; subject: string; grade_band: string; zip: string; needed_from: string; needed_by: string; focus_share: number }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('need')
		.values({
			id,
			ecosystem_id: v.ecosystemId,
			posted_by_user_id: v.userId,
			partner_id: v.partnerId,
			kind: v.kind,
			title: v.title,
			description: v.description,
			subject: v.subject,
			grade_band: v.grade_band,
			zip: v.zip,
			needed_from: v.needed_from,
			needed_by: v.needed_by,
			focus_share: v.focus_share,
			closed_at: null,
			is_demo: v.isDemo ? 1 : 0,
			created_at: nowIso()
		})
		.execute();
	return id;
}

export async function insertOffer(
	db: Executor,
	v: { ecosystemId: string; partnerId: string; userId: string | null; isDemo?: boolean; kind: string; title: string; description: string; subjects: string[]; grade_bands: string[]; zip: string; available_from: string; available_until: string }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('offer')
		.values({
			id,
			ecosystem_id: v.ecosystemId,
			partner_id: v.partnerId,
			posted_by_user_id: v.userId,
			kind: v.kind,
			title: v.title,
			description: v.description,
			subjects_json: JSON.stringify(v.subjects),
			grade_bands_json: JSON.stringify(v.grade_bands),
			zip: v.zip,
			available_from: v.available_from,
			available_until: v.available_until,
			closed_at: null,
			is_demo: v.isDemo ? 1 : 0,
			created_at: nowIso()
		})
		.execute();
	return id;
}

/** Open needs with who posted them and how many connections each has. */
export async function listOpenNeeds(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('need as n')
		.innerJoin('user as u', 'u.id', 'n.posted_by_user_id')
		.leftJoin('partner as p', 'p.id', 'n.partner_id')
		.select((eb) => [
			'n.id', 'n.posted_by_user_id', 'u.name as poster_name', 'p.name as school_name', 'n.kind', 'n.title', 'n.description', 'n.subject',
			'n.grade_band', 'n.zip', 'n.needed_from', 'n.needed_by', 'n.focus_share', 'n.is_demo', 'n.created_at',
			eb.selectFrom('match_connection as c').whereRef('c.need_id', '=', 'n.id').select((e) => e.fn.countAll<number>().as('n')).as('connections')
		])
		.where('n.ecosystem_id', '=', ecosystemId)
		.where('n.closed_at', 'is', null)
		.orderBy('n.created_at')
		.execute();
}
export type NeedRow = Awaited<ReturnType<typeof listOpenNeeds>>[number];

export async function findNeed(db: Executor, ecosystemId: string, id: string) {
	return db
		.selectFrom('need as n')
		.innerJoin('user as u', 'u.id', 'n.posted_by_user_id')
		.leftJoin('partner as p', 'p.id', 'n.partner_id')
		.select([
			'n.id', 'n.posted_by_user_id', 'u.name as poster_name', 'u.email as poster_email', 'p.name as school_name', 'n.kind', 'n.title', 'n.description',
			'n.subject', 'n.grade_band', 'n.zip', 'n.needed_from', 'n.needed_by', 'n.focus_share', 'n.is_demo', 'n.created_at', 'n.closed_at', 'n.closed_reason'
		])
		.where('n.ecosystem_id', '=', ecosystemId)
		.where('n.id', '=', id)
		.executeTakeFirst();
}

export async function listOpenOffers(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('offer as o')
		.innerJoin('partner as p', (j) => j.onRef('p.id', '=', 'o.partner_id').onRef('p.ecosystem_id', '=', 'o.ecosystem_id'))
		.leftJoin('user as u', 'u.id', 'o.posted_by_user_id')
		.select([
			'o.id', 'o.partner_id', 'p.name as partner_name', 'p.email as partner_email', 'u.email as poster_email', 'o.kind', 'o.title', 'o.description',
			'o.subjects_json', 'o.grade_bands_json', 'o.zip', 'o.available_from', 'o.available_until', 'o.is_demo', 'o.created_at'
		])
		.where('o.ecosystem_id', '=', ecosystemId)
		.where('o.closed_at', 'is', null)
		.orderBy('o.created_at')
		.execute();
}
export type OfferRow = Awaited<ReturnType<typeof listOpenOffers>>[number];

export async function listConnections(db: Executor, ecosystemId: string, needId: string) {
	return db
		.selectFrom('match_connection as c')
		.innerJoin('offer as o', 'o.id', 'c.offer_id')
		.innerJoin('partner as p', 'p.id', 'o.partner_id')
		.select(['c.id', 'c.offer_id', 'o.title as offer_title', 'p.name as partner_name', 'c.message', 'c.created_at'])
		.where('c.ecosystem_id', '=', ecosystemId)
		.where('c.need_id', '=', needId)
		.orderBy('c.created_at')
		.execute();
}

export async function insertConnection(db: Executor, v: { ecosystemId: string; needId: string; offerId: string; userId: string; message: string }): Promise<string> {
	const id = newId();
	await db
		.insertInto('match_connection')
		.values({ id, ecosystem_id: v.ecosystemId, need_id: v.needId, offer_id: v.offerId, created_by_user_id: v.userId, message: v.message, created_at: nowIso() })
		.execute();
	return id;
}

export async function findWeights(db: Executor, ecosystemId: string): Promise<string | undefined> {
	return (await db.selectFrom('matchmaking_setting').select('weights_json').where('ecosystem_id', '=', ecosystemId).executeTakeFirst())?.weights_json;
}

export async function saveWeights(db: Executor, ecosystemId: string, weightsJson: string): Promise<void> {
	const updated_at = nowIso();
	await db
		.insertInto('matchmaking_setting')
		.values({ ecosystem_id: ecosystemId, weights_json: weightsJson, updated_at })
		.onConflict((oc) => oc.column('ecosystem_id').doUpdateSet({ weights_json: weightsJson, updated_at }))
		.execute();
}

/** An offer, open or closed (its partner's edit form and the close action). */
export async function findOffer(db: Executor, ecosystemId: string, id: string) {
	return db
		.selectFrom('offer')
		.select(['id', 'partner_id', 'kind', 'title', 'description', 'subjects_json', 'grade_bands_json', 'zip', 'available_from', 'available_until', 'closed_at'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
}

export async function updateOffer(
	db: Executor,
	ecosystemId: string,
	id: string,
	v: { kind: string; title: string; description: string; subjects: string[]; grade_bands: string[]; zip: string; available_from: string; available_until: string }
): Promise<number> {
	const result = await db
		.updateTable('offer')
		.set({
			kind: v.kind,
			title: v.title,
			description: v.description,
			subjects_json: JSON.stringify(v.subjects),
			grade_bands_json: JSON.stringify(v.grade_bands),
			zip: v.zip,
			available_from: v.available_from,
			available_until: v.available_until
		})
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('closed_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function closeOffer(db: Executor, ecosystemId: string, id: string): Promise<number> {
	const result = await db.updateTable('offer').set({ closed_at: nowIso() }).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).where('closed_at', 'is', null).executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function closeNeed(db: Executor, ecosystemId: string, id: string, reason: 'answered' | 'not_needed'): Promise<number> {
	const result = await db
		.updateTable('need')
		.set({ closed_at: nowIso(), closed_reason: reason })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('closed_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

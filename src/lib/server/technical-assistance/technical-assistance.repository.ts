/** Technical assistance: Kysely functions; every query is scoped by `ecosystem_id`. */
import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';
import type { RequestInput, TaPriority } from './technical-assistance.js';

export async function insertRequest(db: Executor, args: { ecosystemId: string; partnerId: string; userId: string; input: RequestInput }): Promise<string> {
	const id = newId();
	const now = nowIso();
	await db
		.insertInto('ta_request')
		.values({
			id,
			ecosystem_id: args.ecosystemId,
			partner_id: args.partnerId,
			requested_by: args.userId,
			category: args.input.category,
			subject: args.input.subject,
			description: args.input.description,
			priority: null,
			assignee_user_id: null,
			status: 'open',
			first_response_at: null,
			closed_at: null,
			rating: null,
			rating_comment: null,
			rated_at: null,
			created_at: now,
			updated_at: now
		})
		.execute();
	return id;
}

function requests(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('ta_request as r')
		.innerJoin('partner as p', (j) => j.onRef('p.id', '=', 'r.partner_id').onRef('p.ecosystem_id', '=', 'r.ecosystem_id'))
		.leftJoin('user as requester', 'requester.id', 'r.requested_by')
		.leftJoin('user as assignee', 'assignee.id', 'r.assignee_user_id')
		.selectAll('r')
		.select(['p.name as partner_name', 'p.slug as partner_slug', 'requester.name as requester_name', 'requester.email as requester_email', 'assignee.name as assignee_name', 'assignee.email as assignee_email'])
		.where('r.ecosystem_id', '=', ecosystemId);
}

/** Newest first, open before closed. */
export async function listRequests(db: Executor, ecosystemId: string, { partnerId }: { partnerId?: string } = {}) {
	let q = requests(db, ecosystemId);
	if (partnerId) q = q.where('r.partner_id', '=', partnerId);
	return q.orderBy('r.status', 'desc').orderBy('r.created_at', 'desc').execute();
}
export type RequestRow = Awaited<ReturnType<typeof listRequests>>[number];

export async function findRequest(db: Executor, ecosystemId: string, id: string): Promise<RequestRow | undefined> {
	return requests(db, ecosystemId).where('r.id', '=', id).executeTakeFirst();
}

export async function setTriage(db: Executor, ecosystemId: string, id: string, priority: TaPriority, assignee: string | null) {
	await db.updateTable('ta_request').set({ priority, assignee_user_id: assignee, updated_at: nowIso() }).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
}

/** The first backbone reply stamps the first response; later ones leave it. */
export async function markFirstResponse(db: Executor, ecosystemId: string, id: string, at: string) {
	await db.updateTable('ta_request').set({ first_response_at: at }).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).where('first_response_at', 'is', null).execute();
}

/** Closes an open request; false when it was already closed. */
export async function closeRequest(db: Executor, ecosystemId: string, id: string, at: string): Promise<boolean> {
	const r = await db
		.updateTable('ta_request')
		.set({ status: 'closed', closed_at: at, updated_at: at })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('status', '=', 'open')
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

/** Rates a closed, unrated request once; false otherwise. */
export async function rateRequest(db: Executor, ecosystemId: string, id: string, rating: number, comment: string | null): Promise<boolean> {
	const now = nowIso();
	const r = await db
		.updateTable('ta_request')
		.set({ rating, rating_comment: comment, rated_at: now, updated_at: now })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('status', '=', 'closed')
		.where('rated_at', 'is', null)
		.executeTakeFirst();
	return Number(r.numUpdatedRows) === 1;
}

export async function insertMessage(db: Executor, args: { ecosystemId: string; requestId: string; userId: string; side: 'partner' | 'backbone'; body: string; at: string }) {
	await db
		.insertInto('ta_message')
		.values({ id: newId(), ecosystem_id: args.ecosystemId, request_id: args.requestId, author_user_id: args.userId, side: args.side, body: args.body, created_at: args.at })
		.execute();
	await db.updateTable('ta_request').set({ updated_at: args.at }).where('ecosystem_id', '=', args.ecosystemId).where('id', '=', args.requestId).execute();
}

export async function listMessages(db: Executor, ecosystemId: string, requestId: string) {
	return db
		.selectFrom('ta_message as m')
		.leftJoin('user as u', 'u.id', 'm.author_user_id')
		.select(['m.id', 'm.side', 'm.body', 'm.created_at', 'u.name as author_name'])
		.where('m.ecosystem_id', '=', ecosystemId)
		.where('m.request_id', '=', requestId)
		.orderBy('m.created_at')
		.orderBy('m.id')
		.execute();
}

/** Backbone admins and staff: who may be assigned, and who hears of new requests. */
export async function listBackboneStaff(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('membership')
		.innerJoin('user', 'user.id', 'membership.user_id')
		.select(['user.id', 'user.name', 'user.email'])
		.where('membership.ecosystem_id', '=', ecosystemId)
		.where('membership.role', 'in', ['backbone_admin', 'backbone_staff'])
		.orderBy('user.name')
		.execute();
}

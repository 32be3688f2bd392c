/**
 * Technical assistance use-cases. Partner admins and members (`partner.assistance.request`, own
 * partner only) file requests, write in their thread and rate closed requests; backbone staff
 * (`ecosystem.assistance.manage`) triage, assign, reply and close, and read the response-time
 * report. Every change writes its audit row and queues its emails in the same transaction; the
 * emails are handed to SMTP after the commit.
 */
import * as m from '#lib/paraglide/messages.js';
import type { AppContext } from '../context.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { nowIso } from '../util.js';
import type { Locale } from '../content.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';
import * as repo from './technical-assistance.repository.js';
import { canMessage, canRate, messageSchema, ratingSchema, requestSchema, responseTimes, triageSchema } from './technical-assistance.js';

type Base = { ctx: AppContext; actor: Actor; ecosystemId: string; locale?: Locale; origin?: string };

const notFound = () => new DomainError('NOT_FOUND', 'There is no such assistance request in this ecosystem.');

async function partnerBySlug(db: Executor, actor: Actor, ecosystemId: string, partnerSlug: string) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await db.selectFrom('partner').select(['id', 'name', 'slug']).where('ecosystem_id', '=', ecosystemId).where('slug', '=', partnerSlug).executeTakeFirst();
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	requireAccess(actor, 'partner.assistance.request', { ecosystemId, partnerId: partner.id });
	return partner;
}

async function ecosystemOf(db: Executor, ecosystemId: string) {
	return db.selectFrom('ecosystem').select(['name', 'slug']).where('id', '=', ecosystemId).executeTakeFirstOrThrow();
}

function mail(ecosystemId: string, to: string, kind: string, subject: string, text: string): OutgoingMessage {
	return { ecosystemId, to, kind, subject, text };
}

async function queueAll(ctx: AppContext, trx: Executor, messages: OutgoingMessage[]): Promise<string[]> {
	const ids: string[] = [];
	for (const message of messages) ids.push(await ctx.mailer.queue(trx, message));
	return ids;
}

const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : '');

// --- partners -------------------------------------------------------------------------------------

export async function fileRequest({ ctx, actor, ecosystemId, partnerSlug, input, locale = 'en', origin = '' }: Base & { partnerSlug: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	const db = ctx.db.kysely;
	const partner = await partnerBySlug(db, actor, ecosystemId, partnerSlug);
	const parsed = validate(requestSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	const { id, mailIds } = await db.transaction().execute(async (trx) => {
		const id = await repo.insertRequest(trx, { ecosystemId, partnerId: partner.id, userId: userId(actor), input: v });
		await recordAudit(trx, { actor, ecosystemId, action: 'assistance.request.create', entityType: 'ta_request', entityId: id, summary: `${partner.name} asked for help: “${v.subject}”` });
		const eco = await ecosystemOf(trx, ecosystemId);
		const values = { ecosystem: eco.name, partner: partner.name, subject: v.subject, url: `${origin}/e/${eco.slug}/admin/assistance/${id}` };
		const staff = await repo.listBackboneStaff(trx, ecosystemId);
		const mailIds = await queueAll(
			ctx,
			trx,
			staff.map((s) => mail(ecosystemId, s.email, 'ta_request_new', m.ta_mail_new_subject(values, { locale }), m.ta_mail_new_body({ ...values, description: v.description }, { locale })))
		);
		return { id, mailIds };
	});
	await ctx.mailer.deliver(mailIds);
	return ok({ id });
}

export async function listPartnerRequests({ ctx, actor, ecosystemId, partnerSlug }: Base & { partnerSlug: string }) {
	const db = ctx.db.kysely;
	const partner = await partnerBySlug(db, actor, ecosystemId, partnerSlug);
	return { partner, requests: await repo.listRequests(db, ecosystemId, { partnerId: partner.id }) };
}

/** One of the partner's own requests with its thread (another partner's is "not found"). */
export async function getPartnerRequest({ ctx, actor, ecosystemId, partnerSlug, requestId }: Base & { partnerSlug: string; requestId: string }) {
	const db = ctx.db.kysely;
	const partner = await partnerBySlug(db, actor, ecosystemId, partnerSlug);
	const request = await repo.findRequest(db, ecosystemId, requestId);
	if (!request || request.partner_id !== partner.id) throw notFound();
	return { partner, request, messages: await repo.listMessages(db, ecosystemId, requestId), canMessage: canMessage(request), canRate: canRate(request) };
}

export async function rateRequest({ ctx, actor, ecosystemId, partnerSlug, requestId, input }: Base & { partnerSlug: string; requestId: string; input: unknown }): Promise<Outcome<{ rating: number }>> {
	const db = ctx.db.kysely;
	const partner = await partnerBySlug(db, actor, ecosystemId, partnerSlug);
	const parsed = validate(ratingSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx): Promise<Outcome<{ rating: number }>> => {
		const request = await repo.findRequest(trx, ecosystemId, requestId);
		if (!request || request.partner_id !== partner.id) throw notFound();
		if (!(await repo.rateRequest(trx, ecosystemId, requestId, parsed.value.rating, parsed.value.comment))) {
			return invalid([{ field: 'rating', message: request.status === 'open' ? 'You can rate the help once the request is closed.' : 'This request has already been rated.' }]);
		}
		await recordAudit(trx, { actor, ecosystemId, action: 'assistance.request.rate', entityType: 'ta_request', entityId: requestId, summary: `${partner.name} rated the help on “${request.subject}” ${parsed.value.rating}/5` });
		return ok({ rating: parsed.value.rating });
	});
}

// --- both sides -------------------------------------------------------------------------------

/**
 * A message in a request's thread. `partnerSlug` given: the partner writes (and the assignee, or
 * else every backbone staff member, is told); otherwise backbone staff write (and the requester is
 * told), and the first such message is the request's first response.
 */
export async function postMessage({ ctx, actor, ecosystemId, requestId, partnerSlug, input, locale = 'en', origin = '' }: Base & { requestId: string; partnerSlug?: string; input: unknown }): Promise<Outcome<{ ok: true }>> {
	const db = ctx.db.kysely;
	const partner = partnerSlug ? await partnerBySlug(db, actor, ecosystemId, partnerSlug) : null;
	if (!partner) requireAccess(actor, 'ecosystem.assistance.manage', { ecosystemId });
	const parsed = validate(messageSchema, input);
	if (!parsed.ok) return parsed;
	const body = parsed.value.body;
	const result = await db.transaction().execute(async (trx): Promise<Outcome<string[]>> => {
		const request = await repo.findRequest(trx, ecosystemId, requestId);
		if (!request || (partner && request.partner_id !== partner.id)) throw notFound();
		if (!canMessage(request)) return invalid([{ field: 'body', message: 'This request is closed; file a new request to ask for more help.' }]);
		const at = nowIso();
		const side = partner ? 'partner' : 'backbone';
		await repo.insertMessage(trx, { ecosystemId, requestId, userId: userId(actor), side, body, at });
		if (side === 'backbone') await repo.markFirstResponse(trx, ecosystemId, requestId, at);
		await recordAudit(trx, { actor, ecosystemId, action: `assistance.message.${side}`, entityType: 'ta_request', entityId: requestId, summary: `Message on “${request.subject}”` });
		const eco = await ecosystemOf(trx, ecosystemId);
		const values = { ecosystem: eco.name, subject: request.subject, body };
		let recipients: string[];
		let url: string;
		if (side === 'backbone') {
			recipients = request.requester_email ? [request.requester_email] : [];
			url = `${origin}/e/${eco.slug}/partners/${request.partner_slug}/assistance/${requestId}`;
		} else {
			recipients = request.assignee_email ? [request.assignee_email] : (await repo.listBackboneStaff(trx, ecosystemId)).map((s) => s.email);
			url = `${origin}/e/${eco.slug}/admin/assistance/${requestId}`;
		}
		return ok(await queueAll(ctx, trx, recipients.map((to) => mail(ecosystemId, to, 'ta_message', m.ta_mail_reply_subject(values, { locale }), m.ta_mail_reply_body({ ...values, url }, { locale })))));
	});
	if (!result.ok) return result;
	await ctx.mailer.deliver(result.value);
	return ok({ ok: true });
}

// --- backbone ---------------------------------------------------------------------------------

export async function getAssistanceOverview({ ctx, actor, ecosystemId }: Base) {
	requireAccess(actor, 'ecosystem.assistance.manage', { ecosystemId });
	const requests = await repo.listRequests(ctx.db.kysely, ecosystemId);
	return { requests, times: responseTimes(requests) };
}

export async function getRequestForBackbone({ ctx, actor, ecosystemId, requestId }: Base & { requestId: string }) {
	requireAccess(actor, 'ecosystem.assistance.manage', { ecosystemId });
	const db = ctx.db.kysely;
	const request = await repo.findRequest(db, ecosystemId, requestId);
	if (!request) throw notFound();
	const [messages, staff] = await Promise.all([repo.listMessages(db, ecosystemId, requestId), repo.listBackboneStaff(db, ecosystemId)]);
	return { request, messages, staff, canMessage: canMessage(request) };
}

export async function triageRequest({ ctx, actor, ecosystemId, requestId, input, locale = 'en', origin = '' }: Base & { requestId: string; input: unknown }): Promise<Outcome<{ ok: true }>> {
	requireAccess(actor, 'ecosystem.assistance.manage', { ecosystemId });
	const parsed = validate(triageSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	const db = ctx.db.kysely;
	const result = await db.transaction().execute(async (trx): Promise<Outcome<string[]>> => {
		const request = await repo.findRequest(trx, ecosystemId, requestId);
		if (!request) throw notFound();
		const staff = await repo.listBackboneStaff(trx, ecosystemId);
		const assignee = v.assignee_user_id ? staff.find((s) => s.id === v.assignee_user_id) : null;
		if (v.assignee_user_id && !assignee) return invalid([{ field: 'assignee_user_id', message: 'Choose a member of the backbone team, or nobody yet.' }]);
		await repo.setTriage(trx, ecosystemId, requestId, v.priority, assignee?.id ?? null);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'assistance.request.triage',
			entityType: 'ta_request',
			entityId: requestId,
			summary: `“${request.subject}”: priority ${v.priority}, assigned to ${assignee?.email ?? 'nobody'}`
		});
		if (!assignee || assignee.id === request.assignee_user_id) return ok([]);
		const eco = await ecosystemOf(trx, ecosystemId);
		const values = { ecosystem: eco.name, partner: request.partner_name, subject: request.subject, url: `${origin}/e/${eco.slug}/admin/assistance/${requestId}` };
		return ok(await queueAll(ctx, trx, [mail(ecosystemId, assignee.email, 'ta_assigned', m.ta_mail_assigned_subject(values, { locale }), m.ta_mail_assigned_body(values, { locale }))]));
	});
	if (!result.ok) return result;
	await ctx.mailer.deliver(result.value);
	return ok({ ok: true });
}

export async function closeRequest({ ctx, actor, ecosystemId, requestId, locale = 'en', origin = '' }: Base & { requestId: string }): Promise<Outcome<{ ok: true }>> {
	requireAccess(actor, 'ecosystem.assistance.manage', { ecosystemId });
	const db = ctx.db.kysely;
	const result = await db.transaction().execute(async (trx): Promise<Outcome<string[]>> => {
		const request = await repo.findRequest(trx, ecosystemId, requestId);
		if (!request) throw notFound();
		const at = nowIso();
		if (!(await repo.closeRequest(trx, ecosystemId, requestId, at))) return invalid([{ field: 'request', message: 'This request is already closed.' }]);
		await recordAudit(trx, { actor, ecosystemId, action: 'assistance.request.close', entityType: 'ta_request', entityId: requestId, summary: `Closed “${request.subject}”` });
		if (!request.requester_email) return ok([]);
		const eco = await ecosystemOf(trx, ecosystemId);
		const values = { ecosystem: eco.name, subject: request.subject, url: `${origin}/e/${eco.slug}/partners/${request.partner_slug}/assistance/${requestId}` };
		return ok(await queueAll(ctx, trx, [mail(ecosystemId, request.requester_email, 'ta_closed', m.ta_mail_closed_subject(values, { locale }), m.ta_mail_closed_body(values, { locale }))]));
	});
	if (!result.ok) return result;
	await ctx.mailer.deliver(result.value);
	return ok({ ok: true });
}

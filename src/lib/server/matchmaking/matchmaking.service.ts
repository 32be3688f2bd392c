import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import { requireAccess } from '../auth/access.js';
import { decide, membershipIn, type Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { isUniqueViolation } from '../db/unique-violation.js';
import { validate } from '../validation.js';
import { packageZipCentroid } from '../geo/zip-centroids.js';
import { partnerActedFor, partnersActorActsFor } from '../partners/acting-for.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';
import * as m from '../../paraglide/messages.js';
import * as repo from './matchmaking.repository.js';
import { closeNeedSchema, daysWaiting, defaultWeights, needSchema, offerSchema, rankOffers, weightsSchema, type Weights } from './matchmaking.js';

type Db = Kysely<Database>;

async function weightsOf(db: Db, ecosystemId: string): Promise<Weights> {
	const stored = await repo.findWeights(db, ecosystemId);
	return stored ? { ...defaultWeights, ...(JSON.parse(stored) as Partial<Weights>) } : defaultWeights;
}

const parseOffer = (o: repo.OfferRow) => ({ ...o, subjects: JSON.parse(o.subjects_json) as string[], grade_bands: JSON.parse(o.grade_bands_json) as string[] });

/** The board: open needs and offers; the backbone also sees needs nobody has answered and how long they have waited. */
export async function listBoard({ db, actor, ecosystemId, now = new Date() }: { db: Db; actor: Actor; ecosystemId: string; now?: Date }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const [needs, offers] = await Promise.all([repo.listOpenNeeds(db, ecosystemId), repo.listOpenOffers(db, ecosystemId)]);
	const backbone = decide(actor, 'ecosystem.matchmaking.manage', { ecosystemId }) === 'allow';
	const withWait = needs.map((n) => ({ ...n, connections: Number(n.connections), waitingDays: daysWaiting(n.created_at, now) }));
	return {
		needs: withWait,
		offers: offers.map(parseOffer),
		unanswered: backbone ? withWait.filter((n) => n.connections === 0).sort((a, b) => b.waitingDays - a.waitingDays) : null,
		weights: backbone ? await weightsOf(db, ecosystemId) : null
	};
}

/** An educator (or any member) posts what their class or school needs. */
export async function postNeed({ db, actor, ecosystemId, input, isDemo = false }: { db: Db; actor: Actor; ecosystemId: string; input: unknown; isDemo?: boolean }): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.needs.post', { ecosystemId });
	const parsed = validate(needSchema, input);
	if (!parsed.ok) return parsed;
	const partnerId = membershipIn(actor, ecosystemId)?.partnerId ?? null;
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertNeed(trx, { ecosystemId, userId: actor.userId, partnerId, isDemo, ...parsed.value });
		await recordAudit(trx, { actor, ecosystemId, action: 'need.post', entityType: 'need', entityId: id, summary: `Posted the need “${parsed.value.title}”` });
		return ok({ id });
	});
}

export async function prepareOfferForm({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partners = await partnersActorActsFor(db, actor, ecosystemId, 'partner.offers.post');
	if (partners.length === 0) throw new DomainError('FORBIDDEN');
	return { partners: partners.map((p) => ({ slug: p.slug, name: p.name })) };
}

/** A partner offers help (a speaker, equipment, a coach, a site to visit…). */
export async function postOffer({
	db,
	actor,
	ecosystemId,
	partnerSlug,
	input,
	isDemo = false
}: {
	db: Db;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
	input: unknown;
	isDemo?: boolean;
}): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await partnerActedFor(db, actor, ecosystemId, partnerSlug, 'partner.offers.post');
	const parsed = validate(offerSchema, input);
	if (!parsed.ok) return parsed;
	if (!partner) return invalid([{ field: 'partner', message: 'Choose the partner organisation making the offer.' }]);
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertOffer(trx, { ecosystemId, partnerId: partner.id, userId: actor.userId, isDemo, ...parsed.value });
		await recordAudit(trx, { actor, ecosystemId, action: 'offer.post', entityType: 'offer', entityId: id, summary: `${partner.name} offered “${parsed.value.title}”` });
		return ok({ id });
	});
}

/** A need with the open offers that could meet it, ranked, each with the reasons it ranks there. */
export async function getNeedWithSuggestions({ db, actor, ecosystemId, needId }: { db: Db; actor: Actor; ecosystemId: string; needId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const need = await repo.findNeed(db, ecosystemId, needId);
	if (!need) throw new DomainError('NEED_NOT_FOUND');
	const offers = (await repo.listOpenOffers(db, ecosystemId)).map(parseOffer);
	// The same ZIP centroids as the program finder (geo/zip-centroids.ts, the `zipcodes` package).
	const located = offers.map((o) => ({ ...o, location: packageZipCentroid(o.zip) ?? null }));
	const suggestions = rankOffers({ ...need, location: packageZipCentroid(need.zip) ?? null }, located, await weightsOf(db, ecosystemId));
	const connections = await repo.listConnections(db, ecosystemId, need.id);
	const isPoster = need.posted_by_user_id === actor.userId;
	return {
		need,
		isPoster,
		canClose: need.closed_at === null && (isPoster || decide(actor, 'ecosystem.matchmaking.manage', { ecosystemId }) === 'allow'),
		suggestions: suggestions.map((s) => ({
			score: s.score,
			reasons: s.reasons,
			offer: { id: s.offer.id, title: s.offer.title, partnerName: s.offer.partner_name, partnerId: s.offer.partner_id, zip: s.offer.zip, kind: s.offer.kind },
			canConnect: need.posted_by_user_id === actor.userId || decide(actor, 'partner.offers.post', { ecosystemId, partnerId: s.offer.partner_id }) === 'allow',
			connected: connections.some((c) => c.offer_id === s.offer.id)
		})),
		connections
	};
}

/**
 * Either side connects a need with an offer: the need's poster, or staff of the offering partner.
 * The other side gets an email through the outbox with the message and how to reply.
 */
export async function connectNeedAndOffer({
	ctx,
	actor,
	ecosystemId,
	needId,
	offerId,
	message = '',
	locale = 'en'
}: {
	ctx: Pick<AppContext, 'mailer'> & { db: { kysely: Db } };
	actor: Actor;
	ecosystemId: string;
	needId: string;
	offerId: string;
	message?: string;
	locale?: 'en' | 'es';
}): Promise<Outcome<null>> {
	const db = ctx.db.kysely;
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const need = await repo.findNeed(db, ecosystemId, needId);
	if (!need) throw new DomainError('NEED_NOT_FOUND');
	const offer = (await repo.listOpenOffers(db, ecosystemId)).find((o) => o.id === offerId);
	if (!offer) throw new DomainError('OFFER_NOT_FOUND');
	const fromNeedSide = need.posted_by_user_id === actor.userId;
	if (!fromNeedSide) requireAccess(actor, 'partner.offers.post', { ecosystemId, partnerId: offer.partner_id });
	const note = message.trim().slice(0, 1000);
	const to = fromNeedSide ? (offer.poster_email ?? offer.partner_email) : need.poster_email;
	let mail: OutgoingMessage | null = null;
	try {
		await db.transaction().execute(async (trx) => {
			const id = await repo.insertConnection(trx, { ecosystemId, needId: need.id, offerId: offer.id, userId: actor.userId, message: note });
			await recordAudit(trx, { actor, ecosystemId, action: 'match.connect', entityType: 'match_connection', entityId: id, summary: `Connected the need “${need.title}” with “${offer.title}” (${offer.partner_name})` });
		});
	} catch (error) {
		if (isUniqueViolation(error)) return invalid([{ field: 'offer', message: 'These two are already connected.' }]);
		throw error;
	}
	if (to) {
		mail = {
			ecosystemId,
			to,
			subject: m.match_mail_subject({ need: need.title }, { locale }),
			text: m.match_mail_body({ from: actor.name, email: actor.email, need: need.title, offer: offer.title, message: note || '—' }, { locale }),
			kind: 'match_connection'
		};
		await ctx.mailer.send(mail);
	}
	return ok(null);
}

/** Backbone staff tune how much each consideration counts in the ranking. */
export async function saveMatchmakingWeights({ db, actor, ecosystemId, input }: { db: Db; actor: Actor; ecosystemId: string; input: unknown }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.matchmaking.manage', { ecosystemId });
	const parsed = validate(weightsSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		await repo.saveWeights(trx, ecosystemId, JSON.stringify(parsed.value));
		await recordAudit(trx, { actor, ecosystemId, action: 'matchmaking.weights', entityType: 'ecosystem', entityId: ecosystemId, summary: 'Changed the matchmaking weights', detail: parsed.value });
		return ok(null);
	});
}

/**
 * The need's poster (or backbone staff) closes it: answered, or no longer needed. A closed need
 * leaves the board and the backbone's "waiting" list; its page stays for the record.
 */
export async function closeNeed({ db, actor, ecosystemId, needId, input }: { db: Db; actor: Actor; ecosystemId: string; needId: string; input: unknown }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.needs.post', { ecosystemId });
	const need = await repo.findNeed(db, ecosystemId, needId);
	if (!need) throw new DomainError('NEED_NOT_FOUND');
	if (need.posted_by_user_id !== actor.userId) requireAccess(actor, 'ecosystem.matchmaking.manage', { ecosystemId });
	const parsed = validate(closeNeedSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		if ((await repo.closeNeed(trx, ecosystemId, need.id, parsed.value.reason)) === 0) return invalid([{ field: 'reason', message: 'This need is already closed.' }]);
		await recordAudit(trx, { actor, ecosystemId, action: 'need.close', entityType: 'need', entityId: need.id, summary: `Closed the need “${need.title}” (${parsed.value.reason === 'answered' ? 'answered' : 'no longer needed'})` });
		return ok(null);
	});
}

/** An offer as its partner's staff edit it (404 for anyone else, so offers of others are not probed). */
async function offerOfActor(db: Db, actor: Actor, ecosystemId: string, offerId: string) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const offer = await repo.findOffer(db, ecosystemId, offerId);
	if (!offer) throw new DomainError('OFFER_NOT_FOUND');
	requireAccess(actor, 'partner.offers.post', { ecosystemId, partnerId: offer.partner_id });
	return offer;
}

export async function getOfferForEdit({ db, actor, ecosystemId, offerId }: { db: Db; actor: Actor; ecosystemId: string; offerId: string }) {
	const offer = await offerOfActor(db, actor, ecosystemId, offerId);
	return { ...offer, subjects: JSON.parse(offer.subjects_json) as string[], grade_bands: JSON.parse(offer.grade_bands_json) as string[] };
}

/** Staff of the offering partner (or backbone staff) change an open offer. */
export async function editOffer({ db, actor, ecosystemId, offerId, input }: { db: Db; actor: Actor; ecosystemId: string; offerId: string; input: unknown }): Promise<Outcome<null>> {
	const offer = await offerOfActor(db, actor, ecosystemId, offerId);
	const parsed = validate(offerSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		if ((await repo.updateOffer(trx, ecosystemId, offer.id, parsed.value)) === 0) return invalid([{ field: 'title', message: 'This offer is closed and can no longer be changed.' }]);
		await recordAudit(trx, { actor, ecosystemId, action: 'offer.edit', entityType: 'offer', entityId: offer.id, summary: `Edited the offer “${parsed.value.title}”` });
		return ok(null);
	});
}

/** Staff of the offering partner (or backbone staff) close an offer: it is no longer suggested. */
export async function closeOffer({ db, actor, ecosystemId, offerId }: { db: Db; actor: Actor; ecosystemId: string; offerId: string }): Promise<void> {
	const offer = await offerOfActor(db, actor, ecosystemId, offerId);
	await db.transaction().execute(async (trx) => {
		if ((await repo.closeOffer(trx, ecosystemId, offer.id)) === 0) return;
		await recordAudit(trx, { actor, ecosystemId, action: 'offer.close', entityType: 'offer', entityId: offer.id, summary: `Closed the offer “${offer.title}”` });
	});
}

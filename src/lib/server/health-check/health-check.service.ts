/**
 * The collective-health self-check. Backbone staff open and close rounds (`ecosystem.agenda.manage`);
 * a partner admin answers for their partner (`partner.health_check.answer`); every member sees
 * the network's aggregates over time; only the backbone reads each partner's answers
 * (`ecosystem.health_check.review`, two-factor).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { conditions } from '../ecosystems/ecosystems.js';
import * as repo from './health-check.repository.js';
import { aggregateRound, answerSchema, parseAnswers, roundSchema, type RoundAggregate } from './health-check.js';

type Db = Kysely<Database>;

export async function openRound({ db, actor, ecosystemId, input }: { db: Db; actor: Actor; ecosystemId: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	const parsed = validate(roundSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		// One round is open at a time, so partners always answer the current one.
		const closed = await repo.closeRounds(trx, ecosystemId);
		const id = await repo.insertRound(trx, ecosystemId, parsed.value);
		await recordAudit(trx, { actor, ecosystemId, action: 'health_check.round.open', entityType: 'health_check_round', entityId: id, summary: `Opened the self-check “${parsed.value.title}”${closed ? ' and closed the previous one' : ''}` });
		return ok({ id });
	});
}

export async function closeRound({ db, actor, ecosystemId, roundId }: { db: Db; actor: Actor; ecosystemId: string; roundId: string }): Promise<void> {
	requireAccess(actor, 'ecosystem.agenda.manage', { ecosystemId });
	await db.transaction().execute(async (trx) => {
		if ((await repo.closeRounds(trx, ecosystemId, roundId)) === 0) throw new DomainError('NOT_FOUND', 'There is no open self-check with that id.');
		await recordAudit(trx, { actor, ecosystemId, action: 'health_check.round.close', entityType: 'health_check_round', entityId: roundId, summary: 'Closed a self-check round' });
	});
}

async function roundsWithAnswers(db: Db, ecosystemId: string) {
	const [rounds, responses] = await Promise.all([repo.listRounds(db, ecosystemId), repo.listResponses(db, ecosystemId)]);
	return rounds.map((round) => ({
		round,
		responses: responses.filter((r) => r.round_id === round.id).map((r) => ({ ...r, answers: parseAnswers(r.answers_json) }))
	}));
}

/** The network's results over time: every member of the ecosystem may read them. */
export async function getNetworkResults({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }): Promise<{
	rounds: { id: string; title: string; year: number; open: boolean; aggregate: RoundAggregate }[];
}> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const rounds = await roundsWithAnswers(db, ecosystemId);
	return {
		rounds: rounds.map(({ round, responses }) => ({
			id: round.id,
			title: round.title,
			year: Number(round.year),
			open: round.closed_at === null,
			aggregate: aggregateRound(responses.flatMap((r) => (r.answers ? [r.answers] : [])))
		}))
	};
}

/** Each partner's own answers: the backbone only. */
export async function getPartnerAnswers({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.health_check.review', { ecosystemId });
	const rounds = await roundsWithAnswers(db, ecosystemId);
	return rounds.map(({ round, responses }) => ({
		id: round.id,
		title: round.title,
		open: round.closed_at === null,
		responses: responses.map((r) => ({ id: r.id, partner: r.partner_name, answers: r.answers, comment: r.comment, submittedAt: r.submitted_at }))
	}));
}

async function answeringPartner(db: Db, actor: Actor, ecosystemId: string, partnerSlug: string) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await db.selectFrom('partner').select(['id', 'name', 'slug']).where('ecosystem_id', '=', ecosystemId).where('slug', '=', partnerSlug).executeTakeFirst();
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	requireAccess(actor, 'partner.health_check.answer', { ecosystemId, partnerId: partner.id });
	return { ...partner, userId: actor.userId };
}

/** What a partner admin's self-check page shows: the open round and the partner's current answer. */
export async function getPartnerSelfCheck({ db, actor, ecosystemId, partnerSlug }: { db: Db; actor: Actor; ecosystemId: string; partnerSlug: string }) {
	const partner = await answeringPartner(db, actor, ecosystemId, partnerSlug);
	const round = await repo.findOpenRound(db, ecosystemId);
	const own = round ? (await repo.listResponses(db, ecosystemId)).find((r) => r.round_id === round.id && r.partner_id === partner.id) : undefined;
	return {
		partner: { id: partner.id, name: partner.name, slug: partner.slug },
		round: round ? { id: round.id, title: round.title, year: Number(round.year) } : null,
		answers: own ? { ...parseAnswers(own.answers_json), comment: own.comment } : null
	};
}

export async function answerSelfCheck({ db, actor, ecosystemId, partnerSlug, input }: { db: Db; actor: Actor; ecosystemId: string; partnerSlug: string; input: unknown }): Promise<Outcome<null>> {
	const partner = await answeringPartner(db, actor, ecosystemId, partnerSlug);
	const parsed = validate(answerSchema, input);
	if (!parsed.ok) return parsed;
	const { comment, ...levels } = parsed.value;
	return db.transaction().execute(async (trx): Promise<Outcome<null>> => {
		const round = await repo.findOpenRound(trx, ecosystemId);
		if (!round) return invalid([{ field: 'form', message: 'There is no open self-check to answer right now.' }]);
		const answers = Object.fromEntries(conditions.map((c) => [c, levels[c]]));
		await repo.saveResponse(trx, ecosystemId, { roundId: round.id, partnerId: partner.id, answersJson: JSON.stringify(answers), comment, userId: partner.userId });
		await recordAudit(trx, { actor, ecosystemId, action: 'health_check.answer', entityType: 'health_check_round', entityId: round.id, summary: `${partner.name} answered the self-check “${round.title}”` });
		return ok(null);
	});
}

/**
 * Program-quality and outcome instruments. Backbone staff define and publish instruments; partner
 * staff run them with their own participants (anonymous pre and post links, or staff entry of
 * paper answers) and see their own change beside the network's, both suppressed below the
 * ecosystem's threshold. Anyone with a link may answer; nothing asks for a name.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import { decide, publicActor, type Actor, type SignedInActor } from '../auth/roles.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { resolveThreshold } from '../measurement/suppression.js';
import { randomToken, sha256, slugify } from '../util.js';
import * as repo from './instruments.repository.js';
import { requestBudgetSpent, takeRequestBudget } from '../http/request-budget.js';
import { listActivities } from '../agenda/agenda.repository.js';
import { createMeasure } from '../agenda/agenda.service.js';
import {
	choiceCounts,
	instrumentSchema,
	pairResponses,
	resultRows,
	validateItem,
	validateResponse,
	type Item,
	type Phase,
	type ResponseRecord
} from './instruments.js';

type Db = Kysely<Database>;
interface Scoped {
	db: Db;
	actor: Actor;
	ecosystemId: string;
}

const manages = (actor: Actor, ecosystemId: string) => decide(actor, 'ecosystem.instruments.manage', { ecosystemId }) === 'allow';

/** The partner a partner-staff member works for in this ecosystem (null for other roles). */
function ownPartnerId(actor: Actor, ecosystemId: string): string | null {
	if (actor.kind !== 'user') return null;
	return actor.memberships.find((m) => m.ecosystemId === ecosystemId)?.partnerId ?? null;
}

async function threshold(db: Executor, ecosystemId: string): Promise<number> {
	const row = await db.selectFrom('ecosystem').select('suppression_threshold').where('id', '=', ecosystemId).executeTakeFirst();
	return resolveThreshold(Number(row?.suppression_threshold ?? 11));
}

async function instrumentFor(db: Executor, actor: Actor, ecosystemId: string, slug: string) {
	const instrument = await repo.findInstrumentBySlug(db, ecosystemId, slug);
	// Drafts are the backbone's work in progress: to anyone else they do not exist yet.
	if (!instrument || (!instrument.published_at && !manages(actor, ecosystemId))) throw new DomainError('INSTRUMENT_NOT_FOUND');
	return instrument;
}

/** Instruments for the workspace: every one for backbone staff, published ones for partner staff. */
export async function listInstruments({ db, actor, ecosystemId }: Scoped) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const isManager = manages(actor, ecosystemId);
	const partnerId = ownPartnerId(actor, ecosystemId);
	if (!isManager && !(partnerId && decide(actor, 'partner.instruments.run', { ecosystemId, partnerId }) === 'allow')) throw new DomainError('FORBIDDEN');
	return { instruments: await repo.listInstruments(db, ecosystemId, !isManager), canManage: isManager };
}

export async function createInstrument({ db, actor, ecosystemId, input }: Scoped & { input: unknown }): Promise<Outcome<{ slug: string }>> {
	requireAccess(actor, 'ecosystem.instruments.manage', { ecosystemId });
	const parsed = validate(instrumentSchema, input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx) => {
		const base = slugify(v.title) || 'instrument';
		let slug = base;
		for (let n = 2; await repo.slugTaken(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
		const id = await repo.insertInstrument(trx, ecosystemId, { slug, kind: v.kind, title: v.title, title_es: v.title_es, intro: v.intro ?? '', intro_es: v.intro_es ?? '', userId: (actor as SignedInActor).userId });
		await recordAudit(trx, { actor, ecosystemId, action: 'instrument.create', entityType: 'instrument', entityId: id, summary: `Created the instrument “${v.title}”` });
		return ok({ slug });
	});
}

/** Adds a question to a draft. Published instruments are frozen, so earlier answers keep their meaning. */
export async function addItem({ db, actor, ecosystemId, slug, input }: Scoped & { slug: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.instruments.manage', { ecosystemId });
	const instrument = await instrumentFor(db, actor, ecosystemId, slug);
	if (instrument.published_at) return invalid([{ field: 'form', message: 'This instrument is published; its questions can no longer change. Create a new instrument instead.' }]);
	const parsed = validateItem(input);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertItem(trx, ecosystemId, instrument.id, {
			type: v.type,
			scale: v.type === 'likert' ? (v.scale ?? null) : null,
			scale_es: v.type === 'likert' ? (v.scale_es ?? null) : null,
			prompt: v.prompt,
			prompt_es: v.prompt_es,
			options: v.parsedOptions
		});
		await recordAudit(trx, { actor, ecosystemId, action: 'instrument.item.add', entityType: 'instrument_item', entityId: id, summary: `Added a question to “${instrument.title}”` });
		return ok({ id });
	});
}

export async function publishInstrument({ db, actor, ecosystemId, slug }: Scoped & { slug: string }): Promise<Outcome<{ slug: string }>> {
	requireAccess(actor, 'ecosystem.instruments.manage', { ecosystemId });
	const instrument = await instrumentFor(db, actor, ecosystemId, slug);
	if (instrument.published_at) return ok({ slug });
	return db.transaction().execute(async (trx) => {
		if ((await repo.listItems(trx, ecosystemId, instrument.id)).length === 0) return invalid<{ slug: string }>([{ field: 'form', message: 'Add at least one question before publishing.' }]);
		await repo.publishInstrument(trx, ecosystemId, instrument.id);
		await recordAudit(trx, { actor, ecosystemId, action: 'instrument.publish', entityType: 'instrument', entityId: instrument.id, summary: `Published the instrument “${instrument.title}”` });
		return ok({ slug });
	});
}

/**
 * An instrument's page: its questions; for partner staff their runs and their own results beside
 * the network's; for backbone staff the network's results. Every change shown stands on at least
 * the ecosystem's threshold of pairs (instruments.ts explains the network rule).
 */
export async function getInstrument({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const instrument = await instrumentFor(db, actor, ecosystemId, slug);
	const isManager = manages(actor, ecosystemId);
	const partnerId = ownPartnerId(actor, ecosystemId);
	const runsFor = partnerId && decide(actor, 'partner.instruments.run', { ecosystemId, partnerId }) === 'allow' ? partnerId : null;
	if (!isManager && !runsFor) throw new DomainError('FORBIDDEN');
	const items = await repo.listItems(db, ecosystemId, instrument.id);
	const [responses, limit] = await Promise.all([repo.listResponses(db, ecosystemId, instrument.id), threshold(db, ecosystemId)]);
	const own = runsFor ? responses.filter((r) => r.partnerId === runsFor) : null;
	const ownPairing = own ? pairResponses(own) : null;
	const network = pairResponses(responses);
	return {
		instrument,
		items,
		canManage: isManager,
		runs: runsFor ? await repo.listRuns(db, ecosystemId, instrument.id, runsFor) : [],
		// The partner's common-agenda activities a shown result can become a performance measure of.
		activities: runsFor && decide(actor, 'partner.activities.manage', { ecosystemId, partnerId: runsFor }) === 'allow' ? await listActivities(db, ecosystemId, runsFor) : [],
		threshold: limit,
		counts: own ? { pre: own.filter((r) => r.phase === 'pre').length, post: own.filter((r) => r.phase === 'post').length, pairs: ownPairing!.pairs.length, unpaired: ownPairing!.unpaired } : null,
		results: resultRows({ items, ownPairs: ownPairing?.pairs ?? null, networkPairs: network.pairs, threshold: limit }),
		choices: own ? choiceSummaries(items, own, limit) : []
	};
}

function choiceSummaries(items: Item[], responses: ResponseRecord[], limit: number) {
	return items
		.filter((item) => item.type === 'choice')
		.map((item) => ({ item, pre: choiceCounts(item, responses, 'pre', limit), post: choiceCounts(item, responses, 'post', limit) }));
}

/** A run of the actor's own partner; other partners' runs do not exist as far as they can tell. */
async function ownRun(db: Executor, actor: Actor, ecosystemId: string, slug: string, runId: string) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partnerId = ownPartnerId(actor, ecosystemId);
	if (!partnerId) throw new DomainError('FORBIDDEN');
	requireAccess(actor, 'partner.instruments.run', { ecosystemId, partnerId });
	const instrument = await instrumentFor(db, actor, ecosystemId, slug);
	const run = await repo.findRun(db, ecosystemId, instrument.id, runId);
	if (!run || run.partner_id !== partnerId) throw new DomainError('INSTRUMENT_RUN_NOT_FOUND');
	return { instrument, run };
}

/** The staff-entry page of one of the actor's runs. */
export async function getRun({ db, actor, ecosystemId, slug, runId }: Scoped & { slug: string; runId: string }) {
	const { instrument, run } = await ownRun(db, actor, ecosystemId, slug, runId);
	return { instrument, run, items: await repo.listItems(db, ecosystemId, instrument.id) };
}

const newLinks = () => {
	const pre = randomToken();
	const post = randomToken();
	return { tokens: { pre, post }, hashes: { pre: sha256(pre), post: sha256(post) } };
};

/**
 * A partner starts a run (one cohort) of a published instrument. The two link secrets are returned
 * once and only their hashes are stored; losing them means making new ones.
 */
export async function createRun({ db, actor, ecosystemId, slug, input }: Scoped & { slug: string; input: unknown }): Promise<Outcome<{ runId: string; tokens: { pre: string; post: string } }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partnerId = ownPartnerId(actor, ecosystemId);
	if (!partnerId) throw new DomainError('FORBIDDEN');
	requireAccess(actor, 'partner.instruments.run', { ecosystemId, partnerId });
	const instrument = await instrumentFor(db, actor, ecosystemId, slug);
	if (!instrument.published_at) return invalid([{ field: 'form', message: 'Publish the instrument before running it.' }]);
	const name = String((input as Record<string, unknown> | null)?.name ?? '').trim();
	if (name.length < 3 || name.length > 120) return invalid([{ field: 'name', message: 'Name the group or cohort in 3 to 120 characters, for example “Spring robotics club”.' }]);
	const { tokens, hashes } = newLinks();
	return db.transaction().execute(async (trx) => {
		const runId = await repo.insertRun(trx, ecosystemId, { instrumentId: instrument.id, partnerId, name, preTokenHash: hashes.pre, postTokenHash: hashes.post, userId: (actor as SignedInActor).userId });
		await recordAudit(trx, { actor, ecosystemId, action: 'instrument.run.create', entityType: 'instrument_run', entityId: runId, summary: `Started “${name}” with the instrument “${instrument.title}”` });
		return ok({ runId, tokens });
	});
}

/** New pre and post links for a run; the old ones stop working. */
export async function renewLinks({ db, actor, ecosystemId, slug, runId }: Scoped & { slug: string; runId: string }): Promise<{ runId: string; tokens: { pre: string; post: string } }> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const { run } = await ownRun(db, actor, ecosystemId, slug, runId);
	const { tokens, hashes } = newLinks();
	await db.transaction().execute(async (trx) => {
		await repo.replaceRunTokens(trx, ecosystemId, run.id, hashes);
		await recordAudit(trx, { actor, ecosystemId, action: 'instrument.run.links', entityType: 'instrument_run', entityId: run.id, summary: `Made new survey links for “${run.name}”` });
	});
	return { runId: run.id, tokens };
}

/** Closing a run stops its links from taking answers; staff can still enter paper answers. */
export async function closeRun({ db, actor, ecosystemId, slug, runId }: Scoped & { slug: string; runId: string }): Promise<void> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const { run } = await ownRun(db, actor, ecosystemId, slug, runId);
	await db.transaction().execute(async (trx) => {
		await repo.closeRun(trx, ecosystemId, run.id);
		await recordAudit(trx, { actor, ecosystemId, action: 'instrument.run.close', entityType: 'instrument_run', entityId: run.id, summary: `Closed the survey links of “${run.name}”` });
	});
}

const codeTaken = { field: 'participant_code', message: 'This participant code has already answered this survey. If that was not you, choose another code.' };

async function saveResponse(
	db: Db,
	args: { ecosystemId: string; instrumentId: string; runId: string; partnerId: string; phase: Phase; code: string | null; entry: 'link' | 'staff'; actor: Actor; answers: Record<string, number>; summary: string }
): Promise<Outcome<{ id: string }>> {
	return db.transaction().execute(async (trx) => {
		// The unique index is the guarantee; this check turns the common case into a clear message.
		if (args.code && (await repo.codeUsed(trx, args.ecosystemId, args.runId, args.phase, args.code))) return invalid<{ id: string }>([codeTaken]);
		const id = await repo.insertResponse(trx, args.ecosystemId, {
			instrumentId: args.instrumentId,
			runId: args.runId,
			partnerId: args.partnerId,
			phase: args.phase,
			code: args.code,
			entry: args.entry,
			userId: args.actor.kind === 'user' ? args.actor.userId : null,
			answers: args.answers
		});
		await recordAudit(trx, { actor: args.actor, ecosystemId: args.ecosystemId, action: 'instrument.response', entityType: 'instrument_response', entityId: id, summary: args.summary });
		return ok({ id });
	});
}

/** Partner staff type in one participant's paper answers. */
export async function enterResponse({ db, actor, ecosystemId, slug, runId, input }: Scoped & { slug: string; runId: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const { instrument, run } = await ownRun(db, actor, ecosystemId, slug, runId);
	const items = await repo.listItems(db, ecosystemId, instrument.id);
	const parsed = validateResponse(items, input, true);
	if (!parsed.ok) return parsed;
	const v = parsed.value;
	return saveResponse(db, { ecosystemId, instrumentId: instrument.id, runId: run.id, partnerId: run.partner_id, phase: v.phase!, code: v.code, entry: 'staff', actor, answers: v.answers, summary: `Entered ${v.phase} answers for “${run.name}”` });
}

/**
 * Budgets of the anonymous survey pages, per client (a keyed hash of its network address) and
 * window. A class answering from one school network shares an address, so the request budget is
 * generous; links that do not exist are what guessing produces, so a handful of those spends the
 * client's whole survey budget for the window: it then gets 429 for every survey link, valid or
 * not, and learns nothing from further guesses.
 */
export const SURVEY_WINDOW_MS = 10 * 60 * 1000;
export const SURVEY_REQUEST_LIMIT = 300;
export const SURVEY_MISS_LIMIT = 10;

async function openSurvey(db: Executor, token: string, client: string, now: Date) {
	if (await requestBudgetSpent(db, `survey-miss:${client}`, SURVEY_MISS_LIMIT, SURVEY_WINDOW_MS, now)) throw new DomainError('TOO_MANY_REQUESTS');
	if (!(await takeRequestBudget(db, `survey:${client}`, SURVEY_REQUEST_LIMIT, SURVEY_WINDOW_MS, now))) throw new DomainError('TOO_MANY_REQUESTS');
	const run = token.length >= 20 && token.length <= 100 ? await repo.findRunByTokenHash(db, sha256(token)) : undefined;
	if (!run || run.closed_at || !run.published_at) {
		await takeRequestBudget(db, `survey-miss:${client}`, SURVEY_MISS_LIMIT, SURVEY_WINDOW_MS, now);
		throw new DomainError('SURVEY_LINK_INVALID');
	}
	return run;
}

interface SurveyRequest {
	db: Db;
	token: string;
	/** Who is asking, for the request budget: an opaque key (the route passes a keyed hash of the address). */
	client: string;
	now?: Date;
}

/** The anonymous survey behind a link: its questions and whether it is the pre or post survey. */
export async function getSurvey({ db, token, client, now = new Date() }: SurveyRequest) {
	const run = await openSurvey(db, token, client, now);
	return { run, items: await repo.listItems(db, run.ecosystem_id, run.instrument_id) };
}

/** A participant answers through an anonymous link. No account, no name, no signed-in identity kept. */
export async function submitSurvey({ db, token, input, client, now = new Date() }: SurveyRequest & { input: unknown }): Promise<Outcome<{ phase: Phase }>> {
	const run = await openSurvey(db, token, client, now);
	const items = await repo.listItems(db, run.ecosystem_id, run.instrument_id);
	const parsed = validateResponse(items, input, false);
	if (!parsed.ok) return parsed;
	const saved = await saveResponse(db, {
		ecosystemId: run.ecosystem_id,
		instrumentId: run.instrument_id,
		runId: run.id,
		partnerId: run.partner_id,
		phase: run.phase,
		code: parsed.value.code,
		entry: 'link',
		// Always the public actor: a signed-in person answering must not tie their account to answers.
		actor: publicActor,
		answers: parsed.value.answers,
		summary: `A participant answered the ${run.phase} survey through a link`
	});
	return saved.ok ? ok({ phase: run.phase }) : saved;
}

/**
 * Turns one of the partner's shown results (a scale's or question's mean change) into a
 * performance measure ("is anyone better off?") of one of its common-agenda activities, through
 * the agenda service. Hidden or empty results cannot become measures. Each press adds a new
 * measure: the agenda has no update of measures yet.
 */
export async function recordAsMeasure({ db, actor, ecosystemId, slug, input }: Scoped & { slug: string; input: { activity_id?: string; row?: string; year?: string } }): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partnerId = ownPartnerId(actor, ecosystemId);
	if (!partnerId) throw new DomainError('FORBIDDEN');
	requireAccess(actor, 'partner.instruments.run', { ecosystemId, partnerId });
	const page = await getInstrument({ db, actor, ecosystemId, slug });
	const row = page.results.find((r) => r.key === input.row);
	const year = Number(input.year);
	const issues = [
		...(row?.own?.state === 'shown' ? [] : [{ field: 'row', message: 'Choose one of your results that is shown; hidden or empty results cannot become measures.' }]),
		...(Number.isInteger(year) && year >= 2000 && year <= 2100 ? [] : [{ field: 'year', message: 'Enter the year as 4 digits, for example 2026.' }])
	];
	if (issues.length) return invalid(issues);
	const change = (row!.own as { state: 'shown'; change: { meanChange: number | null; n: number } }).change;
	const partner = await db.selectFrom('partner').select('slug').where('ecosystem_id', '=', ecosystemId).where('id', '=', partnerId).executeTakeFirstOrThrow();
	const cut = (text: string) => (text.length > 200 ? `${text.slice(0, 199)}…` : text);
	return createMeasure({
		db,
		actor,
		ecosystemId,
		partnerSlug: partner.slug,
		input: {
			activity_id: input.activity_id ?? '',
			name: cut(`${page.instrument.title}: mean change, ${row!.label}`),
			name_es: cut(`${page.instrument.title_es}: cambio medio, ${row!.label_es}`),
			kind: 'better_off',
			polarity: 'up',
			values: `${year}: ${(change.meanChange ?? 0).toFixed(2)}`
		}
	});
}

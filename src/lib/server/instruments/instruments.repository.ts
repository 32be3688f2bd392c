import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';
import type { Answers, ChoiceOption, InstrumentKind, Item, ItemType, Phase, ResponseRecord } from './instruments.js';

export interface InstrumentRow {
	id: string;
	slug: string;
	kind: InstrumentKind;
	title: string;
	title_es: string;
	intro: string;
	intro_es: string;
	published_at: string | null;
	is_demo: number;
}

const instrumentColumns = ['id', 'slug', 'kind', 'title', 'title_es', 'intro', 'intro_es', 'published_at', 'is_demo'] as const;

export async function listInstruments(db: Executor, ecosystemId: string, publishedOnly: boolean): Promise<InstrumentRow[]> {
	let query = db.selectFrom('instrument').select(instrumentColumns).where('ecosystem_id', '=', ecosystemId);
	if (publishedOnly) query = query.where('published_at', 'is not', null);
	return query.orderBy('title').execute();
}

export async function findInstrumentBySlug(db: Executor, ecosystemId: string, slug: string): Promise<InstrumentRow | undefined> {
	return db.selectFrom('instrument').select(instrumentColumns).where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst();
}

export async function slugTaken(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await db.selectFrom('instrument').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

export async function insertInstrument(
	db: Executor,
	ecosystemId: string,
	values: { slug: string; kind: InstrumentKind; title: string; title_es: string; intro: string; intro_es: string; userId: string | null; isDemo?: boolean }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('instrument')
		.values({
			id,
			ecosystem_id: ecosystemId,
			slug: values.slug,
			kind: values.kind,
			title: values.title,
			title_es: values.title_es,
			intro: values.intro,
			intro_es: values.intro_es,
			is_demo: values.isDemo ? 1 : 0,
			created_by_user_id: values.userId,
			created_at: nowIso()
		})
		.execute();
	return id;
}

export async function publishInstrument(db: Executor, ecosystemId: string, id: string): Promise<void> {
	await db.updateTable('instrument').set({ published_at: nowIso() }).where('ecosystem_id', '=', ecosystemId).where('id', '=', id).execute();
}

export async function listItems(db: Executor, ecosystemId: string, instrumentId: string): Promise<Item[]> {
	const rows = await db
		.selectFrom('instrument_item')
		.select(['id', 'position', 'type', 'scale', 'scale_es', 'prompt', 'prompt_es', 'options_json'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('instrument_id', '=', instrumentId)
		.orderBy('position')
		.execute();
	return rows.map(({ options_json, ...r }) => ({ ...r, options: JSON.parse(options_json) as ChoiceOption[] }));
}

export async function insertItem(
	db: Executor,
	ecosystemId: string,
	instrumentId: string,
	values: { type: ItemType; scale: string | null; scale_es: string | null; prompt: string; prompt_es: string; options: ChoiceOption[] }
): Promise<string> {
	const last = await db
		.selectFrom('instrument_item')
		.select((eb) => eb.fn.max('position').as('position'))
		.where('ecosystem_id', '=', ecosystemId)
		.where('instrument_id', '=', instrumentId)
		.executeTakeFirst();
	const id = newId();
	await db
		.insertInto('instrument_item')
		.values({
			id,
			ecosystem_id: ecosystemId,
			instrument_id: instrumentId,
			position: Number(last?.position ?? 0) + 1,
			type: values.type,
			scale: values.scale,
			scale_es: values.scale_es,
			prompt: values.prompt,
			prompt_es: values.prompt_es,
			options_json: JSON.stringify(values.options)
		})
		.execute();
	return id;
}

export interface RunRow {
	id: string;
	instrument_id: string;
	partner_id: string;
	name: string;
	closed_at: string | null;
	created_at: string;
}

const runColumns = ['r.id', 'r.instrument_id', 'r.partner_id', 'r.name', 'r.closed_at', 'r.created_at'] as const;

export async function listRuns(db: Executor, ecosystemId: string, instrumentId: string, partnerId: string) {
	return db
		.selectFrom('instrument_run as r')
		.select(runColumns)
		.select((eb) => [
			eb.selectFrom('instrument_response as p').select((e) => e.fn.countAll<number>().as('n')).whereRef('p.run_id', '=', 'r.id').where('p.phase', '=', 'pre').as('pre_count'),
			eb.selectFrom('instrument_response as p').select((e) => e.fn.countAll<number>().as('n')).whereRef('p.run_id', '=', 'r.id').where('p.phase', '=', 'post').as('post_count')
		])
		.where('r.ecosystem_id', '=', ecosystemId)
		.where('r.instrument_id', '=', instrumentId)
		.where('r.partner_id', '=', partnerId)
		.orderBy('r.created_at', 'desc')
		.execute();
}

export async function findRun(db: Executor, ecosystemId: string, instrumentId: string, runId: string): Promise<RunRow | undefined> {
	return db
		.selectFrom('instrument_run as r')
		.select(runColumns)
		.where('r.ecosystem_id', '=', ecosystemId)
		.where('r.instrument_id', '=', instrumentId)
		.where('r.id', '=', runId)
		.executeTakeFirst();
}

export async function insertRun(
	db: Executor,
	ecosystemId: string,
	values: { instrumentId: string; partnerId: string; name: string; preTokenHash: string; postTokenHash: string; userId: string | null }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('instrument_run')
		.values({
			id,
			ecosystem_id: ecosystemId,
			instrument_id: values.instrumentId,
			partner_id: values.partnerId,
			name: values.name,
			pre_token_hash: values.preTokenHash,
			post_token_hash: values.postTokenHash,
			created_by_user_id: values.userId,
			created_at: nowIso()
		})
		.execute();
	return id;
}

export async function replaceRunTokens(db: Executor, ecosystemId: string, runId: string, hashes: { pre: string; post: string }): Promise<void> {
	await db.updateTable('instrument_run').set({ pre_token_hash: hashes.pre, post_token_hash: hashes.post }).where('ecosystem_id', '=', ecosystemId).where('id', '=', runId).execute();
}

export async function closeRun(db: Executor, ecosystemId: string, runId: string): Promise<void> {
	await db.updateTable('instrument_run').set({ closed_at: nowIso() }).where('ecosystem_id', '=', ecosystemId).where('id', '=', runId).where('closed_at', 'is', null).execute();
}

/**
 * The run an anonymous link opens, across ecosystems (the link carries no ecosystem): by the
 * hash of its secret, pre or post.
 */
export async function findRunByTokenHash(db: Executor, hash: string) {
	const row = await db
		.selectFrom('instrument_run as r')
		.innerJoin('instrument as i', 'i.id', 'r.instrument_id')
		.innerJoin('partner as p', 'p.id', 'r.partner_id')
		.select(['r.id', 'r.ecosystem_id', 'r.instrument_id', 'r.partner_id', 'r.closed_at', 'r.pre_token_hash', 'i.title', 'i.title_es', 'i.intro', 'i.intro_es', 'i.published_at', 'p.name as partner_name'])
		.where((eb) => eb.or([eb('r.pre_token_hash', '=', hash), eb('r.post_token_hash', '=', hash)]))
		.executeTakeFirst();
	if (!row) return undefined;
	const { pre_token_hash, ...rest } = row;
	return { ...rest, phase: (pre_token_hash === hash ? 'pre' : 'post') as Phase };
}

export async function codeUsed(db: Executor, ecosystemId: string, runId: string, phase: Phase, code: string): Promise<boolean> {
	return !!(await db
		.selectFrom('instrument_response')
		.select('id')
		.where('ecosystem_id', '=', ecosystemId)
		.where('run_id', '=', runId)
		.where('phase', '=', phase)
		.where('participant_code', '=', code)
		.executeTakeFirst());
}

export async function insertResponse(
	db: Executor,
	ecosystemId: string,
	values: { instrumentId: string; runId: string; partnerId: string; phase: Phase; code: string | null; entry: 'link' | 'staff'; userId: string | null; answers: Answers }
): Promise<string> {
	const id = newId();
	await db
		.insertInto('instrument_response')
		.values({
			id,
			ecosystem_id: ecosystemId,
			instrument_id: values.instrumentId,
			run_id: values.runId,
			partner_id: values.partnerId,
			phase: values.phase,
			participant_code: values.code,
			entry: values.entry,
			entered_by_user_id: values.userId,
			submitted_at: nowIso()
		})
		.execute();
	const answers = Object.entries(values.answers).map(([itemId, value]) => ({ ecosystem_id: ecosystemId, response_id: id, item_id: itemId, value }));
	if (answers.length > 0) await db.insertInto('instrument_answer').values(answers).execute();
	return id;
}

/** Every response of an instrument in the ecosystem with its answers, and whose partner it is. */
export async function listResponses(db: Executor, ecosystemId: string, instrumentId: string): Promise<(ResponseRecord & { partnerId: string })[]> {
	const rows = await db
		.selectFrom('instrument_response as r')
		.leftJoin('instrument_answer as a', 'a.response_id', 'r.id')
		.select(['r.id', 'r.run_id', 'r.partner_id', 'r.phase', 'r.participant_code', 'a.item_id', 'a.value'])
		.where('r.ecosystem_id', '=', ecosystemId)
		.where('r.instrument_id', '=', instrumentId)
		.execute();
	const byId = new Map<string, ResponseRecord & { partnerId: string }>();
	for (const row of rows) {
		const response = byId.get(row.id) ?? { runId: row.run_id, partnerId: row.partner_id, phase: row.phase, code: row.participant_code, answers: {} };
		if (row.item_id !== null && row.value !== null) response.answers[row.item_id] = Number(row.value);
		byId.set(row.id, response);
	}
	return [...byId.values()];
}

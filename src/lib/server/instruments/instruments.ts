/**
 * Program-quality and outcome instruments: the pure core (no I/O). Items, the forms built from
 * them, participant codes, scoring, pre/post pairing, change and effect size, and what may be
 * shown under the ecosystem's suppression threshold. See docs/educators.md.
 */
import { z } from 'zod';
import { suppressGroupCounts, type PublicCell } from '../measurement/suppression.js';
import { invalid, ok, type FieldIssue, type Outcome } from '../errors.js';
import { validate } from '../validation.js';

export const instrumentKinds = ['youth_survey', 'educator_self', 'observation'] as const;
export type InstrumentKind = (typeof instrumentKinds)[number];
export const itemTypes = ['likert', 'choice'] as const;
export type ItemType = (typeof itemTypes)[number];
export const phases = ['pre', 'post'] as const;
export type Phase = (typeof phases)[number];
/** Every Likert item is a five-point agreement scale, scored 1 (strongly disagree) to 5. */
export const likertPoints = 5;

export interface ChoiceOption {
	label: string;
	label_es: string;
}

export interface Item {
	id: string;
	position: number;
	type: ItemType;
	scale: string | null;
	scale_es: string | null;
	prompt: string;
	prompt_es: string;
	options: ChoiceOption[];
}

const required = (what: string, min: number, max: number) =>
	z
		.string({ message: `Enter ${what}.` })
		.trim()
		.min(min, `Enter ${what} (at least ${min} characters).`)
		.max(max, `${what[0]!.toUpperCase()}${what.slice(1)} can have at most ${max} characters.`);
const optional = (what: string, max: number) => z.string().trim().max(max, `${what} can have at most ${max} characters.`).optional();

export const instrumentSchema = z.object({
	title: required('a title', 3, 200),
	title_es: required('the Spanish title', 3, 200),
	kind: z.enum(instrumentKinds, { message: 'Choose what kind of instrument this is.' }),
	intro: optional('The introduction', 2000),
	intro_es: optional('The Spanish introduction', 2000)
});
export type InstrumentInput = z.infer<typeof instrumentSchema>;

/**
 * Options of a multiple-choice item, one a line as `English | Español`. Returns the options, or
 * the problem in words.
 */
export function parseOptions(text: string | undefined): { ok: true; options: ChoiceOption[] } | { ok: false; message: string } {
	const lines = (text ?? '')
		.split(/\r?\n/)
		.map((l) => l.trim())
		.filter(Boolean);
	if (lines.length < 2 || lines.length > 10) return { ok: false, message: 'A multiple-choice item needs 2 to 10 options, one a line.' };
	const options: ChoiceOption[] = [];
	for (const [index, line] of lines.entries()) {
		const [label, label_es, ...rest] = line.split('|').map((p) => p.trim());
		if (!label || !label_es || rest.length > 0) return { ok: false, message: `Write option ${index + 1} as “English | Español”.` };
		if (label.length > 200 || label_es.length > 200) return { ok: false, message: `Option ${index + 1} can have at most 200 characters in each language.` };
		options.push({ label, label_es });
	}
	return { ok: true, options };
}

export const itemSchema = z.object({
	type: z.enum(itemTypes, { message: 'Choose Likert (agreement) or multiple choice.' }),
	prompt: required('the question', 3, 500),
	prompt_es: required('the Spanish question', 3, 500),
	scale: optional('The scale name', 80),
	scale_es: optional('The Spanish scale name', 80),
	options: z.string().max(5000, 'The options can have at most 5000 characters.').optional()
});

/** Checks an item, the rules between its fields included, and reports every problem at once. */
export function validateItem(input: unknown): Outcome<ItemInput & { parsedOptions: ChoiceOption[] }> {
	const base = validate(itemSchema, input);
	const raw = (input ?? {}) as Record<string, unknown>;
	const issues: FieldIssue[] = base.ok ? [] : [...base.issues];
	let parsedOptions: ChoiceOption[] = [];
	if (raw.type === 'choice') {
		const parsed = parseOptions(typeof raw.options === 'string' ? raw.options : undefined);
		if (parsed.ok) parsedOptions = parsed.options;
		else issues.push({ field: 'options', message: parsed.message });
		if (raw.scale) issues.push({ field: 'scale', message: 'Only Likert items count towards a scale; leave the scale empty for multiple choice.' });
	}
	if (raw.scale_es && !raw.scale) issues.push({ field: 'scale', message: 'Enter the scale’s English name too.' });
	if (issues.length > 0 || !base.ok) return invalid(issues);
	return ok({ ...base.value, parsedOptions });
}
export type ItemInput = z.infer<typeof itemSchema>;

/**
 * A participant code links a young person's pre answers to their post answers without a name.
 * Spaces and dashes are ignored and letters are upper-cased, so "ab-12 cd" and "AB12CD" are the
 * same code. Blank means no code: the answers count, unpaired.
 */
export function normalizeParticipantCode(raw: string | undefined | null): { ok: true; code: string | null } | { ok: false } {
	const text = (raw ?? '')
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.replace(/[\s-]+/g, '')
		.toUpperCase();
	if (text === '') return { ok: true, code: null };
	return /^[A-Z0-9]{4,12}$/.test(text) ? { ok: true, code: text } : { ok: false };
}

export const codeMessage = 'A participant code has 4 to 12 letters and digits (not your name), or leave it empty.';

const answerKey = (itemId: string) => `item.${itemId}`;

/**
 * Checks one person's answers against the items: every item may be skipped, but at least one must
 * be answered; a Likert answer is 1–5, a choice answer one of the item's options. Staff entry
 * also says which phase the answers belong to.
 */
export function validateResponse(items: Item[], input: unknown, withPhase: boolean): Outcome<{ code: string | null; phase: Phase | null; answers: Answers }> {
	const schema = z.object({
		participant_code: z.string().optional(),
		...(withPhase ? { phase: z.enum(phases, { message: 'Choose whether these are pre or post answers.' }) } : {}),
		...Object.fromEntries(
			items.map((item) => {
				const max = item.type === 'likert' ? likertPoints : item.options.length;
				const message = `Choose one answer for question ${item.position}.`;
				return [answerKey(item.id), z.coerce.number({ message }).int(message).min(1, message).max(max, message).optional()];
			})
		)
	});
	const base = validate(schema, input);
	const raw = (input ?? {}) as Record<string, unknown>;
	const issues: FieldIssue[] = base.ok ? [] : [...base.issues];
	const code = normalizeParticipantCode(typeof raw.participant_code === 'string' ? raw.participant_code : undefined);
	if (!code.ok) issues.push({ field: 'participant_code', message: codeMessage });
	const answered = items.some((item) => raw[answerKey(item.id)] !== undefined && raw[answerKey(item.id)] !== '');
	if (!answered) issues.push({ field: 'form', message: 'Answer at least one question.' });
	if (!base.ok || !code.ok || issues.length > 0) return invalid(issues);
	const value = base.value as Record<string, unknown>;
	return ok({ code: code.code, phase: (value.phase as Phase | undefined) ?? null, answers: answersOf(items, value) });
}

/** The answers of a validated response, by item id. */
export function answersOf(items: Item[], value: Record<string, unknown>): Answers {
	const answers: Answers = {};
	for (const item of items) {
		const v = value[answerKey(item.id)];
		if (typeof v === 'number') answers[item.id] = v;
	}
	return answers;
}

export type Answers = Record<string, number>;

/**
 * The scales of an instrument, in the order their first item appears. A scale's score for one
 * response is the mean of the Likert items of that scale the person answered; with none answered
 * the response has no score on that scale.
 */
export function scalesOf(items: Item[]): { name: string; name_es: string; itemIds: string[] }[] {
	const scales = new Map<string, { name: string; name_es: string; itemIds: string[] }>();
	for (const item of [...items].sort((a, b) => a.position - b.position)) {
		if (item.type !== 'likert' || !item.scale) continue;
		const scale = scales.get(item.scale) ?? { name: item.scale, name_es: item.scale_es ?? item.scale, itemIds: [] };
		scale.itemIds.push(item.id);
		scales.set(item.scale, scale);
	}
	return [...scales.values()];
}

export function scaleScore(itemIds: string[], answers: Answers): number | null {
	const values = itemIds.map((id) => answers[id]).filter((v): v is number => v !== undefined);
	return values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length;
}

export interface ResponseRecord {
	runId: string;
	phase: Phase;
	code: string | null;
	answers: Answers;
}

/**
 * Pre and post answers with the same code in the same run are one person's pair. Answers without
 * a code, and codes seen in only one phase, are unpaired: they are counted, but no change can be
 * computed from them. (The database allows one answer per code and phase in a run; should a code
 * still appear twice, none of its answers are paired rather than guessing which belong together.)
 */
export function pairResponses(responses: readonly ResponseRecord[]): { pairs: { pre: Answers; post: Answers }[]; unpaired: number } {
	const byCode = new Map<string, { pre: Answers[]; post: Answers[] }>();
	let unpaired = 0;
	for (const r of responses) {
		if (r.code === null) {
			unpaired++;
			continue;
		}
		const key = `${r.runId}\u0000${r.code}`;
		const entry = byCode.get(key) ?? { pre: [], post: [] };
		entry[r.phase].push(r.answers);
		byCode.set(key, entry);
	}
	const pairs: { pre: Answers; post: Answers }[] = [];
	for (const entry of byCode.values()) {
		if (entry.pre.length === 1 && entry.post.length === 1) pairs.push({ pre: entry.pre[0]!, post: entry.post[0]! });
		else unpaired += entry.pre.length + entry.post.length;
	}
	return { pairs, unpaired };
}

export interface Change {
	/** Pairs where both answers (or both scale scores) exist. */
	n: number;
	meanPre: number | null;
	meanPost: number | null;
	/** Mean of post − pre. */
	meanChange: number | null;
	/** Sample standard deviation (n − 1) of post − pre; null below two pairs. */
	sdChange: number | null;
	/**
	 * Cohen's d_z for paired data: mean change / standard deviation of the changes. Null below
	 * two pairs and when every change is the same (the standard deviation is zero).
	 */
	dz: number | null;
}

export function pairedChange(values: readonly (readonly [number, number])[]): Change {
	const n = values.length;
	if (n === 0) return { n, meanPre: null, meanPost: null, meanChange: null, sdChange: null, dz: null };
	const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
	const diffs = values.map(([pre, post]) => post - pre);
	const meanChange = mean(diffs);
	const sdChange = n < 2 ? null : Math.sqrt(diffs.reduce((s, d) => s + (d - meanChange) ** 2, 0) / (n - 1));
	// Changes that differ only by floating-point noise count as identical.
	const dz = sdChange === null || sdChange < 1e-12 ? null : meanChange / sdChange;
	return { n, meanPre: mean(values.map(([pre]) => pre)), meanPost: mean(values.map(([, post]) => post)), meanChange, sdChange, dz };
}

export interface ChangeRow {
	key: string;
	kind: 'scale' | 'item';
	label: string;
	label_es: string;
	change: Change;
}

/** Change for every scale, then every Likert item, from paired responses. */
export function changeRows(items: Item[], pairs: readonly { pre: Answers; post: Answers }[]): ChangeRow[] {
	const scaleRows = scalesOf(items).map((scale): ChangeRow => {
		const values = pairs
			.map(({ pre, post }) => [scaleScore(scale.itemIds, pre), scaleScore(scale.itemIds, post)] as const)
			.filter((v): v is readonly [number, number] => v[0] !== null && v[1] !== null);
		return { key: `scale:${scale.name}`, kind: 'scale', label: scale.name, label_es: scale.name_es, change: pairedChange(values) };
	});
	const itemRows = [...items]
		.sort((a, b) => a.position - b.position)
		.filter((item) => item.type === 'likert')
		.map((item): ChangeRow => {
			const values = pairs
				.map(({ pre, post }) => [pre[item.id], post[item.id]] as const)
				.filter((v): v is readonly [number, number] => v[0] !== undefined && v[1] !== undefined);
			return { key: `item:${item.id}`, kind: 'item', label: item.prompt, label_es: item.prompt_es, change: pairedChange(values) };
		});
	return [...scaleRows, ...itemRows];
}

/** What a results table may show for one group: nothing yet, hidden, or the change. */
export type ShownChange = { state: 'empty' } | { state: 'suppressed' } | { state: 'shown'; change: Change };

/** A group's change is shown only when at least `threshold` pairs stand behind it. */
export function showOwn(change: Change, threshold: number): ShownChange {
	if (change.n === 0) return { state: 'empty' };
	return change.n >= threshold ? { state: 'shown', change } : { state: 'suppressed' };
}

/**
 * The network's change, as one partner sees it beside its own. The network includes the partner,
 * so showing it when the other partners together have fewer than `threshold` pairs would let the
 * partner work their average out by subtraction: it is shown only when the network has at least
 * `threshold` pairs and the others either none or at least `threshold`.
 */
export function showNetwork(network: Change, own: Change | null, threshold: number): ShownChange {
	if (network.n === 0) return { state: 'empty' };
	const others = network.n - (own?.n ?? 0);
	return network.n >= threshold && (others === 0 || others >= threshold) ? { state: 'shown', change: network } : { state: 'suppressed' };
}

export interface ResultRow {
	key: string;
	kind: 'scale' | 'item';
	label: string;
	label_es: string;
	own: ShownChange | null;
	network: ShownChange;
}

/**
 * One results table: each scale and Likert item with the group's own change (null for a viewer
 * with no group of their own, i.e. backbone staff) and the network's.
 */
export function resultRows(args: { items: Item[]; ownPairs: { pre: Answers; post: Answers }[] | null; networkPairs: { pre: Answers; post: Answers }[]; threshold: number }): ResultRow[] {
	const own = args.ownPairs ? changeRows(args.items, args.ownPairs) : null;
	return changeRows(args.items, args.networkPairs).map((row, index) => {
		const ownChange = own ? own[index]!.change : null;
		return {
			key: row.key,
			kind: row.kind,
			label: row.label,
			label_es: row.label_es,
			own: ownChange ? showOwn(ownChange, args.threshold) : null,
			network: showNetwork(row.change, ownChange, args.threshold)
		};
	});
}

/**
 * How a group answered a multiple-choice item in one phase: counts per option, small counts (and
 * any count they could be worked out from) hidden by the shared suppression rules.
 */
export function choiceCounts(item: Item, responses: readonly { phase: Phase; answers: Answers }[], phase: Phase, threshold: number): { options: PublicCell[]; total: PublicCell } {
	const counts = item.options.map(() => 0);
	let total = 0;
	for (const r of responses) {
		if (r.phase !== phase) continue;
		const v = r.answers[item.id];
		if (v === undefined || v < 1 || v > counts.length) continue;
		counts[v - 1]!++;
		total++;
	}
	const suppressed = suppressGroupCounts({ groups: counts.map((count, i) => ({ key: String(i), count })), total, threshold });
	return { options: suppressed.groups.map((g) => g.cell), total: suppressed.total };
}

/** A number for a results table: two decimals, a sign for changes. */
export function formatNumber(value: number | null, signed = false): string {
	if (value === null) return '—';
	const rounded = Math.round(value * 100) / 100;
	const text = rounded.toFixed(2);
	return signed && rounded > 0 ? `+${text}` : text === '-0.00' ? '0.00' : text;
}

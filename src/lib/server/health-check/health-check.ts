/**
 * The collective-health self-check (pure core, table-tested): each partner rates how it takes
 * part in each of the five conditions of collective impact on a participation ladder, once per
 * round. The network sees only aggregates, and only once enough partners answered that no
 * single answer can be read back; each partner's own answers are for the backbone.
 */
import { z } from 'zod';
import { conditions, type Condition } from '../ecosystems/ecosystems.js';

/** The participation ladder, lowest rung first (1 informed … 5 empowered). */
export const ladder = ['informed', 'consulted', 'involved', 'collaborating', 'empowered'] as const;
export type Rung = (typeof ladder)[number];

/** Aggregates are shown once at least this many partners answered a round. */
export const minimumResponses = 3;

const rung = (condition: Condition) =>
	z.coerce
		.number({ message: `Choose a rung for “${condition.replaceAll('_', ' ')}”.` })
		.int(`Choose a rung for “${condition.replaceAll('_', ' ')}”.`)
		.min(1, `Choose a rung for “${condition.replaceAll('_', ' ')}”.`)
		.max(ladder.length, `Choose a rung for “${condition.replaceAll('_', ' ')}”.`);

export const answerSchema = z.object({
	...(Object.fromEntries(conditions.map((c) => [c, rung(c)])) as Record<Condition, ReturnType<typeof rung>>),
	comment: z.string().max(2000, 'The comment can have at most 2000 characters.').optional().transform((v) => v ?? '')
});
export type Answers = z.infer<typeof answerSchema>;

export const roundSchema = z.object({
	title: z.string({ message: 'Enter a title, such as “Spring 2027 self-check”.' }).min(3, 'The title needs at least 3 characters.').max(120, 'The title can have at most 120 characters.'),
	year: z.coerce.number({ message: 'Enter the year, such as 2027.' }).int('Enter the year, such as 2027.').min(2000, 'The year must be 2000 or later.').max(2100, 'The year must be 2100 or earlier.')
});

export interface ConditionAggregate {
	condition: Condition;
	/** Mean rung (1–5); null while fewer than `minimumResponses` partners answered. */
	mean: number | null;
	/** How many partners chose each rung, lowest first; null while too few answered. */
	distribution: number[] | null;
}

export interface RoundAggregate {
	responses: number;
	shown: boolean;
	conditions: ConditionAggregate[];
}

/** The network's view of one round. Nothing but the count is shown below the minimum. */
export function aggregateRound(answers: readonly Record<Condition, number>[]): RoundAggregate {
	const shown = answers.length >= minimumResponses;
	return {
		responses: answers.length,
		shown,
		conditions: conditions.map((condition) => {
			if (!shown) return { condition, mean: null, distribution: null };
			const levels = answers.map((a) => a[condition]);
			const distribution = ladder.map((_, i) => levels.filter((l) => l === i + 1).length);
			return { condition, mean: levels.reduce((s, l) => s + l, 0) / levels.length, distribution };
		})
	};
}

/** Stored answers back to numbers per condition; anything unreadable is left out of aggregates. */
export function parseAnswers(json: string): Record<Condition, number> | null {
	try {
		const parsed = JSON.parse(json) as Record<string, unknown>;
		const out = {} as Record<Condition, number>;
		for (const c of conditions) {
			const v = parsed[c];
			if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > ladder.length) return null;
			out[c] = v;
		}
		return out;
	} catch {
		return null;
	}
}

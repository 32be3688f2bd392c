import { z } from 'zod';
import { formats, languages, subjects, timesOfDay, weekdays } from './programs.js';

export const radiusChoices = [2, 5, 10, 25, 50] as const;
export const DEFAULT_RADIUS = 10;
export const PAGE_SIZE = 50;
/** Matches are counted up to this; past it the finder says "more than 1,000" (a count of every match cost as much as the search). */
export const COUNT_CAP = 1000;

/**
 * The finder's query string. Families type into it and share links, so a bad value never fails
 * the page: it is dropped (and the page says some choices were left out).
 */
const optional = <T extends z.ZodType>(schema: T) => schema.optional().catch(undefined);
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

export const finderQuerySchema = z.object({
	q: optional(z.string().trim().max(200)),
	zip: optional(z.string().trim().regex(/^\d{5}$/)),
	radius: optional(z.coerce.number().pipe(z.union(radiusChoices.map((r) => z.literal(r)) as [z.ZodLiteral<number>, z.ZodLiteral<number>, ...z.ZodLiteral<number>[]]))),
	age: optional(whole(0, 25)),
	grade: optional(whole(0, 12)),
	subject: optional(z.enum(subjects)),
	free: optional(z.literal('1')),
	language: optional(z.enum(languages)),
	format: optional(z.enum(formats)),
	day: optional(z.enum(weekdays)),
	time: optional(z.enum(timesOfDay)),
	page: optional(whole(1, 1000))
});
export type FinderQuery = z.infer<typeof finderQuerySchema>;

/** Parses the query string; `dropped` is true when something given could not be used. */
export function parseFinderQuery(params: URLSearchParams): { query: FinderQuery; dropped: boolean } {
	const raw: Record<string, string> = {};
	for (const key of Object.keys(finderQuerySchema.shape)) {
		const value = params.get(key)?.trim();
		if (value) raw[key] = value;
	}
	const query = finderQuerySchema.parse(raw);
	const dropped = Object.keys(raw).some((key) => query[key as keyof FinderQuery] === undefined);
	return { query, dropped };
}

/** The age filter also finds programs that give only grades: grade g is roughly ages g+5 to g+6. */
export function gradeRangeForAge(age: number): [number, number] {
	return [age - 6, age - 5];
}

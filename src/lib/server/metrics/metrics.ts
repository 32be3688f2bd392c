/**
 * The metric dictionary: what a collective measures at each stage of the pipeline, and the group
 * keys every measured value (metric values, benchmark values) is stored under. Pure: no I/O.
 */
import { z } from 'zod';

export const metricUnits = ['people', 'percent', 'rate', 'hours', 'other'] as const;
export type MetricUnit = (typeof metricUnits)[number];

/** Pipeline stages, classroom to career; `custom` for anything else. */
export const metricStages = ['k12_course_taking', 'ost_participation', 'postsecondary', 'workforce', 'custom'] as const;
export type MetricStage = (typeof metricStages)[number];

export const metricFrequencies = ['annual', 'semester', 'quarterly', 'monthly', 'one_time'] as const;
export type MetricFrequency = (typeof metricFrequencies)[number];

/** The dimensions a metric may be broken down by (the list, in this order). */
export const disaggregations = ['race_ethnicity', 'sex', 'zip', 'disability', 'english_learner', 'low_income', 'grade_band', 'age_band'] as const;
export type Disaggregation = (typeof disaggregations)[number];

/** Default place of each stage in the pipeline view, when staff give none. */
export const defaultStagePosition: Readonly<Record<MetricStage, number>> = {
	k12_course_taking: 1,
	ost_participation: 2,
	postsecondary: 3,
	workforce: 4,
	custom: 5
};

// ---------------------------------------------------------------------------------------------
// Group keys

/** Race and ethnicity in the 2024 OMB SPD-15 categories, as stored in group keys. */
export const raceEthnicityGroups = [
	'american_indian_alaska_native',
	'asian',
	'black',
	'hispanic',
	'middle_eastern_north_african',
	'native_hawaiian_pacific_islander',
	'white',
	'multiracial'
] as const;
export type RaceEthnicityGroup = (typeof raceEthnicityGroups)[number];
export const sexGroups = ['female', 'male'] as const;

/**
 * Group keys: 'all', one category ('black', 'female'), or an intersection of a race/ethnicity and
 * a sex joined by ':' with the race first ('black:female').
 */
export function groupKeyProblem(key: string): string | null {
	if (key === 'all') return null;
	const parts = key.split(':');
	if (parts.length > 2 || parts.some((p) => p === '')) {
		return 'A group key is all, one group (black, female) or a group and a sex joined by a colon (black:female).';
	}
	const [first, second] = parts as [string, string | undefined];
	const isRace = (p: string) => (raceEthnicityGroups as readonly string[]).includes(p);
	const isSex = (p: string) => (sexGroups as readonly string[]).includes(p);
	if (second === undefined) {
		return isRace(first) || isSex(first) ? null : `“${first}” is not a known group. Use all, ${[...raceEthnicityGroups, ...sexGroups].join(', ')}.`;
	}
	if (!isRace(first)) return `“${first}” is not a race or ethnicity group. Use one of ${raceEthnicityGroups.join(', ')}.`;
	if (!isSex(second)) return `“${second}” is not a sex group. Use female or male after the colon.`;
	return null;
}

export const isGroupKey = (key: string): boolean => groupKeyProblem(key) === null;

/**
 * The crosswalk from the 1997 Census categories (race and a separate Hispanic question) to
 * SPD-15 group keys, as the PSEC tables report them. "Black alone" and "Asian alone" include
 * Hispanic people; "White alone, not Hispanic" is the closest match to SPD-15 White.
 */
export const censusGroupCrosswalk: Readonly<Record<string, RaceEthnicityGroup | 'all'>> = {
	all: 'all',
	black: 'black',
	asian: 'asian',
	white_non_hispanic: 'white',
	hispanic: 'hispanic'
};

/** A Census mapping group and sex → a group key: (black, female) → 'black:female', (all, female) → 'female'. */
export function censusGroupKey(group: string, sex: 'female' | 'male' | null): string | null {
	const base = censusGroupCrosswalk[group];
	if (!base) return null;
	if (sex === null) return base;
	return base === 'all' ? sex : `${base}:${sex}`;
}

// ---------------------------------------------------------------------------------------------
// The dictionary entry

const optionalText = (max: number, label: string) => z.string().max(max, `${label} can have at most ${max} characters.`).optional();

export const metricSchema = z.object({
	name: z
		.string({ message: 'Enter the metric’s name.' })
		.min(2, 'The name needs at least 2 characters.')
		.max(160, 'The name can have at most 160 characters.'),
	name_es: optionalText(160, 'The Spanish name'),
	definition: z
		.string({ message: 'Say in plain words what the metric counts.' })
		.min(10, 'The definition needs at least 10 characters: say who is counted and how.')
		.max(2000, 'The definition can have at most 2000 characters.'),
	definition_es: optionalText(2000, 'The Spanish definition'),
	unit: z.enum(metricUnits, { message: 'Choose the unit the metric is counted in.' }),
	stage: z.enum(metricStages, { message: 'Choose the pipeline stage the metric belongs to.' }),
	stage_position: z.coerce
		.number({ message: 'The position must be a whole number.' })
		.int('The position must be a whole number.')
		.min(0, 'The position must be between 0 and 99.')
		.max(99, 'The position must be between 0 and 99.')
		.optional(),
	source: optionalText(300, 'The source').transform((v) => v ?? ''),
	frequency: z.enum(metricFrequencies, { message: 'Choose how often the metric is collected.' }),
	disaggregations: z
		.array(z.enum(disaggregations, { message: 'Choose breakdowns from the list.' }))
		.default([])
		.transform((list) => disaggregations.filter((d) => list.includes(d))),
	benchmark_population_id: z.string().max(100).optional()
});
export type MetricInput = z.infer<typeof metricSchema>;

/** Reads disaggregations_json as stored; anything unexpected is dropped rather than trusted. */
export function parseDisaggregations(json: string | null | undefined): Disaggregation[] {
	try {
		const value: unknown = JSON.parse(json ?? '[]');
		return Array.isArray(value) ? disaggregations.filter((d) => value.includes(d)) : [];
	} catch {
		return [];
	}
}

/** Metrics in pipeline order (stage position, then name), archived ones last. */
export function sortMetrics<T extends { stage_position: number; name: string; archived_at: string | null }>(metrics: readonly T[]): T[] {
	return [...metrics].sort(
		(a, b) => Number(a.archived_at !== null) - Number(b.archived_at !== null) || a.stage_position - b.stage_position || a.name.localeCompare(b.name)
	);
}

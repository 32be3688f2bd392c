/**
 * The metric dictionary: what a collective measures at each stage of the pipeline, and the group
 * keys every measured value (metric values, benchmark values) is stored under. Pure: no I/O.
 */
import { z } from 'zod';
import { ageBands, disaggregations, gradeBands, raceEthnicityGroups, sexGroups, yesNoDisaggregations, type Disaggregation, type RaceEthnicityGroup } from './groups.js';

export { ageBands, disaggregations, gradeBands, raceEthnicityGroups, sexGroups, yesNoDisaggregations };
export type { Disaggregation, RaceEthnicityGroup } from './groups.js';

export const metricUnits = ['people', 'percent', 'rate', 'hours', 'other'] as const;
export type MetricUnit = (typeof metricUnits)[number];

/** Pipeline stages, classroom to career; `custom` for anything else. */
export const metricStages = ['k12_course_taking', 'ost_participation', 'postsecondary', 'workforce', 'custom'] as const;
export type MetricStage = (typeof metricStages)[number];

export const metricFrequencies = ['annual', 'semester', 'quarterly', 'monthly', 'one_time'] as const;
export type MetricFrequency = (typeof metricFrequencies)[number];


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


const isRace = (p: string) => (raceEthnicityGroups as readonly string[]).includes(p);
const isSex = (p: string) => (sexGroups as readonly string[]).includes(p);

/** The values each `name=value` breakdown takes (ZIP: any five-digit ZCTA). */
const namedValue: Record<Exclude<Disaggregation, 'race_ethnicity' | 'sex'>, { test: (v: string) => boolean; hint: string }> = {
	zip: { test: (v) => /^\d{5}$/.test(v), hint: 'a five-digit ZIP code, like zip=19104' },
	disability: { test: (v) => v === 'yes' || v === 'no', hint: 'disability=yes or disability=no' },
	english_learner: { test: (v) => v === 'yes' || v === 'no', hint: 'english_learner=yes or english_learner=no' },
	low_income: { test: (v) => v === 'yes' || v === 'no', hint: 'low_income=yes or low_income=no' },
	grade_band: { test: (v) => (gradeBands as readonly string[]).includes(v), hint: `grade_band= one of ${gradeBands.join(', ')}` },
	age_band: { test: (v) => (ageBands as readonly string[]).includes(v), hint: `age_band= one of ${ageBands.join(', ')}` }
};

/** The breakdown one part of a group key belongs to, or a plain-language problem. */
function partDimension(part: string): { dimension: Disaggregation } | { problem: string } {
	if (isRace(part)) return { dimension: 'race_ethnicity' };
	if (isSex(part)) return { dimension: 'sex' };
	const eq = part.indexOf('=');
	if (eq < 0) {
		return { problem: `“${part}” is not a known group. Use all, ${[...raceEthnicityGroups, ...sexGroups].join(', ')}, or a breakdown like zip=19104 or disability=yes.` };
	}
	const name = part.slice(0, eq);
	const value = part.slice(eq + 1);
	const rule = (namedValue as Record<string, (typeof namedValue)[keyof typeof namedValue]>)[name];
	if (!rule) return { problem: `“${name}” is not a breakdown. Use one of ${Object.keys(namedValue).join(', ')} before the = sign.` };
	if (!rule.test(value)) return { problem: `“${value}” is not a value of ${name}: write ${rule.hint}.` };
	return { dimension: name as Disaggregation };
}

/**
 * The breakdowns a group key uses, in canonical order ('all' uses none), or a problem.
 *
 * Group keys: 'all', or one or more parts joined by ':', at most one per breakdown, in the order
 * of `disaggregations` (race/ethnicity, sex, zip, disability, english_learner, low_income,
 * grade_band, age_band). Race/ethnicity and sex parts are bare words ('black', 'female'); the
 * others are name=value ('zip=19104', 'disability=yes'). So 'black:female' is Black women and
 * 'female:low_income=yes' is low-income women.
 */
export function groupKeyDimensions(key: string): { ok: true; dimensions: Disaggregation[] } | { ok: false; problem: string } {
	if (key === 'all') return { ok: true, dimensions: [] };
	const parts = key.split(':');
	if (parts.some((p) => p === '')) {
		return { ok: false, problem: 'A group key is all, one group (black, female, zip=19104) or groups joined by colons (black:female).' };
	}
	const dimensions: Disaggregation[] = [];
	for (const part of parts) {
		const found = partDimension(part);
		if ('problem' in found) return { ok: false, problem: found.problem };
		if (dimensions.includes(found.dimension)) return { ok: false, problem: `“${key}” names two ${found.dimension.replace('_', '/')} groups; an intersection takes one group from each breakdown.` };
		const last = dimensions.at(-1);
		if (last !== undefined && disaggregations.indexOf(last) > disaggregations.indexOf(found.dimension)) {
			return { ok: false, problem: `Write the parts of “${key}” in this order: race/ethnicity, sex, zip, disability, english_learner, low_income, grade_band, age_band (like black:female).` };
		}
		dimensions.push(found.dimension);
	}
	return { ok: true, dimensions };
}

export function groupKeyProblem(key: string): string | null {
	const found = groupKeyDimensions(key);
	return found.ok ? null : found.problem;
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

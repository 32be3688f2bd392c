import { z } from 'zod';
import { gradeBands } from '../pd/pd.js';
import { foldedKey } from '../util.js';

export interface RubricLevel {
	label: string;
	label_es: string | null;
}

export interface RubricDomain {
	id: string;
	key: string;
	name: string;
	name_es: string | null;
	levels: RubricLevel[];
}

/** The default STEM-school rubric a new ecosystem starts from (backbone staff may change it). */
export const defaultRubric: { key: string; name: string; name_es: string }[] = [
	{ key: 'leadership_culture', name: 'Leadership and culture', name_es: 'Liderazgo y cultura' },
	{ key: 'curriculum_instruction', name: 'Curriculum and instruction', name_es: 'Currículo e instrucción' },
	{ key: 'partnerships', name: 'Partnerships', name_es: 'Alianzas' },
	{ key: 'equity_access', name: 'Equity and access', name_es: 'Equidad y acceso' }
];
export const defaultLevels: RubricLevel[] = [
	{ label: 'Emerging', label_es: 'Inicial' },
	{ label: 'Developing', label_es: 'En desarrollo' },
	{ label: 'Established', label_es: 'Consolidado' },
	{ label: 'Exemplary', label_es: 'Ejemplar' }
];

/**
 * A school's self-assessment for one year: a level for every domain of the rubric, and an action
 * plan per domain. Built from the rubric so each domain's level is checked against its own scale.
 */
export function assessmentSchema(domains: RubricDomain[], currentYear: number) {
	return z.object({
		year: z.coerce
			.number({ message: 'Enter the school year as a 4-digit year, for example 2026.' })
			.int('Enter the school year as a 4-digit year, for example 2026.')
			.min(currentYear - 10, `Enter a year from ${currentYear - 10} to ${currentYear + 1}.`)
			.max(currentYear + 1, `Enter a year from ${currentYear - 10} to ${currentYear + 1}.`),
		...Object.fromEntries(
			domains.flatMap((d) => [
				[
					`level.${d.key}`,
					z.coerce
						.number({ message: `Choose a level for ${d.name}.` })
						.int(`Choose a level for ${d.name}.`)
						.min(1, `Choose a level for ${d.name}.`)
						.max(d.levels.length, `Choose a level for ${d.name}.`)
				],
				[`plan.${d.key}`, z.string().max(2000, `The action plan for ${d.name} can have at most 2000 characters.`).optional()]
			])
		)
	});
}

export interface AssessmentScores {
	year: number;
	levels: Record<string, number>;
	plans: Record<string, string>;
}

export interface DomainGrowth {
	key: string;
	/** Level by year, oldest first; null when that year did not rate the domain. */
	byYear: (number | null)[];
	/** Change from the previous assessment to the latest; null with fewer than two ratings. */
	change: number | null;
}

/** Growth by domain across a school's assessments (any order in, years ascending out). */
export function growthByDomain(domains: { key: string }[], assessments: AssessmentScores[]): { years: number[]; domains: DomainGrowth[] } {
	const sorted = [...assessments].sort((a, b) => a.year - b.year);
	const years = sorted.map((a) => a.year);
	return {
		years,
		domains: domains.map((d) => {
			const byYear = sorted.map((a) => a.levels[d.key] ?? null);
			const rated = byYear.filter((v): v is number => v !== null);
			return { key: d.key, byYear, change: rated.length >= 2 ? rated.at(-1)! - rated.at(-2)! : null };
		})
	};
}


/** A school's details as backbone staff edit them; its address (slug) and team stay as they are. */
export const schoolSchema = z.object({
	name: z.string({ message: 'Enter the school’s name.' }).trim().min(3, 'The name needs at least 3 characters.').max(160, 'The name can have at most 160 characters.'),
	grade_bands: z.array(z.enum(gradeBands, { message: 'Choose grade bands from the list.' })).min(1, 'Choose at least one grade band the school serves.')
});

/**
 * A rubric domain as backbone staff edit it. Levels are typed one per line, lowest first, as
 * `English | Español` (the Spanish part optional).
 */
export const domainSchema = z.object({
	name: z.string({ message: 'Enter the domain’s name.' }).trim().min(3, 'The domain’s name needs at least 3 characters.').max(120, 'The domain’s name can have at most 120 characters.'),
	name_es: z.string().trim().max(120, 'The Spanish name can have at most 120 characters.').optional(),
	levels: z
		.string({ message: 'Enter the levels, one per line.' })
		.transform((text) => parseLevels(text))
		.refine((levels) => levels.length >= 2 && levels.length <= 7, 'Give between 2 and 7 levels, one per line, lowest first.')
		.refine((levels) => levels.every((l) => l.label.length <= 80 && (l.label_es ?? '').length <= 80), 'Each level’s name can have at most 80 characters.')
});

export function parseLevels(text: string): RubricLevel[] {
	return text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '')
		.map((line) => {
			const [label, spanish] = line.split('|').map((part) => part.trim());
			return { label: label ?? '', label_es: spanish ? spanish : null };
		})
		.filter((level) => level.label !== '');
}

export function levelsText(levels: RubricLevel[]): string {
	return levels.map((l) => (l.label_es ? `${l.label} | ${l.label_es}` : l.label)).join('\n');
}

/**
 * The rule that keeps past self-assessments meaning what they meant: once any assessment has
 * rated a domain, its levels may be renamed (names, translations) but not added, removed or
 * reordered by count, since a stored level is a position on that scale. A domain nobody has
 * rated yet may change freely.
 */
export function domainEditProblems(stored: { levels: RubricLevel[] }, timesRated: number, next: { levels: RubricLevel[] }): { field: string; message: string }[] {
	if (timesRated === 0 || next.levels.length === stored.levels.length) return [];
	return [
		{
			field: 'levels',
			message: `${timesRated} self-assessment${timesRated === 1 ? ' has' : 's have'} rated this domain on its ${stored.levels.length} levels, so it keeps ${stored.levels.length} levels; you may rename them.`
		}
	];
}

/** A stable key for a new domain from its name: its words folded as everywhere (util.foldedKey), joined by underscores. */
export function domainKeyFrom(name: string): string {
	return foldedKey(name, '_').slice(0, 40).replace(/_+$/, '') || 'domain';
}

/** Addresses under /schools that belong to pages, not schools. */
export const reservedSchoolSlugs = ['rubric'];

/**
 * Two school names name the same school when they differ only in case, accents, spacing or
 * punctuation ("Kestrel Park STEM Academy" and "kestrel park stem academy.").
 */
export function sameSchoolName(a: string, b: string): boolean {
	return foldedKey(a) === foldedKey(b);
}

/** The form that adds a person to a school's team. */
export const teamMemberSchema = z.object({
	email: z.preprocess(
		(v) => (typeof v === 'string' ? v.trim() : v),
		z.email({ message: 'Enter the email address of a member of this ecosystem.' }).transform((v) => v.toLowerCase())
	)
});

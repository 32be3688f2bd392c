import { z } from 'zod';

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

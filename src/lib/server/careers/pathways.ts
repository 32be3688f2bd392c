import { parse } from 'csv-parse/sync';
import { careerAreas, type CareerArea } from './occupations.js';

/**
 * Career pathway rules (pure): which data says what a career area's typical education is, which
 * programs and opportunities lead toward it, and which Access Index belongs to it. Table-tested in
 * pathways.test.ts; the rules are written out in docs/careers.md.
 */

/**
 * Which rows of NCSES table SLBR-1 (2018 Census occupation codes) make up each career area:
 * the codes of the SOC major group's Census range that NCSES counts as STEM. O*NET's area 25 is
 * postsecondary teachers of STEM subjects, which NCSES counts as non-STEM, so that area uses the
 * "Postsecondary teachers" row (2205) as a whole.
 */
export const educationRows: Record<CareerArea, { from: number; to: number; stemOnly: boolean }> = {
	'11': { from: 10, to: 440, stemOnly: true },
	'15': { from: 1005, to: 1240, stemOnly: true },
	'17': { from: 1305, to: 1560, stemOnly: true },
	'19': { from: 1600, to: 1980, stemOnly: true },
	'25': { from: 2205, to: 2205, stemOnly: false },
	'29': { from: 3000, to: 3550, stemOnly: true },
	'41': { from: 4700, to: 4965, stemOnly: true }
};

export interface AreaEducation {
	majorGroup: CareerArea;
	employedTotal: number;
	employedBachelorsOrHigher: number;
}

export type EducationParse = { ok: true; year: number; areas: AreaEducation[] } | { ok: false; problems: string[] };

const STEM_GROUPS = new Set(['S&E occupations', 'S&E-related occupations', 'STEM middle-skill occupations']);
const EDUCATION_COLUMNS = ['acs_occ_code', 'ncses_stem_group', 'employed_total', 'employed_bachelors_or_higher'] as const;

/**
 * Reads the SLBR-1 file (../shared/data/stem-workforce/ncses_slbr1_occupations_stem_classification_2021.csv)
 * and sums, per career area, the people employed and those with a bachelor's degree or higher.
 * All or nothing: a missing column, a count that is not a whole number, or an area with no rows
 * is reported and nothing is returned. Range rows ("0010 - 0440", NCSES's subtotals) are skipped.
 */
export function parseSlbr1Education(text: string, year = 2021): EducationParse {
	let rows: Record<string, string>[];
	try {
		rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true });
	} catch (error) {
		return { ok: false, problems: [`The file is not valid CSV: ${(error as Error).message}`] };
	}
	if (rows.length === 0) return { ok: false, problems: ['The file has no occupations.'] };
	const missing = EDUCATION_COLUMNS.filter((c) => !Object.keys(rows[0]!).includes(c));
	if (missing.length) return { ok: false, problems: [`The file lacks the column(s) ${missing.join(', ')}.`] };
	const problems: string[] = [];
	const sums = new Map<CareerArea, { total: number; bachelors: number }>();
	rows.forEach((row, index) => {
		const code = row['acs_occ_code'] ?? '';
		// Codes are 4-digit Census codes; the file drops leading zeros ("110" is 0110).
		if (!/^\d{1,4}$/.test(code)) return;
		const number = Number(code);
		const area = careerAreas.find((a) => number >= educationRows[a].from && number <= educationRows[a].to);
		if (!area) return;
		if (educationRows[area].stemOnly && !STEM_GROUPS.has(row['ncses_stem_group'] ?? '')) return;
		const total = Number(row['employed_total']);
		const bachelors = Number(row['employed_bachelors_or_higher']);
		if (!Number.isInteger(total) || !Number.isInteger(bachelors) || total < 0 || bachelors < 0 || bachelors > total) {
			return void problems.push(`Line ${index + 2}: occupation ${code} has counts that are not whole numbers with the degree count within the total.`);
		}
		const sum = sums.get(area) ?? { total: 0, bachelors: 0 };
		sums.set(area, { total: sum.total + total, bachelors: sum.bachelors + bachelors });
	});
	for (const area of careerAreas) if (!sums.get(area)?.total) problems.push(`No employed people found for career area ${area}.`);
	if (problems.length) return { ok: false, problems };
	return { ok: true, year, areas: careerAreas.map((a) => ({ majorGroup: a, employedTotal: sums.get(a)!.total, employedBachelorsOrHigher: sums.get(a)!.bachelors })) };
}

/** "Typical education" as the page states it: the share with a bachelor's degree or more, and whether that is most people. */
export function typicalEducation(row: { employed_total: number; employed_bachelors_or_higher: number } | undefined) {
	if (!row || Number(row.employed_total) <= 0) return null;
	const share = Math.round((Number(row.employed_bachelors_or_higher) / Number(row.employed_total)) * 100);
	return { bachelorsShare: share, mostHaveBachelors: share >= 50 };
}

/**
 * Program subjects (programs.ts `subjects`) that lead toward each career area: a program is
 * listed on an area's pathway page when it is open to families and lists one of these subjects.
 */
export const areaProgramSubjects: Record<CareerArea, readonly string[]> = {
	'11': ['data', 'engineering', 'science'],
	'15': ['coding', 'data', 'math', 'robotics'],
	'17': ['engineering', 'robotics', 'making', 'space'],
	'19': ['science', 'environment', 'space'],
	'25': ['science', 'math', 'engineering', 'coding'],
	'29': ['health', 'science'],
	'41': ['engineering', 'science']
};

/**
 * The workforce metrics whose Access Index belongs to each career area, by metric slug: the ACS
 * occupation groups behind them. `stem-workforce` is ACS "Computer, engineering, and science
 * occupations" (B24010), which covers SOC groups 15, 17 and 19; `health-workforce` is ACS
 * "Healthcare practitioners and technical occupations" (SOC 29). Areas 11, 25 and 41 have no ACS
 * occupation group of their own, so their pages say "not available".
 */
export const areaWorkforceMetricSlugs: Record<CareerArea, readonly string[]> = {
	'11': [],
	'15': ['stem-workforce'],
	'17': ['stem-workforce'],
	'19': ['stem-workforce'],
	'25': [],
	'29': ['health-workforce'],
	'41': []
};

/** The metric for an area: the first listed slug the ecosystem has as a workforce metric with published years. */
export function pathwayMetric<M extends { slug: string; stage: string; years: number[] }>(area: CareerArea, metrics: readonly M[]): M | null {
	for (const slug of areaWorkforceMetricSlugs[area]) {
		const found = metrics.find((m) => m.slug === slug && m.stage === 'workforce' && m.years.length > 0);
		if (found) return found;
	}
	return null;
}

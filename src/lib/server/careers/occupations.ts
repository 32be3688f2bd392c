import { parse } from 'csv-parse/sync';

/**
 * STEM career areas are the 2018 SOC major groups that O*NET's "All STEM occupations" list
 * covers. The occupations themselves are never typed here: scripts/import-occupations.ts loads
 * them from O*NET's file (see docs/careers.md).
 */
export const careerAreas = ['11', '15', '17', '19', '25', '29', '41'] as const;
export type CareerArea = (typeof careerAreas)[number];

export const isCareerArea = (value: string): value is CareerArea => (careerAreas as readonly string[]).includes(value);

export interface OccupationRecord {
	code: string;
	socCode: string;
	majorGroup: CareerArea;
	title: string;
	stemTypes: string[];
}

export type OccupationParse = { ok: true; occupations: OccupationRecord[] } | { ok: false; problems: string[] };

const CODE = /^(\d{2})-\d{4}\.\d{2}$/;
const REQUIRED_COLUMNS = ['Code', 'Occupation', 'Occupation Types'] as const;

/**
 * Reads O*NET's "All STEM occupations" CSV export (columns Code, Occupation, Occupation Types).
 * All or nothing: any malformed row, unknown career area or repeated code is reported with its
 * line number and nothing is returned.
 */
export function parseOnetStemCsv(text: string): OccupationParse {
	let rows: Record<string, string>[];
	try {
		rows = parse(text.replace(/^\uFEFF/, ''), { columns: true, skip_empty_lines: true, trim: true });
	} catch (error) {
		return { ok: false, problems: [`The file is not valid CSV: ${(error as Error).message}`] };
	}
	const header = rows[0] ? Object.keys(rows[0]) : [];
	const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c));
	if (rows.length === 0) return { ok: false, problems: ['The file has no occupations.'] };
	if (missing.length) return { ok: false, problems: [`The file lacks the column(s) ${missing.join(', ')}.`] };
	const problems: string[] = [];
	const seen = new Set<string>();
	const occupations: OccupationRecord[] = [];
	rows.forEach((row, index) => {
		const line = index + 2;
		const code = row['Code'] ?? '';
		const title = row['Occupation'] ?? '';
		const match = CODE.exec(code);
		if (!match) return void problems.push(`Line ${line}: “${code}” is not an O*NET-SOC code such as 15-1252.00.`);
		const group = match[1]!;
		if (!isCareerArea(group)) return void problems.push(`Line ${line}: ${code} is in SOC major group ${group}, which is not a STEM career area.`);
		if (!title) return void problems.push(`Line ${line}: ${code} has no occupation title.`);
		if (seen.has(code)) return void problems.push(`Line ${line}: ${code} appears more than once.`);
		seen.add(code);
		const stemTypes = (row['Occupation Types'] ?? '').split(';').map((t) => t.trim()).filter(Boolean);
		occupations.push({ code, socCode: code.slice(0, 7), majorGroup: group, title, stemTypes });
	});
	return problems.length ? { ok: false, problems } : { ok: true, occupations };
}

/**
 * Youth population per ZIP by group, uploaded as CSV: the reader and every check, all before
 * anything is stored. Pure: no I/O.
 *
 * Group keys are the measurement vocabulary: `all`, a race/ethnicity group, a sex, or a
 * race:sex intersection (`black:female`). Race/ethnicity groups are mutually exclusive (as in ACS
 * B03002: Hispanic of any race, the others not Hispanic), and so are the sexes; the desert rule
 * (deserts.ts) relies on that.
 */
import { CsvError, parse } from 'csv-parse/sync';

export const raceGroups = ['black', 'hispanic', 'asian', 'white', 'american_indian_alaska_native', 'middle_eastern_north_african', 'native_hawaiian_pacific_islander', 'multiracial'] as const;
export const sexGroups = ['female', 'male'] as const;
export const youthColumns = ['zip', 'group', 'count', 'year', 'source'] as const;
export const MAX_ROWS = 50_000;
export const MAX_LISTED = 200;

export function isGroupKey(key: string): boolean {
	if (key === 'all') return true;
	const parts = key.split(':');
	if (parts.length === 1) return (raceGroups as readonly string[]).includes(key) || (sexGroups as readonly string[]).includes(key);
	return parts.length === 2 && (raceGroups as readonly string[]).includes(parts[0]!) && (sexGroups as readonly string[]).includes(parts[1]!);
}

export interface YouthRow {
	zip: string;
	group: string;
	youth: number;
	year: number;
	source: string;
}
/** One problem: the file's line number as a spreadsheet shows it, the column, the value, and why. */
export interface YouthProblem {
	row: number;
	column: string;
	value: string;
	message: string;
}

export function readYouthCsv(text: string, { thisYear = new Date().getUTCFullYear() }: { thisYear?: number } = {}): { ok: true; rows: YouthRow[] } | { ok: false; problems: YouthProblem[] } {
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof records;
	} catch (error) {
		if (error instanceof CsvError) return { ok: false, problems: [{ row: typeof error.lines === 'number' ? error.lines : 1, column: 'file', value: '', message: `The file is not valid CSV (${error.message}). Save it from your spreadsheet as “CSV UTF-8”.` }] };
		throw error;
	}
	const [head, ...body] = records;
	if (!head) return { ok: false, problems: [{ row: 1, column: 'file', value: '', message: 'The file is empty: its first row must be zip,group,count,year,source.' }] };
	const header = head.record.map((h) => h.trim().toLowerCase());
	const at = (name: string) => header.indexOf(name);
	const missing = ['zip', 'group', 'count', 'year'].filter((c) => at(c) < 0);
	if (missing.length) {
		return { ok: false, problems: [{ row: 1, column: 'file', value: head.record.join(','), message: `The first row must name the columns zip, group, count, year and source; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.` }] };
	}
	if (body.length === 0) return { ok: false, problems: [{ row: 2, column: 'file', value: '', message: 'The file has a header but no figures.' }] };
	if (body.length > MAX_ROWS) return { ok: false, problems: [{ row: MAX_ROWS + 2, column: 'file', value: '', message: `The file has ${body.length} rows; at most ${MAX_ROWS} are read at once.` }] };

	const problems: YouthProblem[] = [];
	const rows: YouthRow[] = [];
	const seen = new Map<string, number>();
	for (const { record, info } of body) {
		const row = info.lines;
		const cell = (name: string) => (at(name) >= 0 ? (record[at(name)] ?? '').trim() : '');
		if (record.length > header.length) {
			problems.push({ row, column: 'file', value: record.join(','), message: `This row has ${record.length} values but the first row names ${header.length} columns; a number may contain a comma.` });
			continue;
		}
		const before = problems.length;
		const zip = cell('zip');
		if (!/^\d{5}$/.test(zip)) problems.push({ row, column: 'zip', value: zip, message: zip === '' ? 'The ZIP code is missing.' : 'A ZIP code is 5 digits (keep leading zeros: format the column as text).' });
		const group = cell('group').toLowerCase();
		if (!isGroupKey(group)) {
			problems.push({ row, column: 'group', value: cell('group'), message: `Unknown group. Use all, ${raceGroups.join(', ')}, female, male, or race:sex such as black:female.` });
		}
		const countText = cell('count');
		const youth = Number(countText.replace(/[\s_]/g, ''));
		if (countText === '') problems.push({ row, column: 'count', value: countText, message: 'The count is missing.' });
		else if (!/^\d+$/.test(countText.replace(/[\s_]/g, '')) || !Number.isSafeInteger(youth)) problems.push({ row, column: 'count', value: countText, message: 'The count must be a whole number of young people, with no commas, decimals or signs.' });
		const yearText = cell('year');
		const year = Number(yearText);
		if (!/^\d{4}$/.test(yearText) || year < 1990 || year > thisYear) problems.push({ row, column: 'year', value: yearText, message: `The year must be the figure’s year, from 1990 to ${thisYear}.` });
		const source = cell('source');
		if (source.length > 200) problems.push({ row, column: 'source', value: `${source.slice(0, 40)}…`, message: 'The source can have at most 200 characters.' });
		const key = `${zip}|${group}`;
		if (problems.length === before) {
			const earlier = seen.get(key);
			if (earlier !== undefined) problems.push({ row, column: 'group', value: group, message: `ZIP ${zip} already has a ${group} count on row ${earlier}; give each ZIP and group once.` });
			else {
				seen.set(key, row);
				rows.push({ zip, group, youth, year, source });
			}
		}
	}
	for (const zip of new Set(rows.map((r) => r.zip))) {
		const all = rows.find((r) => r.zip === zip && r.group === 'all');
		if (!all) continue;
		for (const r of rows) {
			if (r.zip === zip && r.group !== 'all' && r.youth > all.youth) {
				problems.push({ row: seen.get(`${zip}|${r.group}`) ?? 0, column: 'count', value: String(r.youth), message: `More ${r.group} young people than all young people of ZIP ${zip} (${all.youth}).` });
			}
		}
	}
	if (problems.length) return { ok: false, problems: problems.sort((a, b) => a.row - b.row) };
	return { ok: true, rows };
}

/** A problem as one line a person can act on: "Row 4, count “12.5”: …". */
export function problemText(p: YouthProblem): string {
	if (p.column === 'file') return `Row ${p.row}: ${p.message}`;
	return `Row ${p.row}, ${p.column} “${p.value}”: ${p.message}`;
}

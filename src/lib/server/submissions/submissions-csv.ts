/**
 * Aggregate counts as CSV, the way spreadsheets export them: the per-cycle template Parity offers
 * (Excel-friendly: UTF-8 with a byte-order mark, CRLF line ends) and the reader for the file a
 * partner uploads back. Pure: no I/O.
 */
import { CsvError, parse } from 'csv-parse/sync';
import { toCsv } from '../dashboard/dashboard-view.js';
import { templateGroups, type CellProblem, type CycleMetric, type RawCell } from './submissions.js';

export const countsCsvColumns = ['metric', 'metric_name', 'group', 'group_label', 'count'] as const;

/**
 * The template of one cycle: one row per metric and group, the count left blank. Names and group
 * labels are there for people; only metric, group and count are read back.
 */
export function countsTemplate(metrics: readonly (CycleMetric & { label: string })[], groupLabel: (key: string) => string): string {
	const rows = metrics.flatMap((metric) => templateGroups(metric.disaggregations).map((key) => [metric.slug, metric.label, key, groupLabel(key), '']));
	return '\ufeff' + toCsv({ header: [...countsCsvColumns], rows });
}

/**
 * Reads an uploaded counts file into raw cells (checked afterwards by validateCells) and the
 * problems of the file itself: not CSV, no header, a missing column, rows longer than the header.
 * Row numbers are the file's line numbers, as a spreadsheet shows them.
 */
export function parseCountsCsv(text: string): { cells: RawCell[]; problems: CellProblem[] } {
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: true }) as unknown as typeof records;
	} catch (error) {
		if (error instanceof CsvError) {
			return { cells: [], problems: [{ column: 'file', ...(typeof error.lines === 'number' ? { row: error.lines } : {}), message: `The file is not valid CSV (${error.message}). Save it from your spreadsheet as “CSV UTF-8”.` }] };
		}
		throw error;
	}
	const [head, ...rows] = records;
	if (!head) return { cells: [], problems: [{ column: 'file', row: 1, message: 'The file is empty: start from the template, whose first row is metric,metric_name,group,group_label,count.' }] };
	const header = head.record.map((h) => h.trim().toLowerCase());
	const at = (name: string) => header.indexOf(name);
	const countAt = at('count') >= 0 ? at('count') : at('value');
	const missing = [at('metric') < 0 ? 'metric' : null, at('group') < 0 ? 'group' : null, countAt < 0 ? 'count' : null].filter((c): c is string => c !== null);
	if (missing.length > 0) {
		return { cells: [], problems: [{ column: 'file', row: 1, value: head.record.join(','), message: `The first row must name the columns metric, group and count; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing. Start from the template.` }] };
	}
	const problems: CellProblem[] = [];
	const cells: RawCell[] = [];
	for (const { record, info } of rows) {
		if (record.length > header.length) {
			problems.push({ row: info.lines, column: 'file', value: record.join(','), message: `This row has ${record.length} values but the first row names ${header.length} columns; a number may contain a comma.` });
			continue;
		}
		cells.push({ row: info.lines, metric: record[at('metric')] ?? '', group: record[at('group')] ?? '', value: record[countAt] ?? '' });
	}
	return { cells, problems };
}

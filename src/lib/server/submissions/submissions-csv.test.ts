import { describe, expect, it } from 'vitest';
import { countsTemplate, parseCountsCsv } from './submissions-csv.js';
import { validateCells, type CycleMetric } from './submissions.js';

const metric: CycleMetric & { label: string } = { id: 'm1', slug: 'participants', name: 'Participants', label: 'Participants, “OST”', unit: 'people', disaggregations: ['sex'] };

describe('countsTemplate', () => {
	it('is Excel CSV: a byte-order mark, CRLF line ends, one row per metric and group, counts blank', () => {
		const text = countsTemplate([metric], (key) => (key === 'all' ? 'Everyone' : key));
		expect(text.startsWith('\ufeffmetric,metric_name,group,group_label,count\r\n')).toBe(true);
		expect(text.split('\r\n')).toEqual([
			'\ufeffmetric,metric_name,group,group_label,count',
			'participants,"Participants, “OST”",all,Everyone,',
			'participants,"Participants, “OST”",female,female,',
			'participants,"Participants, “OST”",male,male,',
			''
		]);
	});

	it('reads back as cells with nothing filled in', () => {
		const parsed = parseCountsCsv(countsTemplate([metric], String));
		expect(parsed.problems).toEqual([]);
		expect(parsed.cells.map((c) => [c.row, c.group, c.value])).toEqual([[2, 'all', ''], [3, 'female', ''], [4, 'male', '']]);
	});
});

describe('parseCountsCsv', () => {
	it('takes the columns by name, in any order, with value for count and blank lines skipped', () => {
		const parsed = parseCountsCsv('Count,Group,Metric\r\n12,all,participants\r\n\r\n5,female,participants\r\n');
		expect(parsed).toEqual({
			cells: [
				{ row: 2, metric: 'participants', group: 'all', value: '12' },
				{ row: 4, metric: 'participants', group: 'female', value: '5' }
			],
			problems: []
		});
		expect(parseCountsCsv('metric,group,value\nparticipants,all,3\n').cells).toEqual([{ row: 2, metric: 'participants', group: 'all', value: '3' }]);
	});

	it('lists file problems with their line and keeps reading the other rows', () => {
		const parsed = parseCountsCsv('metric,group,count\nparticipants,all,1,204\nparticipants,female,x\n');
		expect(parsed.problems).toEqual([{ row: 2, column: 'file', value: 'participants,all,1,204', message: expect.stringContaining('a number may contain a comma') }]);
		expect(parsed.cells).toEqual([{ row: 3, metric: 'participants', group: 'female', value: 'x' }]);
	});

	it.each([
		['', 'The file is empty'],
		['metric,grupo,cantidad\n', 'group, count are missing'],
		['metric,group,count\n"unclosed,all,1\n', 'The file is not valid CSV']
	])('%j → %s', (text, message) => {
		const parsed = parseCountsCsv(text);
		expect(parsed.cells).toEqual([]);
		expect(parsed.problems).toHaveLength(1);
		expect(parsed.problems[0]!.message).toContain(message);
	});

	it('with validateCells, finds every mistake of a file in one pass', () => {
		const text = 'metric,group,count\r\nparticipants,all,40\r\nparticipants,women,12\r\nparticipants,female,-1\r\nvolunteers,all,3\r\n';
		const parsed = parseCountsCsv(text);
		const checked = validateCells(parsed.cells, [metric]);
		expect(checked.ok ? [] : checked.problems.map((p) => [p.row, p.column, p.value])).toEqual([[3, 'group', 'women'], [4, 'value', '-1'], [5, 'metric', 'volunteers']]);
	});
});

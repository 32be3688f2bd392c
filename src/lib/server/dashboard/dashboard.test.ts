import { describe, expect, it } from 'vitest';
import { assembleDashboard, isSynthetic, suppressYear, type Dashboard, type DashboardInput, type PublicCount } from './dashboard.js';
import { buildDashboardView, toCsv } from './dashboard-view.js';

const figures = (entries: Record<string, number>) => new Map(Object.entries(entries).map(([k, v]) => [k, { value: v, moe: null }]));

/** Race × sex table for one year: the cells, their race and sex totals, and 'all'. */
function table(cells: Record<string, [female: number, male: number]>, extra = 0): Record<string, number> {
	const out: Record<string, number> = {};
	let female = 0;
	let male = 0;
	for (const [race, [f, m]] of Object.entries(cells)) {
		out[`${race}:female`] = f;
		out[`${race}:male`] = m;
		out[race] = f + m;
		female += f;
		male += m;
	}
	out.female = female + extra;
	out.male = male;
	out.all = female + male + extra;
	return out;
}

function input(args: {
	threshold?: number;
	goalYear?: number | null;
	focus?: string[];
	stage: Record<number, Record<string, number>>;
	population: Record<number, Record<string, number>>;
	populationId?: string;
}): DashboardInput {
	return {
		ecosystem: {
			id: 'eco',
			goal_year: args.goalYear === undefined ? 2030 : args.goalYear,
			suppression_threshold: args.threshold ?? 11,
			focus_groups_json: JSON.stringify(args.focus ?? ['black', 'female', 'black:female'])
		},
		metrics: [
			{
				id: 'm-work',
				slug: 'work',
				name: 'STEM workers',
				name_es: 'Trabajadores STEM',
				definition: '',
				definition_es: null,
				stage: 'workforce',
				stage_position: 40,
				source: 'ACS',
				benchmark_population_id: args.populationId ?? 'pop'
			}
		],
		populations: [{ id: 'pop', slug: 'pop', name: 'Residents 16+', name_es: null, source: 'ACS', geography: '' }],
		benchmarkValues: Object.entries(args.population).flatMap(([year, groups]) =>
			Object.entries(groups).map(([group_key, estimate]) => ({ population_id: 'pop', year: Number(year), group_key, estimate, moe: null, vintage: '' }))
		),
		metricValues: Object.entries(args.stage).flatMap(([year, groups]) =>
			Object.entries(groups).map(([group_key, value]) => ({ metric_id: 'm-work', year: Number(year), group_key, value, moe: null, origin: 'partners' as const }))
		)
	};
}

const population = table({ black: [300, 200], white: [250, 250] });

/** Every count anywhere in the assembled dashboard. */
function allCounts(dashboard: Dashboard): PublicCount[] {
	const rows = [...dashboard.indexSeries, ...(dashboard.shares?.rows ?? []), ...dashboard.pipeline.groups.flatMap((g) => g.rows)];
	return rows.flatMap((r) => [r.stageCount, r.stageTotal, r.benchmarkCount, r.benchmarkTotal, ...(r.index.available ? [r.index.gap] : [])]);
}

describe('suppressYear', () => {
	it('hides a small race × sex cell and a complement in its row, column and totals', () => {
		const out = suppressYear(figures(table({ black: [4, 30], white: [50, 60] })), 11);
		expect(out.get('black:female')).toEqual({ suppressed: true });
		// The row (black) and the column (female) each need a second hidden number.
		const hidden = [...out].filter(([, cell]) => cell !== null && 'suppressed' in cell).map(([key]) => key);
		expect(hidden.length).toBeGreaterThanOrEqual(4);
		expect(hidden).toEqual(expect.arrayContaining(['black:male', 'white:female']));
	});

	it('shows zeros and leaves tables without small counts alone', () => {
		const out = suppressYear(figures(table({ black: [0, 30], white: [50, 60] })), 11);
		expect([...out.values()].every((cell) => cell !== null && 'value' in cell)).toBe(true);
	});

	it('hides every non-zero count of a year whose figures do not form a table, when one is small', () => {
		const out = suppressYear(figures({ all: 100, black: 7, female: 50, veterans: 0 }), 11);
		expect(out.get('all')).toEqual({ suppressed: true });
		expect(out.get('female')).toEqual({ suppressed: true });
		expect(out.get('veterans')).toEqual({ value: 0, moe: null });
	});

	it('falls back to the cautious rule when totals do not cover their parts (overlapping groups)', () => {
		const overlapping = { ...table({ black: [30, 30], white: [50, 50] }), all: 100 };
		const out = suppressYear(figures({ ...overlapping, 'black:female': 5, black: 35 }), 11);
		expect([...out.values()].filter((c) => c !== null && 'value' in c && c.value !== 0)).toEqual([]);
	});
});

describe('assembleDashboard', () => {
	it('computes the index, interval-free when no margins, gap and shares from published counts', () => {
		const dashboard = assembleDashboard(input({ stage: { 2018: table({ black: [20, 30], white: [200, 250] }) }, population: { 2018: population } }));
		const black = dashboard.shares!.rows.find((r) => r.group === 'black')!;
		expect(black.index).toMatchObject({ available: true, lower: null, upper: null });
		if (!black.index.available) throw new Error('unreachable');
		// 50/500 against 500/1000 → 0.2; parity needs 250 of 500, so 200 more.
		expect(black.index.index).toBeCloseTo(0.2);
		expect(black.index.gap).toEqual({ value: 200, moe: null });
		expect(black.stageCount).toEqual({ value: 50, moe: null });
	});

	it('never publishes a count from 1 to threshold − 1, and says "suppressed" for the index built on one', () => {
		const dashboard = assembleDashboard(
			input({ stage: { 2017: table({ black: [3, 30], white: [200, 250] }), 2018: table({ black: [9, 2], white: [200, 250] }) }, population: { 2017: population, 2018: population } })
		);
		for (const count of allCounts(dashboard)) {
			if (count !== null && 'value' in count) expect(count.value === 0 || count.value >= 11, `count ${count.value}`).toBe(true);
		}
		const blackWomen2017 = dashboard.indexSeries.find((r) => r.group === 'black:female' && r.year === 2017)!;
		expect(blackWomen2017.index).toEqual({ available: false, reason: 'suppressed' });
		expect(blackWomen2017.stageCount).toEqual({ suppressed: true });
	});

	it('hides a share whose whole is under the threshold even when it is not small itself', () => {
		const dashboard = assembleDashboard(input({ threshold: 11, stage: { 2018: { all: 10, female: 0, male: 10 } }, population: { 2018: population }, focus: ['female'] }));
		expect(dashboard.shares!.rows[0]!.index).toEqual({ available: false, reason: 'suppressed' });
	});

	it('hides a gap to parity of 1 to threshold − 1 people', () => {
		const dashboard = assembleDashboard(
			input({ stage: { 2018: table({ black: [120, 125], white: [125, 130] }) }, population: { 2018: population }, focus: ['black'] })
		);
		const row = dashboard.shares!.rows[0]!;
		// 245 of 500 against 500 of 1000: parity needs 250, 5 more.
		expect(row.index).toMatchObject({ available: true, gap: { suppressed: true } });
	});

	it('says "not available" when the benchmark has no year at or before the stage year, or lacks the group', () => {
		const dashboard = assembleDashboard(
			input({ stage: { 2014: table({ black: [20, 30], white: [200, 250] }), 2018: table({ black: [20, 30], white: [200, 250] }) }, population: { 2016: { all: 1000, female: 500, male: 500 } }, focus: ['black'] })
		);
		expect(dashboard.indexSeries.map((r) => r.index)).toEqual([
			{ available: false, reason: 'not_available' },
			{ available: false, reason: 'not_available' }
		]);
		expect(dashboard.indexSeries[1]!.benchmarkYear).toBe(2016);
		const view = buildDashboardView(dashboard, 'en');
		expect(view.charts[0]!.table.rows[0]!.cells).toContain('Not available');
		expect(view.cards[0]!.index).toBe('Not available');
		expect(buildDashboardView(dashboard, 'es').cards[0]!.index).toBe('No disponible');
	});

	it('ignores a benchmark population that is not among the ecosystem’s own', () => {
		const dashboard = assembleDashboard(
			input({ stage: { 2018: table({ black: [20, 30], white: [200, 250] }) }, population: { 2018: population }, populationId: 'other-ecosystems-population' })
		);
		expect(dashboard.headline).toBeNull();
		expect(dashboard.metrics[0]!.populationId).toBeNull();
	});

	it.each([
		{ name: 'behind', indexes: [0.2, 0.22], status: 'behind' },
		{ name: 'on track', indexes: [0.4, 0.7], status: 'on_track' },
		{ name: 'reached', indexes: [0.5, 1.1], status: 'reached' }
	])('rates the trajectory to 1.0 by the goal year: $name', ({ indexes, status }) => {
		// Black share of the benchmark is 0.5, so an index i needs a stage share of i/2 of 1,000.
		const stage = Object.fromEntries(
			indexes.map((index, i) => {
				const black = Math.round(1000 * 0.5 * index);
				return [2016 + i * 4, table({ black: [Math.floor(black / 2), Math.ceil(black / 2)], white: [Math.floor((1000 - black) / 2), Math.ceil((1000 - black) / 2)] })];
			})
		);
		const dashboard = assembleDashboard(input({ stage, population: { 2016: population }, goalYear: 2026, focus: ['black'] }));
		expect(dashboard.headline!.groups[0]!.trajectory?.status).toBe(status);
	});

	it('defaults the goal year to 2030', () => {
		const dashboard = assembleDashboard(input({ goalYear: null, stage: {}, population: {} }));
		expect(dashboard.goalYear).toBe(2030);
		expect(dashboard.headline).toBeNull();
	});

	it('finds the biggest drop along the pipeline, with a small intersection cell hidden', () => {
		const base = input({ stage: { 2018: table({ black: [100, 100], white: [200, 200] }) }, population: { 2018: population }, focus: ['black'] });
		const stages = [
			{ id: 'm-k12', stage: 'k12_course_taking', pos: 10, cells: table({ black: [250, 250], white: [250, 250] }) },
			{ id: 'm-ost', stage: 'ost_participation', pos: 20, cells: table({ black: [5, 240], white: [250, 250] }) }
		];
		for (const s of stages) {
			base.metrics.push({ ...base.metrics[0]!, id: s.id, slug: s.id, stage: s.stage, stage_position: s.pos });
			for (const [group_key, value] of Object.entries(s.cells)) base.metricValues.push({ metric_id: s.id, year: 2020, group_key, value, moe: null, origin: 'partners' });
		}
		base.metrics.sort((a, b) => a.stage_position - b.stage_position);
		const dashboard = assembleDashboard(base);
		const group = dashboard.pipeline.groups[0]!;
		expect(group.rows.map((r) => r.index.available)).toEqual([true, true, true]);
		expect(group.biggestDrop).toMatchObject({ fromMetricId: 'm-k12', toMetricId: 'm-ost' });
		// The ost stage's black:female count of 5 is hidden, but the black total (245) is not small.
		expect(allCounts(dashboard).some((c) => c !== null && 'value' in c && c.value > 0 && c.value < 11)).toBe(false);
	});
});

describe('a pipeline with two metrics on one stage', () => {
	/** Workforce (40) plus two K-12 metrics sharing a stage (10), given out of order. */
	function twoOnOneStage() {
		const base = input({ stage: { 2018: table({ black: [100, 100], white: [200, 200] }) }, population: { 2018: population }, focus: ['black'] });
		const extra = [
			{ id: 'm-calc', slug: 'calc', name: 'Calculus students', name_es: 'Estudiantes de cálculo', pos: 10, cells: table({ black: [250, 250], white: [250, 250] }) },
			{ id: 'm-ap', slug: 'ap', name: 'AP science students', name_es: 'Estudiantes de ciencias AP', pos: 10, cells: table({ black: [50, 50], white: [250, 250] }) }
		];
		for (const s of extra) {
			base.metrics.push({ ...base.metrics[0]!, id: s.id, slug: s.slug, name: s.name, name_es: s.name_es, stage: 'k12_course_taking', stage_position: s.pos, source: 'Synthetic demo' });
			for (const [group_key, value] of Object.entries(s.cells)) base.metricValues.push({ metric_id: s.id, year: 2020, group_key, value, moe: null, origin: 'partners' });
		}
		return assembleDashboard(base);
	}

	it('gives each metric its own step, in stage_position order', () => {
		const dashboard = twoOnOneStage();
		expect(dashboard.pipeline.stages.map((s) => s.metric.id)).toEqual(['m-calc', 'm-ap', 'm-work']);
		expect(dashboard.pipeline.groups[0]!.rows.map((r) => r.metricId)).toEqual(['m-calc', 'm-ap', 'm-work']);
		// Calculus 1.00 → AP 0.33 (100 of 600) → workforce 0.80 (black share 0.5 of the population).
		expect(dashboard.pipeline.groups[0]!.biggestDrop).toMatchObject({ fromMetricId: 'm-calc', toMetricId: 'm-ap' });
		expect(dashboard.pipeline.groups[0]!.biggestDrop!.drop).toBeCloseTo(2 / 3);
	});

	it('labels the steps by metric name in the page’s language, in the chart, table, notes and CSV', () => {
		const dashboard = twoOnOneStage();
		const en = buildDashboardView(dashboard, 'en').charts.find((c) => c.key === 'pipeline')!;
		expect(en.table.rows.map((r) => r.cells.slice(1, 3))).toEqual([
			['Calculus students (Synthetic demo data)', 'K-12 STEM course-taking'],
			['AP science students (Synthetic demo data)', 'K-12 STEM course-taking'],
			['STEM workers', 'STEM workforce']
		]);
		expect(en.notes[0]).toContain('from Calculus students (1.00) to AP science students (0.33)');
		for (const name of ['Calculus students', 'AP science students', 'STEM workers']) expect(en.svg).toContain(name);
		expect(en.csv.rows.map((r) => r[3])).toEqual(['Calculus students', 'AP science students', 'STEM workers']);
		const es = buildDashboardView(dashboard, 'es').charts.find((c) => c.key === 'pipeline')!;
		expect(es.table.rows.map((r) => r.cells[1]!.split(' (')[0])).toEqual(['Estudiantes de cálculo', 'Estudiantes de ciencias AP', 'Trabajadores STEM']);
		expect(es.svg).toContain('Estudiantes de cálculo');
	});

	it('keeps two metrics of the same name apart', () => {
		const dashboard = twoOnOneStage();
		for (const metric of dashboard.metrics) metric.name = 'Students';
		const rows = buildDashboardView(dashboard, 'en').charts.find((c) => c.key === 'pipeline')!.table.rows;
		expect(new Set(rows.map((r) => r.cells[1])).size).toBe(3);
	});
});

describe('isSynthetic', () => {
	it.each([
		['Synthetic demo figures', true],
		['ACS 1-year (SYNTHETIC)', true],
		['ACS 1-year, table B24010', false],
		['', false]
	])('%j → %s', (source, expected) => expect(isSynthetic(source)).toBe(expected));
});

describe('the dashboard view', () => {
	it('prints suppressed cells as "Suppressed" on the page and "suppressed" in the CSV', () => {
		const dashboard = assembleDashboard(
			input({ stage: { 2018: table({ black: [4, 30], white: [200, 250] }) }, population: { 2018: population }, focus: ['black:female'] })
		);
		const view = buildDashboardView(dashboard, 'en');
		const index = view.charts.find((c) => c.key === 'index')!;
		expect(index.table.rows[0]!.cells.slice(2, 5)).toEqual(['Suppressed', 'Suppressed', 'Suppressed']);
		const csv = toCsv(index.csv);
		expect(csv.split('\r\n')[1]).toContain('black:female,Black women,2018,suppressed');
		expect(csv).not.toMatch(/,4,/);
		expect(index.svg).not.toMatch(/style=|<style/);
		expect(index.svg).toContain('role="img"');
	});

	it('neutralises a formula that starts with a minus sign and a digit', () => {
		expect(toCsv({ header: ['a'], rows: [["-1+cmd|' /C calc'!A0"], ['-12'], ['-3.25']] })).toBe("a\r\n'-1+cmd|' /C calc'!A0\r\n-12\r\n-3.25\r\n");
	});

	it('neutralises spreadsheet formulas in CSV cells', () => {
		expect(toCsv({ header: ['a'], rows: [['=HYPERLINK("x")'], ['-0.5'], ['a,b']] })).toBe('a\r\n"\'=HYPERLINK(""x"")"\r\n-0.5\r\n"a,b"\r\n');
	});
});

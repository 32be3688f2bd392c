/**
 * Demo measurement data: a benchmark population and four pipeline stages per demo ecosystem, so
 * the public dashboard tells a believable story offline.
 *
 * - Census figures (benchmark population 16+ and the STEM workforce, 2015–2018) are real: derived
 *   from the ACS 1-year STATE tables by scripts/derive-demo-measurement.ts into
 *   demo-measurement-census.ts, each figure naming its table and variables. The offline demo has
 *   state files only, so Pennsylvania stands in for Philadelphia and Oregon for Portland, and the
 *   names say so.
 * - The three earlier stages (K-12 course-taking, out-of-school participation, postsecondary
 *   completions, 2019–2025) are SYNTHETIC: made up by the formula below, labelled synthetic in the
 *   metric's name, definition and source, and on the dashboard. Some cells are deliberately 1–10
 *   so the dashboard's small-cell suppression has something to hide.
 */
import type { Executor } from '../audit/audit.repository.js';
import { setFocusGroups } from '../ecosystems/ecosystems.repository.js';
import { insertPopulation, replaceBenchmarkValues } from '../benchmarks/benchmarks.repository.js';
import { insertMetric, replaceMetricValues } from '../metrics/metrics.repository.js';
import { demoCensusFigures, type CensusFigure } from './demo-measurement-census.js';

type Stage = 'k12_course_taking' | 'ost_participation' | 'postsecondary' | 'workforce';

export interface DemoMetric {
	slug: string;
	name: string;
	name_es: string;
	definition: string;
	definition_es: string;
	stage: Stage;
	stage_position: number;
	source: string;
	origin: 'census' | 'partners';
	values: { year: number; group: string; value: number; moe: number | null; note: string }[];
}

export interface DemoMeasurement {
	focusGroups: string[];
	benchmark: {
		slug: string;
		name: string;
		name_es: string;
		description: string;
		description_es: string;
		geography: string;
		source: string;
		values: { year: number; group: string; estimate: number; moe: number | null; vintage: string }[];
	};
	metrics: DemoMetric[];
}

const races = ['black', 'hispanic', 'asian', 'white'] as const;
const sexes = ['female', 'male'] as const;
const syntheticYears = [2019, 2020, 2021, 2022, 2023, 2024, 2025];

const acsTitle = 'U.S. Census Bureau, American Community Survey 1-Year Estimates, Detailed Tables';

function censusValues(figures: readonly CensusFigure[], label: string) {
	return figures.flatMap(([year, group, estimate, moe, variables]) =>
		estimate === null ? [] : [{ year, group, estimate, moe, vintage: `ACS ${year} 1-year, ${label}, ${variables}` }]
	);
}

/** The share of the benchmark's 'all' that a group makes up in a year (for the synthetic formula). */
function benchmarkShare(figures: readonly CensusFigure[], year: number, group: string): number {
	const find = (g: string) => figures.find(([y, key]) => y === year && key === g)?.[2] ?? 0;
	return find(group) / find('all');
}

interface SyntheticStage {
	slug: string;
	name: string;
	name_es: string;
	definition: string;
	definition_es: string;
	stage: Exclude<Stage, 'workforce'>;
	stage_position: number;
	/** Stage total in 2019 and yearly growth. */
	total: number;
	growth: number;
	/** Access Index of each race group in 2019 and 2025 (straight line between). */
	index: Record<(typeof races)[number], [number, number]>;
	/** Women's share of each race group in 2019 and 2025. */
	femaleShare: [number, number];
}

/** Deterministic, so every fresh demo database holds the same numbers. */
function syntheticValues(spec: SyntheticStage, population: readonly CensusFigure[], overrides: Record<string, number>) {
	const values: DemoMetric['values'] = [];
	const note = 'Synthetic demo figure (not real data)';
	for (const year of syntheticYears) {
		const t = (year - syntheticYears[0]!) / (syntheticYears.length - 1);
		const total = Math.round(spec.total * (1 + spec.growth) ** (year - syntheticYears[0]!));
		const femaleShare = spec.femaleShare[0] + (spec.femaleShare[1] - spec.femaleShare[0]) * t;
		const cells = new Map<string, number>();
		let raceSum = 0;
		for (const race of races) {
			if (race === 'white') continue;
			const [from, to] = spec.index[race];
			const count = Math.round(total * benchmarkShare(population, 2018, race) * (from + (to - from) * t));
			raceSum += count;
			cells.set(`${race}:female`, Math.round(count * femaleShare));
			cells.set(`${race}:male`, count - Math.round(count * femaleShare));
		}
		// White is what remains after 4% of people of other or unreported race/ethnicity.
		const white = Math.max(0, Math.round(total * 0.96) - raceSum);
		cells.set('white:female', Math.round(white * femaleShare));
		cells.set('white:male', white - Math.round(white * femaleShare));
		for (const [key, value] of Object.entries(overrides)) {
			const [y, cell] = key.split('/');
			if (Number(y) === year && cell) cells.set(cell, value);
		}
		const other = total - races.reduce((sum, race) => sum + cells.get(`${race}:female`)! + cells.get(`${race}:male`)!, 0);
		const otherFemale = Math.round(Math.max(0, other) * femaleShare);
		const sexTotals = {
			female: races.reduce((sum, race) => sum + cells.get(`${race}:female`)!, 0) + otherFemale,
			male: races.reduce((sum, race) => sum + cells.get(`${race}:male`)!, 0) + Math.max(0, other) - otherFemale
		};
		values.push({ year, group: 'all', value: sexTotals.female + sexTotals.male, moe: null, note });
		for (const sex of sexes) values.push({ year, group: sex, value: sexTotals[sex], moe: null, note });
		for (const race of races) {
			values.push({ year, group: race, value: cells.get(`${race}:female`)! + cells.get(`${race}:male`)!, moe: null, note });
			for (const sex of sexes) values.push({ year, group: `${race}:${sex}`, value: cells.get(`${race}:${sex}`)!, moe: null, note });
		}
	}
	return values;
}

const syntheticSource =
	'SYNTHETIC demo data: invented partner-reported figures for illustration only, not real counts (datos sintéticos de demostración, no reales).';

function stages(size: number): SyntheticStage[] {
	return [
		{
			slug: 'ap-ib-stem-enrolment',
			name: 'Students enrolled in AP/IB STEM courses (synthetic)',
			name_es: 'Estudiantes inscritos en cursos STEM AP/IB (sintético)',
			definition: 'Students enrolled in at least one Advanced Placement or International Baccalaureate STEM course at partner high schools during the school year. Synthetic demo figures.',
			definition_es: 'Estudiantes inscritos en al menos un curso STEM de Colocación Avanzada o Bachillerato Internacional en las escuelas socias durante el año escolar. Cifras sintéticas de demostración.',
			stage: 'k12_course_taking',
			stage_position: 10,
			total: 3200 * size,
			growth: 0.04,
			index: { black: [0.82, 0.97], hispanic: [0.78, 0.93], asian: [1.7, 1.6], white: [1, 1] },
			femaleShare: [0.47, 0.5]
		},
		{
			slug: 'ost-stem-participation',
			name: 'Young people in out-of-school STEM programmes (synthetic)',
			name_es: 'Jóvenes en programas STEM extraescolares (sintético)',
			definition: 'Young people who attended at least 20 hours of an out-of-school-time STEM programme run by a partner during the year. Synthetic demo figures.',
			definition_es: 'Jóvenes que asistieron al menos 20 horas a un programa STEM extraescolar de una organización socia durante el año. Cifras sintéticas de demostración.',
			stage: 'ost_participation',
			stage_position: 20,
			total: 1400 * size,
			growth: 0.05,
			index: { black: [1.15, 1.25], hispanic: [0.95, 1.1], asian: [1.2, 1.2], white: [1, 1] },
			femaleShare: [0.41, 0.47]
		},
		{
			slug: 'stem-degree-completions',
			name: 'STEM degrees and certificates completed (synthetic)',
			name_es: 'Títulos y certificados STEM obtenidos (sintético)',
			definition: 'Associate and bachelor’s degrees and certificates in STEM fields completed at partner colleges during the academic year. Synthetic demo figures.',
			definition_es: 'Títulos de asociado y de licenciatura y certificados en campos STEM obtenidos en las instituciones socias durante el año académico. Cifras sintéticas de demostración.',
			stage: 'postsecondary',
			stage_position: 30,
			total: 900 * size,
			growth: 0.03,
			index: { black: [0.55, 0.68], hispanic: [0.6, 0.74], asian: [1.9, 1.8], white: [1, 1] },
			femaleShare: [0.36, 0.41]
		}
	];
}

function build(args: {
	state: 'pennsylvania' | 'oregon';
	stateName: string;
	stateNameEs: string;
	geography: string;
	city: string;
	size: number;
	focusGroups: string[];
	/** Cells forced small ('year/group' → count), by stage slug. */
	smallCells: Record<string, Record<string, number>>;
}): DemoMeasurement {
	const figures = demoCensusFigures[args.state];
	const populationSlug = `${args.state}-residents-16-plus`;
	const metrics: DemoMetric[] = stages(args.size).map((spec) => ({
		slug: spec.slug,
		name: spec.name,
		name_es: spec.name_es,
		definition: spec.definition,
		definition_es: spec.definition_es,
		stage: spec.stage,
		stage_position: spec.stage_position,
		source: syntheticSource,
		origin: 'partners',
		values: syntheticValues(spec, figures.population, args.smallCells[spec.slug] ?? {})
	}));
	metrics.push({
		slug: 'stem-workforce',
		name: 'Employed in computer, engineering and science occupations',
		name_es: 'Personas empleadas en ocupaciones de computación, ingeniería y ciencias',
		definition: `Civilian employed people 16 and over in "Computer, engineering, and science occupations" (ACS tables B24010 and B24010B/D/H/I). The offline demo uses ${args.stateName} state figures in place of ${args.city}.`,
		definition_es: `Personas civiles empleadas de 16 años o más en "ocupaciones de computación, ingeniería y ciencias" (tablas B24010 y B24010B/D/H/I de la ACS). La demostración sin conexión usa cifras del estado de ${args.stateNameEs} en lugar de ${args.city}.`,
		stage: 'workforce',
		stage_position: 40,
		source: `${acsTitle}, 2015–2018, tables B24010, B24010B, B24010D, B24010H, B24010I (${args.stateName}, ${args.geography}; state figures stand in for ${args.city} in the offline demo).`,
		origin: 'census',
		values: figures.stem.flatMap(([year, group, estimate, moe, variables]) =>
			estimate === null ? [] : [{ year, group, value: estimate, moe, note: `ACS ${year} 1-year, ${variables}` }]
		)
	});
	return {
		focusGroups: args.focusGroups,
		benchmark: {
			slug: populationSlug,
			name: `${args.stateName} residents 16+ (ACS 1-year, state tables: the offline demo uses state figures)`,
			name_es: `Residentes de ${args.stateNameEs} de 16 años o más (ACS de 1 año, tablas estatales: la demostración sin conexión usa cifras del estado)`,
			description: `Population 16 years and over by race/ethnicity and sex, ${args.stateName}, from ACS 1-year tables C23001, C23002B, C23002D, C23002H and C23002I (2015–2018). ${args.city} county figures would be used in production; the offline demo ships state files only.`,
			description_es: `Población de 16 años o más por raza/etnia y sexo, ${args.stateNameEs}, de las tablas C23001, C23002B, C23002D, C23002H y C23002I de la ACS de 1 año (2015–2018). En producción se usarían cifras del condado de ${args.city}; la demostración sin conexión solo incluye archivos estatales.`,
			geography: args.geography,
			source: `${acsTitle}, 2015–2018, tables C23001, C23002B, C23002D, C23002H, C23002I`,
			values: censusValues(figures.population, 'population 16+')
		},
		metrics
	};
}

export const demoMeasurement: Record<string, DemoMeasurement> = {
	philadelphia: build({
		state: 'pennsylvania',
		stateName: 'Pennsylvania',
		stateNameEs: 'Pensilvania',
		geography: 'state:42',
		city: 'Philadelphia',
		size: 1,
		focusGroups: ['black', 'hispanic', 'female', 'black:female', 'hispanic:female'],
		smallCells: {
			'ost-stem-participation': { '2019/hispanic:female': 7, '2022/asian:male': 3 },
			'stem-degree-completions': { '2021/hispanic:male': 4, '2025/black:female': 9 }
		}
	}),
	portland: build({
		state: 'oregon',
		stateName: 'Oregon',
		stateNameEs: 'Oregón',
		geography: 'state:41',
		city: 'Portland',
		size: 0.6,
		focusGroups: ['black', 'hispanic', 'female', 'hispanic:female', 'black:female'],
		smallCells: {}
	})
};

/**
 * Writes one ecosystem's demo measurement (inside the seed transaction) through the same
 * repository functions the admin screens use.
 */
export async function insertDemoMeasurement(db: Executor, ecosystemId: string, slug: string): Promise<void> {
	const demo = demoMeasurement[slug];
	if (!demo) return;
	await setFocusGroups(db, ecosystemId, demo.focusGroups);
	const { values: benchmarkValues, slug: populationSlug, ...population } = demo.benchmark;
	const populationId = await insertPopulation(db, ecosystemId, populationSlug, population);
	await replaceBenchmarkValues(db, {
		ecosystemId,
		populationId,
		vintage: population.source,
		values: benchmarkValues.map((v) => ({ year: v.year, groupKey: v.group, estimate: v.estimate, moe: v.moe, vintage: v.vintage }))
	});
	for (const metric of demo.metrics) {
		const { values, origin, slug: metricSlug, ...fields } = metric;
		const metricId = await insertMetric(db, ecosystemId, metricSlug, {
			...fields,
			unit: 'people',
			frequency: 'annual',
			disaggregations: ['race_ethnicity', 'sex'],
			benchmark_population_id: populationId
		});
		for (const year of [...new Set(values.map((v) => v.year))]) {
			await replaceMetricValues(db, {
				ecosystemId,
				metricId,
				year,
				origin,
				sourceNote: metric.source,
				values: values.filter((v) => v.year === year).map((v) => ({ groupKey: v.group, value: v.value, moe: v.moe, sourceNote: v.note }))
			});
		}
	}
}

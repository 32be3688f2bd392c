import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../context.js';
import type { Executor } from '../audit/audit.repository.js';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { createCensusClient } from '../census/census-client.js';
import { pennsylvania2017 } from '../census/census-fixtures.js';
import { dataFile, hasSharedCensusData, itWithSharedData, rawValue, sharedCensusDir } from '../census/census-test-data.js';
import { listMetricValues } from '../metrics/metrics.repository.js';
import { createMetric } from '../metrics/metrics.service.js';
import { findPopulationById, listBenchmarkValues } from './benchmarks.repository.js';
import type { CensusSourceText } from './benchmarks.js';
import {
	createPopulation,
	getPopulationForEdit,
	importBenchmarkValues,
	importFromCensusApi,
	populationIdBySlug,
	updatePopulation
} from './benchmarks.service.js';

const itReal = itWithSharedData();

/** Every file of one year in the shared folder, exactly as it is (data tables and legends). */
function yearFiles(year: number): CensusSourceText[] {
	if (!hasSharedCensusData) return [];
	return readdirSync(sharedCensusDir)
		.filter((name) => name.startsWith(`acs1_${year}_`))
		.map((name) => ({ name, text: readFileSync(path.join(sharedCensusDir, name), 'utf8') }));
}

/** The Pennsylvania value of one column, read straight from the file's text. */
const paValue = (year: number, table: string, column: string) => Number(rawValue(readFileSync(dataFile(year, table), 'utf8'), '42', column));

async function setup(ctx: AppContext, geography = 'state:42') {
	const db = ctx.db.kysely;
	const eco = await makeEcosystem(db);
	const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
	const created = await createPopulation({ db, actor: staff, ecosystemId: eco.id, input: { name: 'Pennsylvania residents 16+', geography, source: 'ACS 1-year' } });
	if (!created.ok) throw new Error('setup');
	const metric = await createMetric({
		db,
		actor: staff,
		ecosystemId: eco.id,
		input: {
			name: 'People in STEM occupations',
			definition: 'Civilian employed people 16+ in computer, engineering and science occupations.',
			unit: 'people',
			stage: 'workforce',
			frequency: 'annual',
			benchmark_population_id: created.value.id
		}
	});
	if (!metric.ok) throw new Error('setup');
	return { db, eco, staff, populationId: created.value.id, populationSlug: created.value.slug, metricId: metric.value.id };
}

async function snapshot(db: Executor, ecosystemId: string, populationId: string, metricId: string) {
	return { values: await listBenchmarkValues(db, ecosystemId, populationId), metric: await listMetricValues(db, ecosystemId, metricId), audit: await auditActions(db, ecosystemId) };
}

const longCsv = (rows: string[]) => ({ name: 'values.csv', text: ['year,group_key,estimate,moe', ...rows].join('\n') });

/** A local stand-in for the Census Data API, answering from the real Pennsylvania 2017 figures. */
let census: Server;
let censusUrl = '';
beforeAll(async () => {
	census = createServer((request, response) => {
		const url = new URL(request.url ?? '/', 'http://127.0.0.1');
		if (url.pathname !== '/data/2017/acs/acs1') {
			response.writeHead(404, { 'content-type': 'text/html' });
			return void response.end('<html><title>404 Not Found</title></html>');
		}
		if (url.searchParams.get('for') !== 'state:42') {
			response.writeHead(204);
			return void response.end();
		}
		const get = (url.searchParams.get('get') ?? '').split(',');
		const row = get.map((v) => (v === 'NAME' ? pennsylvania2017.name : (pennsylvania2017.values[v] ?? null)));
		response.writeHead(200, { 'content-type': 'application/json' });
		response.end(JSON.stringify([[...get, 'state'], [...row, '42']]));
	});
	await new Promise<void>((resolve) => census.listen(0, '127.0.0.1', resolve));
	censusUrl = `http://127.0.0.1:${(census.address() as AddressInfo).port}/data`;
});
afterAll(() => new Promise<void>((resolve) => census.close(() => resolve())));

describeEachDatabase('benchmarks service', (get) => {
	describe('populations', () => {
		it('creates and edits a population, each audited; a bad edit lists every problem and changes nothing', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, populationSlug } = await setup(ctx);
			expect(populationSlug).toBe('pennsylvania-residents-16');
			const edited = await updatePopulation({ db, actor: staff, ecosystemId: eco.id, populationId, input: { name: 'Philadelphia County residents 16+', geography: 'state:42/county:101' } });
			expect(edited).toEqual({ ok: true, value: null });
			const before = await findPopulationById(db, eco.id, populationId);
			expect(before).toMatchObject({ name: 'Philadelphia County residents 16+', geography: 'state:42/county:101', slug: populationSlug });
			const bad = await updatePopulation({ db, actor: staff, ecosystemId: eco.id, populationId, input: { name: 'P', geography: 'county 101' + ':x:' } });
			expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['name', 'geography']);
			expect(await findPopulationById(db, eco.id, populationId)).toEqual(before);
			expect(await auditActions(db, eco.id)).toEqual(['benchmark.create', 'benchmark.update', 'metric.create']);
		});

		it.each(['partner_admin', 'partner_member', 'educator'] as const)('refuses a %s everything', async (role) => {
			const { ctx } = get();
			const { db, eco, populationId, populationSlug } = await setup(ctx);
			const partner = await makePartner(db, eco.id);
			const actor = await makeActor(ctx, { role, ecosystemId: eco.id, partnerId: role === 'educator' ? null : partner.id });
			const scope = { db, actor, ecosystemId: eco.id };
			await expect(createPopulation({ ...scope, input: { name: 'Mine' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(updatePopulation({ ...scope, populationId, input: { name: 'Mine' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getPopulationForEdit({ ...scope, slug: populationSlug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(importBenchmarkValues({ ...scope, populationId, input: {}, sources: [longCsv(['2020,all,5,'])] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(importFromCensusApi({ ...scope, populationId, input: { year: '2017' }, client: createCensusClient({ baseUrl: censusUrl }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await listBenchmarkValues(db, eco.id, populationId)).toEqual([]);
		});
	});

	describe('importing the real ACS files', () => {
		itReal('imports Pennsylvania 2015–2018 from the shared files exactly as they are, with the STEM workforce metric', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, metricId } = await setup(ctx);
			for (const year of [2015, 2016, 2017, 2018]) {
				const outcome = await importBenchmarkValues({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: String(year), metric_id: metricId }, sources: yearFiles(year) });
				expect(outcome, `import ${year}`).toMatchObject({ ok: true, value: { years: [year], values: 15, replaced: 0, metricValues: 15, geography: 'state:42' } });
			}
			const values = await listBenchmarkValues(db, eco.id, populationId);
			expect(values).toHaveLength(60);
			const find = (year: number, group: string) => values.find((v) => v.year === year && v.group_key === group);
			for (const year of [2015, 2016, 2017, 2018]) {
				expect(find(year, 'black:female'), `${year}`).toMatchObject({ estimate: paValue(year, 'C23002B', 'C23002B_015E'), moe: paValue(year, 'C23002B', 'C23002B_015M') });
				expect(find(year, 'all')?.estimate).toBe(paValue(year, 'C23001', 'C23001_001E'));
				expect(find(year, 'female')?.estimate).toBe(paValue(year, 'C23001', 'C23001_048E'));
				expect(find(year, 'white:male')?.estimate).toBe(paValue(year, 'C23002H', 'C23002H_002E'));
				expect(find(year, 'hispanic')?.estimate).toBe(paValue(year, 'C23002I', 'C23002I_001E'));
			}
			expect(find(2017, 'black:female')).toMatchObject({ estimate: 581705, moe: 5289 });
			expect(find(2017, 'black:female')?.vintage).toMatch(/ACS 2017 1-year/);

			const stem = await listMetricValues(db, eco.id, metricId);
			const stemOf = (year: number, group: string) => stem.find((v) => v.year === year && v.group_key === group);
			expect(stemOf(2017, 'black:female')).toMatchObject({ value: 7865, moe: 1915, origin: 'census' });
			const male = paValue(2017, 'B24010', 'B24010_019E');
			const female = paValue(2017, 'B24010', 'B24010_170E');
			const maleMoe = paValue(2017, 'B24010', 'B24010_019M');
			const femaleMoe = paValue(2017, 'B24010', 'B24010_170M');
			expect(stemOf(2017, 'all')?.value).toBe(male + female);
			expect(stemOf(2017, 'all')?.moe).toBeCloseTo(Math.sqrt(maleMoe ** 2 + femaleMoe ** 2), 6);
			expect((await auditActions(db, eco.id)).filter((a) => a === 'benchmark.import')).toHaveLength(4);
		});

		itReal('re-importing a year replaces that year only, and says how many values it replaced', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, metricId } = await setup(ctx);
			const scope = { db, actor: staff, ecosystemId: eco.id, populationId };
			await importBenchmarkValues({ ...scope, input: { year: '2016' }, sources: yearFiles(2016) });
			await importBenchmarkValues({ ...scope, input: { year: '2017' }, sources: longCsvFor2017Placeholder() });
			const again = await importBenchmarkValues({ ...scope, input: { year: '2017', metric_id: metricId }, sources: yearFiles(2017) });
			expect(again).toMatchObject({ ok: true, value: { years: [2017], values: 15, replaced: 2, metricValues: 15, metricReplaced: 0 } });
			const twice = await importBenchmarkValues({ ...scope, input: { year: '2017', metric_id: metricId }, sources: yearFiles(2017) });
			expect(twice).toMatchObject({ ok: true, value: { replaced: 15, metricReplaced: 15 } });
			const values = await listBenchmarkValues(db, eco.id, populationId);
			expect(values.filter((v) => v.year === 2016)).toHaveLength(15);
			expect(values.filter((v) => v.year === 2017)).toHaveLength(15);
			expect(values.find((v) => v.year === 2017 && v.group_key === 'all')?.estimate).toBe(10459220);
			expect(await listMetricValues(db, eco.id, metricId)).toHaveLength(15);
			const entries = await db.selectFrom('audit_log').select(['action', 'detail_json']).where('ecosystem_id', '=', eco.id).where('action', '=', 'benchmark.import').execute();
			expect(entries.map((e) => JSON.parse(e.detail_json ?? '{}').replaced).sort()).toEqual([0, 0, 15, 2]);
		});

		itReal('refuses files whose name states another year than the one chosen, storing nothing', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, metricId } = await setup(ctx);
			const before = await snapshot(db, eco.id, populationId, metricId);
			const outcome = await importBenchmarkValues({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: '2018' }, sources: yearFiles(2017) });
			expect(outcome.ok).toBe(false);
			if (outcome.ok) return;
			expect(outcome.problems.length).toBe(20);
			expect(outcome.problems[0]!.message).toMatch(/says 2017, but you chose 2018/);
			expect(await snapshot(db, eco.id, populationId, metricId)).toEqual(before);
		});

		itReal('names each variable the mapping needs when a table is left out', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, metricId } = await setup(ctx);
			const without = yearFiles(2017).filter((f) => !f.name.includes('_B24010D_'));
			const outcome = await importBenchmarkValues({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: '2017', metric_id: metricId }, sources: without });
			expect(outcome.ok).toBe(false);
			if (outcome.ok) return;
			expect(outcome.problems.map((p) => p.column).sort()).toEqual(['B24010D_007E', 'B24010D_007M', 'B24010D_043E', 'B24010D_043M', 'B24010D_043E', 'B24010D_007E', 'B24010D_043M', 'B24010D_007M'].sort());
			expect(await listBenchmarkValues(db, eco.id, populationId)).toEqual([]);
		});
	});

	describe('validation: every problem listed, nothing stored', () => {
		it('lists each broken row of a CSV with its row, column and value, and leaves the database unchanged', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, metricId } = await setup(ctx);
			await importBenchmarkValues({ db, actor: staff, ecosystemId: eco.id, populationId, input: {}, sources: [longCsv(['2019,all,100,5'])] });
			const before = await snapshot(db, eco.id, populationId, metricId);
			const outcome = await importBenchmarkValues({
				db,
				actor: staff,
				ecosystemId: eco.id,
				populationId,
				input: {},
				sources: [longCsv(['2019,all,200,5', '2019,female,abc,1', '19,black,10,1', '2019,purple,10,1', '2019,asian,10,-1', '2019,all,300,1'])]
			});
			expect(outcome.ok).toBe(false);
			if (outcome.ok) return;
			expect(outcome.problems.map((p) => [p.file, p.row, p.column, p.value])).toEqual([
				['values.csv', 3, 'estimate', 'abc'],
				['values.csv', 4, 'year', '19'],
				['values.csv', 5, 'group_key', 'purple'],
				['values.csv', 6, 'moe', '-1'],
				['values.csv', 7, 'group_key', 'all']
			]);
			expect(outcome.issues).toEqual([{ field: 'files', message: expect.stringMatching(/5 problems; nothing was imported/) }]);
			expect(await snapshot(db, eco.id, populationId, metricId)).toEqual(before);
		});

		it('lists the broken rows of a Census-layout CSV too', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, metricId } = await setup(ctx);
			const text = [
				'GEO_ID,C23001_001E,C23001_001M,C23001_002E,C23001_002M,NAME,state',
				'0400000US42,10459220,4797,five,4304,Pennsylvania,42',
				'0400000US41,3357044,3000,1641212,3000,Oregon,41',
				'0400000US41,1,oops,1,1,Oregon again,41',
				'0400000US41,1,1,1,1,Oregon again,41',
				'0400000US06,1,1,1,California,06'
			].join('\n');
			const outcome = await importBenchmarkValues({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: '2017', metric_id: metricId }, sources: [{ name: 'C23001.csv', text }] });
			expect(outcome.ok).toBe(false);
			if (outcome.ok) return;
			expect(outcome.problems.map((p) => [p.file, p.row, p.column ?? null, p.value ?? null])).toEqual([
				['C23001.csv', 2, 'C23001_002E', 'five'],
				['C23001.csv', 4, 'C23001_001M', 'oops'],
				['C23001.csv', 5, null, null],
				['C23001.csv', 6, null, null]
			]);
			expect(outcome.problems[2]!.message).toMatch(/repeats the geography state:41/);
			expect(outcome.problems[3]!.message).toMatch(/6 values but the header has 7/);
			expect(await snapshot(db, eco.id, populationId, metricId)).toEqual({ values: [], metric: [], audit: ['benchmark.create', 'metric.create'] });
		});

		it('asks for the year, a file, and a metric of this ecosystem, all at once', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId } = await setup(ctx);
			const none = await importBenchmarkValues({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: 'soon', metric_id: 'not-a-metric' }, sources: [{ name: 'empty.csv', text: '  ' }] });
			expect(none.ok ? [] : none.issues.map((i) => i.field)).toEqual(['year', 'metric_id', 'files']);
			const pasted = JSON.stringify([['NAME', 'C23001_001E', 'state'], ['Pennsylvania', '10459220', '42']]);
			const noYear = await importBenchmarkValues({ db, actor: staff, ecosystemId: eco.id, populationId, input: {}, sources: [{ name: 'pasted JSON', text: pasted }] });
			expect(noYear.ok ? [] : noYear.issues.map((i) => i.field)).toEqual(['year']);
			expect(await listBenchmarkValues(db, eco.id, populationId)).toEqual([]);
		});
	});

	it('refuses to fill a metric that is not a workforce count of people, even from a crafted form', async () => {
		const { ctx } = get();
		const { db, eco, staff, populationId } = await setup(ctx);
		const rate = await createMetric({
			db,
			actor: staff,
			ecosystemId: eco.id,
			input: { name: 'AP STEM pass rate', definition: 'Share of exams passed.', unit: 'percent', stage: 'k12_course_taking', frequency: 'annual' }
		});
		if (!rate.ok) throw new Error('setup');
		const pasted = JSON.stringify([['NAME', 'C23001_001E', 'state'], ['Pennsylvania', '10459220', '42']]);
		const outcome = await importBenchmarkValues({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: '2017', metric_id: rate.value.id }, sources: [{ name: 'pasted JSON', text: pasted }] });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toContain('metric_id');
		expect(await listMetricValues(db, eco.id, rate.value.id)).toEqual([]);
		expect(await listBenchmarkValues(db, eco.id, populationId)).toEqual([]);
	});

	describe('Census JSON and the live API', () => {
		/** Two pasted responses, as the Census API answers two requests (it allows 49 variables each). */
		function pastedResponses() {
			const variables = Object.keys(pennsylvania2017.values);
			const half = Math.ceil(variables.length / 2);
			const response = (vars: string[]) => [['NAME', ...vars, 'state'], [pennsylvania2017.name, ...vars.map((v) => pennsylvania2017.values[v] ?? null), '42']];
			return JSON.stringify([response(variables.slice(0, half)), response(variables.slice(half))]);
		}

		it('imports pasted Census JSON responses with the PSEC mapping', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, metricId } = await setup(ctx, '');
			const outcome = await importBenchmarkValues({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: '2017', mapping: 'psec', metric_id: metricId }, sources: [{ name: 'pasted JSON', text: pastedResponses() }] });
			expect(outcome).toMatchObject({ ok: true, value: { values: 15, metricValues: 15, geography: 'state:42' } });
			const values = await listBenchmarkValues(db, eco.id, populationId);
			expect(values.find((v) => v.group_key === 'black:female')).toMatchObject({ year: 2017, estimate: 581705, moe: 5289 });
		});

		it('fetches a year from the Census API for the population’s geography', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, metricId } = await setup(ctx);
			const client = createCensusClient({ baseUrl: censusUrl, key: 'secret-key' });
			const outcome = await importFromCensusApi({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: '2017', metric_id: metricId }, client });
			expect(outcome).toMatchObject({ ok: true, value: { years: [2017], values: 15, metricValues: 15 } });
			expect((await listMetricValues(db, eco.id, metricId)).find((v) => v.group_key === 'asian:female')).toMatchObject({ value: 12731, moe: 1612 });
		});

		it('explains a failed fetch without storing anything or showing the key', async () => {
			const { ctx } = get();
			const { db, eco, staff, populationId, metricId } = await setup(ctx);
			const client = createCensusClient({ baseUrl: censusUrl, key: 'secret-key' });
			const missingYear = await importFromCensusApi({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: '2019' }, client });
			expect(missingYear.ok).toBe(false);
			const message = missingYear.ok ? '' : missingYear.issues.map((i) => i.message).join(' ');
			expect(message).toMatch(/HTTP 404/);
			expect(message).not.toContain('secret-key');
			await updatePopulation({ db, actor: staff, ecosystemId: eco.id, populationId, input: { name: 'Somewhere', geography: 'Somewhere, USA' } });
			const noGeography = await importFromCensusApi({ db, actor: staff, ecosystemId: eco.id, populationId, input: { year: '2017' }, client });
			expect(noGeography.ok ? [] : noGeography.issues.map((i) => i.field)).toEqual(['geography']);
			expect(await snapshot(db, eco.id, populationId, metricId)).toMatchObject({ values: [], metric: [] });
		});
	});

	describe('tenant isolation', () => {
		it('never reads, edits or imports into another ecosystem’s population, by id or by address', async () => {
			const { ctx } = get();
			const a = await setup(ctx);
			const b = await setup(ctx);
			await importBenchmarkValues({ db: b.db, actor: b.staff, ecosystemId: b.eco.id, populationId: b.populationId, input: {}, sources: [longCsv(['2020,all,50,2'])] });
			const before = await snapshot(b.db, b.eco.id, b.populationId, b.metricId);
			const scope = { db: a.db, actor: a.staff, ecosystemId: a.eco.id };
			await expect(updatePopulation({ ...scope, populationId: b.populationId, input: { name: 'Taken over' } })).rejects.toMatchObject({ code: 'BENCHMARK_NOT_FOUND' });
			await expect(importBenchmarkValues({ ...scope, populationId: b.populationId, input: {}, sources: [longCsv(['2020,all,1,1'])] })).rejects.toMatchObject({ code: 'BENCHMARK_NOT_FOUND' });
			await expect(importFromCensusApi({ ...scope, populationId: b.populationId, input: { year: '2017' }, client: createCensusClient({ baseUrl: censusUrl }) })).rejects.toMatchObject({ code: 'BENCHMARK_NOT_FOUND' });
			await expect(getPopulationForEdit({ ...scope, slug: b.populationSlug + '-x' })).rejects.toMatchObject({ code: 'BENCHMARK_NOT_FOUND' });
			// B's metric cannot be filled from A's population either.
			const crossMetric = await importBenchmarkValues({ ...scope, populationId: a.populationId, input: { year: '2017', metric_id: b.metricId }, sources: [{ name: 'x.json', text: '[["NAME","C23001_001E","state"],["PA","1","42"]]' }] });
			expect(crossMetric.ok ? [] : crossMetric.issues.map((i) => i.field)).toContain('metric_id');
			// Naming B without a role there is refused outright.
			await expect(populationIdBySlug({ ...scope, ecosystemId: b.eco.id, slug: b.populationSlug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await snapshot(b.db, b.eco.id, b.populationId, b.metricId)).toEqual(before);
		});
	});
});

/** Two values for 2017 from a simple CSV, to be replaced by the Census import. */
function longCsvFor2017Placeholder() {
	return [longCsv(['2017,all,1,1', '2017,black,1,'])];
}

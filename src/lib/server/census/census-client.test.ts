/**
 * The live client against a local fake of the Census Data API (node:http on 127.0.0.1, a random
 * port), answering in the Census format from census-fixtures.ts. Never the internet.
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CensusFormatError, CensusMappingError, checkLabels, findCount, type BenchmarkCount } from './census.js';
import { buildCensusUrl, createCensusClient, CensusRequestError, type CensusClient } from './census-client.js';
import { pennsylvania2017, syntheticCounty, type FixtureGeography } from './census-fixtures.js';
import { dataFile, itWithSharedData, rawValue } from './census-test-data.js';
import { psecMapping, psecVariableLabels, type PsecGroup } from './psec-mapping.js';

const geographies = [pennsylvania2017, syntheticCounty];
const VARIABLE = /^[A-Z]+\d+[A-Z]*_\d+(E|M|EA|MA)$/;

/** Census-style geography match: `for=state:42`, `for=county:101&in=state:42`, `*` for all. */
function selectGeographies(forClause: string, inClauses: string[]): FixtureGeography[] {
	const clauses = [forClause, ...inClauses.flatMap((c) => c.split(' '))].map((c) => c.split(':') as [string, string]);
	const levels = new Set(clauses.map(([level]) => level));
	return geographies.filter(
		(g) => Object.keys(g.codes).every((level) => levels.has(level)) && clauses.every(([level, code]) => code === '*' || g.codes[level] === code)
	);
}

function fakeCensus(request: IncomingMessage, response: ServerResponse, seen: string[]): void {
	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	seen.push(request.url ?? '');
	const text = (status: number, body: string, type = 'text/plain;charset=utf-8') => {
		response.writeHead(status, { 'content-type': type });
		response.end(body);
	};

	if (url.pathname.startsWith('/slow/')) return void setTimeout(() => text(200, '[]'), 2_000).unref();
	if (url.pathname.startsWith('/broken/')) return text(500, '<html><body><h1>500 Internal Server Error</h1></body></html>', 'text/html');
	if (url.pathname.startsWith('/maintenance/')) return text(200, 'The Census API is down for maintenance until 6 pm.');

	const labels = /^\/data\/(\d{4})\/acs\/acs1\/groups\/([A-Z0-9]+)\.json$/.exec(url.pathname);
	if (labels) {
		const [, year, group] = labels;
		const variables: Record<string, { label: string; group: string }> = {};
		for (const [variable, label] of Object.entries(psecVariableLabels)) {
			if (!variable.startsWith(`${group}_`)) continue;
			// 2019-style labels end each level with a colon; 2030 moves a line, to show a relabelled id.
			let shown = label.split('!!').map((part, i) => (i === 0 ? part : `${part}:`)).join('!!');
			if (year === '2030' && variable === 'C23002B_015E') shown = 'Estimate!!Total:!!Female:!!16 to 64 years:';
			variables[variable] = { label: shown, group: group as string };
		}
		return text(200, JSON.stringify({ variables }), 'application/json');
	}

	if (url.pathname !== '/data/2017/acs/acs1') return text(404, '<html><title>404 Not Found</title></html>', 'text/html');
	if (url.searchParams.get('key') === 'bad-key') {
		return text(200, '<html><head><title>Invalid Key</title></head><body>A valid <em>key</em> must be included with each data API request.</body></html>', 'text/html');
	}
	const get = (url.searchParams.get('get') ?? '').split(',');
	const forClause = url.searchParams.get('for');
	if (!forClause) return text(400, "error: missing 'for' argument");
	const columns: string[] = [];
	for (const item of get) {
		const group = /^group\(([A-Z0-9]+)\)$/.exec(item)?.[1];
		if (group) {
			const ids = Object.keys(pennsylvania2017.values).filter((v) => v.startsWith(`${group}_`)).sort();
			if (ids.length === 0) return text(400, `error: unknown variable 'group(${group})'`);
			columns.push(...ids.flatMap((v) => [v, `${v}A`]), 'GEO_ID', 'NAME');
		} else if (item === 'NAME' || item === 'GEO_ID' || (VARIABLE.test(item) && item.replace(/A$/, '') in pennsylvania2017.values)) {
			columns.push(item);
		} else {
			return text(400, `error: unknown variable '${item}'`);
		}
	}
	const selected = selectGeographies(forClause, url.searchParams.getAll('in'));
	if (selected.length === 0) return text(204, '');
	const levels = Object.keys(selected[0]?.codes ?? {});
	const value = (g: FixtureGeography, column: string): string | null =>
		column === 'NAME' ? g.name : column === 'GEO_ID' ? g.geoId : column.endsWith('A') ? null : (g.values[column] ?? null);
	const body = [[...columns, ...levels], ...selected.map((g) => [...columns.map((c) => value(g, c)), ...levels.map((l) => g.codes[l] ?? null)])];
	text(200, JSON.stringify(body), 'application/json;charset=utf-8');
}

let server: Server;
let base: string;
const seen: string[] = [];

beforeAll(async () => {
	server = createServer((request, response) => fakeCensus(request, response, seen));
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	server.closeAllConnections();
	await new Promise((resolve) => server.close(resolve));
});

const client = (options: Parameters<typeof createCensusClient>[0] = {}): CensusClient => createCensusClient({ baseUrl: `${base}/data`, ...options });

async function captureError<E extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => E): Promise<E> {
	try {
		await promise;
	} catch (error) {
		if (error instanceof type) return error;
		throw error;
	}
	throw new Error(`expected a ${type.name}`);
}

describe('buildCensusUrl', () => {
	it('builds the request the Census documents', () => {
		expect(
			buildCensusUrl({ year: 2017, geography: { for: 'county:101', in: 'state:42' }, group: 'C23002B', key: 'abc123' })
		).toBe('https://api.census.gov/data/2017/acs/acs1?get=NAME,group(C23002B)&for=county:101&in=state:42&key=abc123');
		expect(
			buildCensusUrl({
				baseUrl: 'http://127.0.0.1:1/data/',
				year: 2018,
				geography: { for: 'metropolitan statistical area/micropolitan statistical area:37980' },
				variables: ['C23001_001E', 'C23001_001M']
			})
		).toBe('http://127.0.0.1:1/data/2018/acs/acs1?get=NAME,C23001_001E,C23001_001M&for=metropolitan%20statistical%20area/micropolitan%20statistical%20area:37980');
		expect(buildCensusUrl({ year: 2017, geography: { for: 'tract:*', in: ['state:42', 'county:101'] }, variables: ['NAME', 'B24010_019E'] })).toBe(
			'https://api.census.gov/data/2017/acs/acs1?get=NAME,B24010_019E&for=tract:*&in=state:42&in=county:101'
		);
	});

	it('refuses malformed input before any request, naming each problem', () => {
		expect(() => buildCensusUrl({ year: 17, geography: { for: 'county=101&key=x' }, variables: ['DROP TABLE'] })).toThrow(
			'Cannot build the Census request: the year 17 is not a survey year; the geography “county=101&key=x” is not like county:101 or state:42; “DROP TABLE” is not a Census variable id.'
		);
		expect(() => buildCensusUrl({ year: 2017, geography: { for: 'state:42' }, group: 'C23002B', variables: ['C23001_001E'] })).toThrow(/not both/);
	});
});

describe('createCensusClient against a local fake Census API', () => {
	it('fetches a table group for a county and parses it', async () => {
		const table = await client({ key: 'test-key' }).fetchTable({ year: 2017, geography: { for: 'county:101', in: 'state:42' }, group: 'C23002B' });
		expect(seen.at(-1)).toBe('/data/2017/acs/acs1?get=NAME,group(C23002B)&for=county:101&in=state:42&key=test-key');
		expect(table.rows).toHaveLength(1);
		expect(table.rows[0]?.geography).toEqual({
			key: 'state:42/county:101',
			codes: { state: '42', county: '101' },
			name: 'Synthetic County, Pennsylvania',
			geoId: '0500000US42101'
		});
		expect(table.rows[0]?.cells['C23002B_015E']).toMatchObject({ estimate: 72_713, moe: 1_870, estimateAnnotation: null });
	});

	it.each(['variables', 'groups'] as const)('fetches the PSEC variables for Pennsylvania by %s and maps them', async (mode) => {
		const before = seen.length;
		const { table, requests } = await client({ key: 'secret' }).fetchMapped({ year: 2017, geography: { for: 'state:42' }, mappings: psecMapping, mode });
		// 40 estimates + 40 MOEs: two requests of at most 49 variables, or one per table.
		expect(requests).toHaveLength(mode === 'variables' ? 2 : 10);
		expect(requests.every((r) => r.endsWith('&for=state:42&key=REDACTED'))).toBe(true);
		expect(seen.slice(before).every((r) => r.includes('key=secret'))).toBe(true);
		for (const r of seen.slice(before)) {
			const get = new URL(r, base).searchParams.get('get')?.split(',') ?? [];
			expect(get.length).toBeLessThanOrEqual(50);
		}

		const benchmarks = await client().fetchBenchmarks({ year: 2017, geography: { for: 'state:42' }, mappings: psecMapping, mode });
		expect(benchmarks).toHaveLength(1);
		const counts = benchmarks[0]?.counts ?? [];
		expect(findCount(counts, { group: 'all', measure: 'population_16_plus' })).toMatchObject({ estimate: 10_459_220, moe: 4_797 });
		expect(findCount(counts, { group: 'black', sex: 'female', measure: 'stem_employed' })).toMatchObject({ estimate: 7_865, moe: 1_915 });
		expect(findCount(counts, { group: 'all', measure: 'stem_employed' })?.estimate).toBe(249_809 + 92_920);
		expect(Object.keys(table.rows[0]?.cells ?? {})).toHaveLength(40);
	});

	it('computes benchmark counts for a county by hand, with "not available" where the Census says so', async () => {
		const [county] = await client().fetchBenchmarks({ year: 2017, geography: { for: 'county:101', in: 'state:42' }, mappings: psecMapping });
		const c = (group: PsecGroup, measure: BenchmarkCount['measure'], sex: 'female' | 'male' | null = null) => findCount(county?.counts ?? [], { group, measure, sex });
		const v = syntheticCounty.values;
		const n = (id: string) => Number(v[id]);
		expect(c('black', 'stem_employed')).toMatchObject({ estimate: n('B24010B_007E') + n('B24010B_043E'), status: 'available' });
		expect(c('black', 'stem_employed')?.moe).toBeCloseTo(Math.hypot(n('B24010B_007M'), n('B24010B_043M')), 10);
		expect(c('hispanic', 'population_16_plus', 'female')).toMatchObject({ estimate: n('C23002I_015E'), moe: n('C23002I_015M') });
		// Asian women in STEM carry -666666666 / -222222222: not available, and so is the Asian STEM total.
		for (const count of [c('asian', 'stem_employed', 'female'), c('asian', 'stem_employed')]) {
			expect(count).toMatchObject({ estimate: null, moe: null, status: 'not_available' });
			expect(count?.unavailable.map((u) => u.status)).toContain('too_few_cases');
		}
		expect(c('asian', 'stem_employed', 'male')).toMatchObject({ estimate: n('B24010D_007E'), status: 'available' });
	});

	it('reports a Census plain-text error body as a census_api error', async () => {
		const error = await captureError(
			client({ key: 'k' }).fetchTable({ year: 2017, geography: { for: 'state:42' }, variables: ['C23002B_999E'] }),
			CensusRequestError
		);
		expect(error).toMatchObject({ code: 'census_api', status: 400, body: "error: unknown variable 'C23002B_999E'" });
		expect(error.message).toBe("The Census API answered (HTTP 400): error: unknown variable 'C23002B_999E'");
		expect(error.url).toMatch(/key=REDACTED$/);
	});

	it('reports an HTTP error with its status and a readable body', async () => {
		const error = await captureError(
			createCensusClient({ baseUrl: `${base}/broken`, key: 'k' }).fetchTable({ year: 2017, geography: { for: 'state:42' }, group: 'C23001' }),
			CensusRequestError
		);
		expect(error).toMatchObject({ code: 'http', status: 500 });
		expect(error.message).toBe('The Census API answered HTTP 500 Internal Server Error: 500 Internal Server Error');
		expect(error.message).not.toContain('k&');
	});

	it('reports a 404 for a year the API does not have', async () => {
		const error = await captureError(client().fetchTable({ year: 2016, geography: { for: 'state:42' }, group: 'C23001' }), CensusRequestError);
		expect(error).toMatchObject({ code: 'http', status: 404 });
	});

	it('reports a non-JSON answer, and an invalid key without echoing it', async () => {
		const text = await captureError(
			createCensusClient({ baseUrl: `${base}/maintenance` }).fetchTable({ year: 2017, geography: { for: 'state:42' }, group: 'C23001' }),
			CensusRequestError
		);
		expect(text).toMatchObject({ code: 'not_json', status: 200 });
		expect(text.message).toBe("The Census API's answer is not JSON. It starts with: The Census API is down for maintenance until 6 pm.");

		const key = await captureError(client({ key: 'bad-key' }).fetchTable({ year: 2017, geography: { for: 'state:42' }, group: 'C23001' }), CensusRequestError);
		expect(key.code).toBe('invalid_key');
		expect(`${key.message} ${key.url}`).not.toContain('bad-key');
	});

	it('reports "no data" when the geography does not exist (HTTP 204)', async () => {
		const error = await captureError(client().fetchTable({ year: 2017, geography: { for: 'county:999', in: 'state:42' }, group: 'C23001' }), CensusRequestError);
		expect(error).toMatchObject({ code: 'no_data', status: 204 });
	});

	it('times out, and tells a timeout from a cancellation', async () => {
		const slow = createCensusClient({ baseUrl: `${base}/slow`, timeoutMs: 100 });
		const started = Date.now();
		const timeout = await captureError(slow.fetchTable({ year: 2017, geography: { for: 'state:42' }, group: 'C23001' }), CensusRequestError);
		expect(timeout.code).toBe('timeout');
		expect(timeout.message).toMatch(/did not answer within 0.1 s/);
		expect(Date.now() - started).toBeLessThan(1_500);

		const controller = new AbortController();
		const pending = createCensusClient({ baseUrl: `${base}/slow` }).fetchTable({ year: 2017, geography: { for: 'state:42' }, group: 'C23001', signal: controller.signal });
		controller.abort();
		expect((await captureError(pending, CensusRequestError)).code).toBe('aborted');
	});

	it('reports a network failure', async () => {
		const closed = createServer();
		await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
		const port = (closed.address() as AddressInfo).port;
		await new Promise((resolve) => closed.close(resolve));
		const error = await captureError(
			createCensusClient({ baseUrl: `http://127.0.0.1:${port}/data` }).fetchTable({ year: 2017, geography: { for: 'state:42' }, group: 'C23001' }),
			CensusRequestError
		);
		expect(error.code).toBe('network');
		expect(error.message).toMatch(/ECONNREFUSED/);
	});

	it('passes on a malformed table as a CensusFormatError and a missing variable as a CensusMappingError', async () => {
		const fetchBroken: typeof fetch = async () => new Response('[["C23001_001E","state"],["many","42"]]', { status: 200 });
		const format = await captureError(
			createCensusClient({ fetch: fetchBroken }).fetchTable({ year: 2017, geography: { for: 'state:42' }, group: 'C23001' }),
			CensusFormatError
		);
		expect(format.problems[0]).toMatchObject({ code: 'bad_value', row: 2, column: 'C23001_001E' });

		const fetchPartial: typeof fetch = async () => new Response('[["C23001_001E","C23001_001M","state"],["1","2","42"]]', { status: 200 });
		const mapping = await captureError(
			createCensusClient({ fetch: fetchPartial }).fetchBenchmarks({ year: 2017, geography: { for: 'state:42' }, mappings: psecMapping.slice(0, 2) }),
			CensusMappingError
		);
		expect(mapping.problems).toEqual([expect.objectContaining({ code: 'missing_variable', variable: 'C23001_002E', geography: 'state:42' }), expect.anything()]);
	});

	it('fetches a group’s labels so a new vintage can be checked against the mapping', async () => {
		const labels = await client().fetchGroupLabels({ year: 2017, group: 'C23002B' });
		expect(checkLabels({ expected: pickLabels('C23002B'), actual: labels, vintage: 'ACS 2017 1-year' })).toEqual([]);
		const moved = await client().fetchGroupLabels({ year: 2030, group: 'C23002B' });
		expect(checkLabels({ expected: pickLabels('C23002B'), actual: moved, vintage: 'ACS 2030 1-year' })).toEqual([
			expect.objectContaining({ code: 'invalid_mapping', variable: 'C23002B_015E' })
		]);
	});
});

const pickLabels = (table: string) => Object.fromEntries(Object.entries(psecVariableLabels).filter(([v]) => v.startsWith(`${table}_`)));

describe('the client fixture', () => {
	const realIt = itWithSharedData();
	realIt('copies the real Pennsylvania 2017 values exactly', () => {
		for (const [variable, value] of Object.entries(pennsylvania2017.values)) {
			const table = variable.split('_')[0] as string;
			expect(value, variable).toBe(rawValue(readFileSync(dataFile(2017, table), 'utf8'), '42', variable));
		}
	});
});

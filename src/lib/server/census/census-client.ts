/**
 * A small client for the Census Data API (https://api.census.gov/data): fetches the variables a
 * mapping needs for one geography and year, and parses the answer with census.ts.
 *
 *   GET {base}/{year}/acs/acs1?get=NAME,group(C23002B)&for=county:101&in=state:42&key=…
 *
 * A key is optional (the Census allows a few hundred keyless requests a day per address). The key
 * never appears in errors: URLs in messages show `key=REDACTED`.
 */
import {
	mapBenchmarks,
	mappedVariables,
	mergeCensusTables,
	parseCensusJson,
	type CensusTable,
	type GeographyBenchmarks,
	type VariableMapping
} from './census.js';

export const defaultCensusBaseUrl = 'https://api.census.gov/data';

export interface CensusClientOptions {
	/** Default `https://api.census.gov/data`. */
	baseUrl?: string;
	key?: string | null;
	/** Per request, including reading the body. Default 30 s. */
	timeoutMs?: number;
	/** The Census accepts at most 50 variables per request, NAME included. */
	maxVariablesPerRequest?: number;
	fetch?: typeof globalThis.fetch;
}

/** `for` and `in` as the Census writes them: `{ for: 'county:101', in: 'state:42' }`. */
export interface CensusGeographySelector {
	for: string;
	in?: string | readonly string[];
}

export interface CensusQuery {
	year: number;
	/** Default `acs/acs1`. */
	dataset?: string;
	geography: CensusGeographySelector;
	/** One table group (`C23002B`), or … */
	group?: string;
	/** … an explicit list of variables (at most `maxVariablesPerRequest` − 1). */
	variables?: readonly string[];
	signal?: AbortSignal;
}

export type CensusRequestErrorCode =
	| 'invalid_request'
	| 'http'
	| 'census_api'
	| 'invalid_key'
	| 'not_json'
	| 'no_data'
	| 'timeout'
	| 'aborted'
	| 'network';

export class CensusRequestError extends Error {
	override readonly name = 'CensusRequestError';
	readonly code: CensusRequestErrorCode;
	/** HTTP status, when an answer arrived. */
	readonly status: number | null;
	/** The request, with any key replaced by REDACTED. */
	readonly url: string;
	/** The start of the answer's body, when it helps explain the failure. */
	readonly body: string | null;
	constructor({ code, message, status = null, url, body = null }: { code: CensusRequestErrorCode; message: string; status?: number | null; url: string; body?: string | null }) {
		super(message);
		this.code = code;
		this.status = status;
		this.url = url;
		this.body = body;
	}
}

const redact = (url: string): string => url.replace(/([?&]key=)[^&]*/g, '$1REDACTED');

/** Percent-encodes a query value but keeps the characters Census URLs are written with. */
const encode = (value: string): string =>
	encodeURIComponent(value).replace(/%2C/gi, ',').replace(/%3A/gi, ':').replace(/%2F/gi, '/');

const VARIABLE_OR_NAME = /^(NAME|GEO_ID|[A-Z]+\d+[A-Z]*(?:_[A-Z]\d+)?_\d+(E|M|EA|MA))$/;
const GROUP = /^[A-Z]+\d+[A-Z]*$/;
const DATASET = /^[a-z0-9]+(\/[a-z0-9]+)*$/;
const GEOGRAPHY = /^[a-z][a-z0-9 ()/-]*:[0-9A-Za-z*,]+$/;

/** Builds the request URL; throws `CensusRequestError` ('invalid_request') for malformed input. */
export function buildCensusUrl({
	baseUrl = defaultCensusBaseUrl,
	key,
	year,
	dataset = 'acs/acs1',
	geography,
	group,
	variables
}: CensusQuery & { baseUrl?: string; key?: string | null }): string {
	const problems: string[] = [];
	if (!Number.isInteger(year) || year < 2005 || year > 2100) problems.push(`the year ${year} is not a survey year`);
	if (!DATASET.test(dataset)) problems.push(`the dataset “${dataset}” is not a path like acs/acs1`);
	const ins = geography.in === undefined ? [] : typeof geography.in === 'string' ? [geography.in] : [...geography.in];
	for (const clause of [geography.for, ...ins]) {
		if (!GEOGRAPHY.test(clause)) problems.push(`the geography “${clause}” is not like county:101 or state:42`);
	}
	let get: string[];
	if (group !== undefined) {
		if (variables !== undefined) problems.push('ask for a group or for variables, not both');
		if (!GROUP.test(group)) problems.push(`the table group “${group}” is not like C23002B`);
		get = ['NAME', `group(${group})`];
	} else {
		const asked = variables ?? [];
		if (asked.length === 0) problems.push('no variables were asked for');
		for (const v of asked) if (!VARIABLE_OR_NAME.test(v)) problems.push(`“${v}” is not a Census variable id`);
		get = asked.includes('NAME') ? [...asked] : ['NAME', ...asked];
	}
	const base = baseUrl.replace(/\/+$/, '');
	const url = `${base}/${year}/${dataset}`;
	if (problems.length > 0) {
		throw new CensusRequestError({ code: 'invalid_request', message: `Cannot build the Census request: ${problems.join('; ')}.`, url });
	}
	const params = [`get=${encode(get.join(','))}`, `for=${encode(geography.for)}`, ...ins.map((i) => `in=${encode(i)}`)];
	if (key) params.push(`key=${encodeURIComponent(key)}`);
	return `${url}?${params.join('&')}`;
}

/** Strips tags and collapses whitespace, so an HTML error page reads as a sentence. */
function snippet(text: string, max = 200): string {
	const plain = text
		.replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
		.replace(/<[^>]+>/g, ' ')
		.replace(/\s+/g, ' ')
		.trim();
	return plain.length > max ? `${plain.slice(0, max)}…` : plain;
}

export interface CensusClient {
	/** The URL `fetchTable` would request (with the key, so keep it out of logs). */
	url(query: CensusQuery): string;
	fetchTable(query: CensusQuery): Promise<CensusTable>;
	/**
	 * Fetches every variable the mappings need for one geography, as one merged table: by table
	 * group (`mode: 'groups'`, one request per table, every column of it) or by explicit variable
	 * lists (`mode: 'variables'`, default; only the mapped estimates and their MOEs).
	 */
	fetchMapped(args: {
		year: number;
		dataset?: string;
		geography: CensusGeographySelector;
		mappings: readonly VariableMapping[];
		mode?: 'groups' | 'variables';
		signal?: AbortSignal;
	}): Promise<{ table: CensusTable; requests: string[] }>;
	/** `fetchMapped`, then `mapBenchmarks` over the rows returned. */
	fetchBenchmarks<G extends string>(args: {
		year: number;
		dataset?: string;
		geography: CensusGeographySelector;
		mappings: readonly VariableMapping<G>[];
		mode?: 'groups' | 'variables';
		signal?: AbortSignal;
	}): Promise<GeographyBenchmarks<G>[]>;
	/** Variable → label for one table group in one vintage (`{base}/{year}/{dataset}/groups/{group}.json`), for `checkLabels`. */
	fetchGroupLabels(args: { year: number; dataset?: string; group: string; signal?: AbortSignal }): Promise<Record<string, string>>;
}

export function createCensusClient(options: CensusClientOptions = {}): CensusClient {
	const baseUrl = options.baseUrl ?? defaultCensusBaseUrl;
	const key = options.key ?? null;
	const timeoutMs = options.timeoutMs ?? 30_000;
	const perRequest = Math.min(options.maxVariablesPerRequest ?? 50, 50) - 1;
	const fetchFn = options.fetch ?? globalThis.fetch;

	/** GET with a timeout; returns status and body text, or throws a `CensusRequestError`. */
	async function get(url: string, signal: AbortSignal | undefined): Promise<{ status: number; statusText: string; text: string }> {
		const shown = redact(url);
		const timeout = AbortSignal.timeout(timeoutMs);
		const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
		try {
			const response = await fetchFn(url, { signal: combined, headers: { accept: 'application/json' } });
			const text = await response.text();
			return { status: response.status, statusText: response.statusText, text };
		} catch (error) {
			if (timeout.aborted) {
				throw new CensusRequestError({ code: 'timeout', message: `The Census API did not answer within ${timeoutMs / 1000} s (${shown}).`, url: shown });
			}
			if (signal?.aborted) throw new CensusRequestError({ code: 'aborted', message: `The Census request was cancelled (${shown}).`, url: shown });
			const cause = error instanceof Error ? ((error.cause as { code?: string } | undefined)?.code ?? error.message) : String(error);
			throw new CensusRequestError({ code: 'network', message: `Could not reach the Census API (${cause}) at ${shown}.`, url: shown });
		}
	}

	/** Reads an answer as JSON, turning the Census API's plain-text and HTML error bodies into typed errors. */
	function json({ status, statusText, text }: { status: number; statusText: string; text: string }, url: string): unknown {
		const shown = redact(url);
		const trimmed = text.trim();
		if (status === 204 || (status === 200 && trimmed === '')) {
			throw new CensusRequestError({
				code: 'no_data',
				status,
				url: shown,
				message: `The Census API has no data for this query (HTTP ${status}): check the year, dataset and geography in ${shown}.`
			});
		}
		let data: unknown;
		try {
			data = JSON.parse(trimmed);
		} catch {
			const body = snippet(trimmed);
			if (/invalid key/i.test(trimmed)) {
				throw new CensusRequestError({
					code: 'invalid_key',
					status,
					url: shown,
					body,
					message: 'The Census API refused the API key. Check the key, or leave it out to use the keyless daily allowance.'
				});
			}
			if (/^error:/i.test(trimmed)) {
				throw new CensusRequestError({ code: 'census_api', status, url: shown, body, message: `The Census API answered (HTTP ${status}): ${body}` });
			}
			if (status < 200 || status >= 300) {
				throw new CensusRequestError({ code: 'http', status, url: shown, body, message: `The Census API answered HTTP ${status} ${statusText}: ${body || '(empty body)'}` });
			}
			throw new CensusRequestError({ code: 'not_json', status, url: shown, body, message: `The Census API's answer is not JSON. It starts with: ${body}` });
		}
		if (status < 200 || status >= 300) {
			throw new CensusRequestError({ code: 'http', status, url: shown, body: snippet(trimmed), message: `The Census API answered HTTP ${status} ${statusText}: ${snippet(trimmed)}` });
		}
		return data;
	}

	const url = (query: CensusQuery) => buildCensusUrl({ ...query, baseUrl, key });

	async function fetchTable(query: CensusQuery): Promise<CensusTable> {
		const address = url(query);
		return parseCensusJson(json(await get(address, query.signal), address));
	}

	const client: CensusClient = {
		url,
		fetchTable,
		async fetchMapped({ year, dataset, geography, mappings, mode = 'variables', signal }) {
			const needed = mappedVariables(mappings);
			const queries: CensusQuery[] =
				mode === 'groups'
					? needed.tables.map((group) => ({ year, dataset, geography, group, signal }))
					: packPairs(needed.estimates, new Set(needed.moes), perRequest).map((variables) => ({ year, dataset, geography, variables, signal }));
			const tables = await Promise.all(queries.map(fetchTable));
			return { table: mergeCensusTables(tables), requests: queries.map((q) => redact(url(q))) };
		},
		async fetchBenchmarks(args) {
			const { table } = await client.fetchMapped(args);
			return mapBenchmarks({ table, mappings: args.mappings });
		},
		async fetchGroupLabels({ year, dataset = 'acs/acs1', group, signal }) {
			if (!GROUP.test(group) || !DATASET.test(dataset) || !Number.isInteger(year)) {
				throw new CensusRequestError({ code: 'invalid_request', message: `Cannot ask for the labels of “${group}” in ${year} ${dataset}.`, url: baseUrl });
			}
			const address = `${baseUrl.replace(/\/+$/, '')}/${year}/${dataset}/groups/${group}.json`;
			const data = json(await get(address, signal), address) as { variables?: Record<string, { label?: unknown }> };
			if (!data || typeof data !== 'object' || !data.variables || typeof data.variables !== 'object') {
				throw new CensusRequestError({ code: 'not_json', url: address, message: `The answer from ${address} has no "variables" object.` });
			}
			const labels: Record<string, string> = {};
			for (const [variable, info] of Object.entries(data.variables)) {
				if (typeof info?.label === 'string') labels[variable] = info.label;
			}
			return labels;
		}
	};
	return client;
}

/** Splits variables into requests of at most `size`, keeping each estimate with its MOE (the parser pairs them within one answer). */
function packPairs(estimates: readonly string[], moes: ReadonlySet<string>, size: number): string[][] {
	const out: string[][] = [];
	let current: string[] = [];
	for (const estimate of estimates) {
		const moe = estimate.replace(/E$/, 'M');
		const pair = moes.has(moe) ? [estimate, moe] : [estimate];
		if (current.length + pair.length > size) {
			out.push(current);
			current = [];
		}
		current.push(...pair);
	}
	if (current.length > 0) out.push(current);
	return out;
}

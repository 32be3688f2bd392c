import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BrowserContext } from 'playwright-core';
import { baseURL, browserSignIn, chromiumPath, closeBrowser, demoAccounts, expectAccessible, HttpSession, newContext, signedIn, submit } from '../helpers.js';

const spec = JSON.parse(readFileSync(new URL('../../../static/openapi.json', import.meta.url), 'utf8')) as OpenApi;
const partnerBase = '/e/philadelphia/partners/brick-and-bolt-youth-makerspace';

interface OpenApi {
	paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema: Schema }> }> }>>;
	components: { schemas: Record<string, Schema> };
}
interface Schema {
	$ref?: string;
	type?: string | string[];
	required?: string[];
	properties?: Record<string, Schema>;
	items?: Schema;
	enum?: unknown[];
	oneOf?: Schema[];
	additionalProperties?: boolean;
}

/** The JSON Schema subset the OpenAPI file uses: every mismatch, as "path: why". */
function mismatches(value: unknown, schema: Schema, path = '$'): string[] {
	if (schema.$ref) return mismatches(value, spec.components.schemas[schema.$ref.split('/').at(-1)!]!, path);
	if (schema.oneOf) return schema.oneOf.some((s) => mismatches(value, s, path).length === 0) ? [] : [`${path}: matches none of oneOf`];
	const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
	const typeOf = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
	if (types.length && !types.includes(typeOf) && !(typeOf === 'integer' && types.includes('number'))) return [`${path}: ${typeOf} is not ${types.join('|')}`];
	if (schema.enum && !schema.enum.includes(value)) return [`${path}: ${String(value)} not in enum`];
	const out: string[] = [];
	if (typeOf === 'object' && value) {
		const object = value as Record<string, unknown>;
		for (const key of schema.required ?? []) if (!(key in object)) out.push(`${path}.${key}: missing`);
		for (const [key, sub] of Object.entries(schema.properties ?? {})) if (key in object) out.push(...mismatches(object[key], sub, `${path}.${key}`));
		if (schema.additionalProperties === false) for (const key of Object.keys(object)) if (!schema.properties?.[key]) out.push(`${path}.${key}: not allowed`);
	}
	if (typeOf === 'array' && schema.items) (value as unknown[]).forEach((item, i) => out.push(...mismatches(item, schema.items!, `${path}[${i}]`)));
	return out;
}

/** Checks a response against the OpenAPI file: its status is documented and its body matches. */
async function expectDocumented(response: Response, path: string, method: string) {
	const operation = spec.paths[path]?.[method];
	expect(operation, `${method} ${path} is in the OpenAPI file`).toBeDefined();
	const documented = operation!.responses[String(response.status)];
	expect(documented, `${method} ${path} → ${response.status} is documented`).toBeDefined();
	const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!;
	const schema = documented!.content?.[contentType]?.schema;
	expect(schema, `${method} ${path} → ${response.status} documents ${contentType}`).toBeDefined();
	const body = (await response.json()) as unknown;
	expect(mismatches(body, schema!)).toEqual([]);
	return body as Record<string, unknown>;
}

/** Backbone staff open a cycle asking every partner for an out-of-school people metric. */
async function openCycle(): Promise<string> {
	const staff = await signedIn('backbone_staff');
	const page = await (await staff.get('/e/philadelphia/admin/cycles/new')).text();
	const metricIds = [...page.matchAll(/name="metric_ids" value="([^"]+)"/g)].map((match) => match[1]!);
	expect(metricIds.length).toBeGreaterThan(0);
	const form = new URLSearchParams({ name: `API and participants ${Date.now()}`, year: '2026', due_on: '2026-12-31', period_start: '2026-01-01', period_end: '2026-06-30', all_partners: '1' });
	for (const id of metricIds) form.append('metric_ids', id);
	const response = await staff.request('/e/philadelphia/admin/cycles/new', {
		method: 'POST',
		body: form.toString(),
		headers: { 'content-type': 'application/x-www-form-urlencoded', origin: staff.origin }
	});
	expect(response.status).toBe(303);
	const id = /\/admin\/cycles\/([0-9a-f-]{36})/.exec(response.headers.get('location') ?? '')?.[1];
	expect(id).toBeDefined();
	return id!;
}

describe('partner API tokens and the JSON API over HTTP', () => {
	let cycleId: string;
	let secret: string;
	const api = (path: string, init: RequestInit = {}, token: string | null = secret) =>
		fetch(`${baseURL()}/api/v1${path}`, { ...init, headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), 'content-type': 'application/json', ...init.headers } });

	beforeAll(async () => {
		cycleId = await openCycle();
		const keisha = await signedIn('partner_admin');
		const created = await keisha.post(`${partnerBase}/api-tokens?/create`, { name: 'E2E system' });
		expect(created.status).toBe(200);
		const html = await created.text();
		secret = /pty_[A-Za-z0-9_-]{43}/.exec(html)?.[0] ?? '';
		expect(secret).not.toBe('');
		// Shown once: the list shows only its first characters.
		expect(await (await keisha.get(`${partnerBase}/api-tokens`)).text()).not.toContain(secret);
	});

	it('every path and method of the OpenAPI file exists and answers as documented', async () => {
		const template = await expectDocumented(await api(`/ecosystems/philadelphia/cycles/${cycleId}`), '/ecosystems/{ecosystem}/cycles/{cycle}', 'get');
		const metric = (template.metrics as { slug: string; unit: string }[]).find((m) => m.unit === 'people')!.slug;
		const listed = await expectDocumented(await api(`/ecosystems/philadelphia/cycles/${cycleId}/submissions`), '/ecosystems/{ecosystem}/cycles/{cycle}/submissions', 'get');
		expect(listed.submissions).toEqual([]);

		const body = JSON.stringify({ cells: [{ metric, group: 'all', value: 140 }] });
		const post = (payload: string, key: string) => api(`/ecosystems/philadelphia/cycles/${cycleId}/submissions`, { method: 'POST', body: payload, headers: { 'idempotency-key': key } });
		const path = '/ecosystems/{ecosystem}/cycles/{cycle}/submissions';
		const first = await post(body, 'e2e-key-1');
		expect(first.status).toBe(201);
		const created = await expectDocumented(first, path, 'post');
		const replay = await post(body, 'e2e-key-1');
		expect(replay.status).toBe(200);
		expect((await expectDocumented(replay, path, 'post')).id).toBe(created.id);
		const conflict = await post(JSON.stringify({ cells: [{ metric, group: 'all', value: 141 }] }), 'e2e-key-1');
		expect(conflict.status).toBe(422);
		expect((await expectDocumented(conflict, path, 'post')).detail).toMatch(/Idempotency-Key/);

		const invalid = await post(JSON.stringify({ cells: [{ metric: 'nope', group: 'all', value: 1 }, { metric, group: 'purple', value: -2 }] }), 'e2e-key-2');
		expect(invalid.status).toBe(422);
		const problems = (await expectDocumented(invalid, path, 'post')).problems as { row: number; column: string }[];
		expect(problems.map((p) => [p.row, p.column])).toEqual([[1, 'metric'], [2, 'group'], [2, 'value']]);

		const people = await post(JSON.stringify({ metric, participants: [{ pseudonym: 'e2e-1', race: 'black', hispanic: false, sex: 'female' }, { pseudonym: 'e2e-2', race: 'white', hispanic: true, sex: 'male' }] }), 'e2e-key-3');
		expect(people.status).toBe(201);
		expect(((await expectDocumented(people, path, 'post')).cells as { group: string; value: number }[]).find((c) => c.group === 'all')?.value).toBe(2);

		const notJson = await api(`/ecosystems/philadelphia/cycles/${cycleId}/submissions`, { method: 'POST', body: '{nope' });
		expect(notJson.status).toBe(400);
		await expectDocumented(notJson, path, 'post');
		const anonymous = await api(`/ecosystems/philadelphia/cycles/${cycleId}`, {}, null);
		expect(anonymous.status).toBe(401);
		await expectDocumented(anonymous, '/ecosystems/{ecosystem}/cycles/{cycle}', 'get');
		const missing = await api('/ecosystems/philadelphia/cycles/00000000-0000-0000-0000-000000000000/submissions');
		expect(missing.status).toBe(404);
		await expectDocumented(missing, path, 'get');
		// A Philadelphia token means nothing in Portland.
		const elsewhere = await api(`/ecosystems/portland/cycles/${cycleId}`);
		expect(elsewhere.status).toBe(401);
	});

	it('the OpenAPI file is served', async () => {
		const response = await fetch(`${baseURL()}/openapi.json`);
		expect(response.status).toBe(200);
		expect(((await response.json()) as { openapi: string }).openapi).toBe('3.1.0');
	});
});

const describeBrowser = chromiumPath() ? describe : describe.skip;

describeBrowser('a partner uploads participant rows with JavaScript off', () => {
	let context: BrowserContext;
	let cycleId: string;
	const pagesToCheck: string[] = [];
	beforeAll(async () => {
		cycleId = await openCycle();
		context = await newContext({ javaScriptEnabled: false });
	});
	afterAll(async () => {
		await context?.close();
		await closeBrowser();
	});

	it('sees every mistake with its row and column, then imports a corrected file', async () => {
		const page = await context.newPage();
		await browserSignIn(page, demoAccounts.partner_admin);
		const uploadPath = `${partnerBase}/data/${cycleId}/participants`;
		const anonymous = await new HttpSession().get(uploadPath);
		expect(anonymous.status).toBe(303);
		await page.goto(uploadPath);
		const template = await page.request.get(`${uploadPath}/template`);
		expect((await template.text()).split('\r\n')[0]).toMatch(/^pseudonym,program,race_ethnicity/);

		const header = 'pseudonym,race_ethnicity,sex,zip,low_income';
		await page.getByLabel(/out-of-school/i).check();
		await page.getByLabel(/CSV file/).setInputFiles({ name: 'mistakes.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\np-1,black,female,1910,yes\np-2,purple,x,19104,maybe\n`) });
		await submit(page, page.getByRole('button', { name: /upload and check/i }));
		await expect.poll(() => page.getByText(/nothing was stored: 4 problems/i).count(), { timeout: 20_000 }).toBe(1);
		const rows = await page.locator('table tbody tr').allInnerTexts();
		expect(rows.map((r) => r.split('\t').slice(0, 2))).toEqual([['2', 'zip'], ['3', 'race_ethnicity'], ['3', 'sex'], ['3', 'low_income']]);
		pagesToCheck.push(uploadPath, new URL(page.url()).pathname);

		await page.goto(uploadPath);
		await page.getByLabel(/out-of-school/i).check();
		await page.getByLabel(/CSV file/).setInputFiles({ name: 'people.csv', mimeType: 'text/csv', buffer: Buffer.from(`${header}\np-1,black,female,19104,yes\np-2,hispanic;white,male,19104,no\np-1,black,female,19104,yes\n`) });
		await submit(page, page.getByRole('button', { name: /upload and check/i }));
		await expect.poll(() => page.getByText(/imported: 3 rows/i).count(), { timeout: 20_000 }).toBe(1);
		pagesToCheck.push(new URL(page.url()).pathname, `${partnerBase}/api-tokens`);
		await page.close();
	});

	it('its pages pass axe', async () => {
		const withJs = await newContext();
		const page = await withJs.newPage();
		await browserSignIn(page, demoAccounts.partner_admin);
		expect(pagesToCheck).toHaveLength(4);
		for (const path of pagesToCheck) {
			await page.goto(path);
			await expectAccessible(page);
		}
		await withJs.close();
	});
});

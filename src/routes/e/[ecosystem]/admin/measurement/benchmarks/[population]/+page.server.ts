import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { config } from '#lib/server/config.js';
import { createCensusClient } from '#lib/server/census/census-client.js';
import {
	getPopulationForEdit,
	importBenchmarkValues,
	importFromCensusApi,
	populationIdBySlug,
	updatePopulation,
	type ImportOutcome
} from '#lib/server/benchmarks/benchmarks.service.js';
import { isCensusGeography, maxUploadBytes, valuesByYear, type CensusSourceText } from '#lib/server/benchmarks/benchmarks.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { readLimitedForm, textFileProblem } from '#lib/server/http/uploads.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const page = await guard(event, () =>
		getPopulationForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.population })
	);
	const grid = valuesByYear(page.values);
	const { population } = page;
	const es = event.locals.locale === 'es';
	return {
		population: {
			slug: population.slug,
			name: population.name,
			name_es: population.name_es,
			description: population.description,
			description_es: population.description_es,
			geography: population.geography,
			source: population.source,
			censusGeography: isCensusGeography(population.geography)
		},
		values: {
			groups: grid.groups,
			rows: grid.years.map((year) => ({
				id: String(year),
				year,
				vintage: grid.groups.map((g) => grid.cell(year, g)?.vintage).find(Boolean) ?? '',
				cells: grid.groups.map((group) => {
					const v = grid.cell(year, group);
					return v ? { value: v.estimate, moe: v.moe } : null;
				})
			}))
		},
		mappings: page.mappings,
		metrics: page.workforceMetrics.map((w) => ({ id: w.id, name: es && w.name_es ? w.name_es : w.name })),
		added: event.url.searchParams.has('added')
	};
};

type Event = RequestEvent<{ ecosystem: string; population: string }>;

async function resolve(event: Event) {
	const ecosystem = await ecosystemOf(event);
	const db = runtime().db.kysely;
	const populationId = await guard(event, () => populationIdBySlug({ db, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.population }));
	return { ecosystem, db, populationId };
}

/** Import options to show again; `which` is the button pressed (upload or fetch). */
function options(values: Record<string, string | undefined>) {
	return { which: 'import', button: values.which, year: values.year, mapping: values.mapping, metric_id: values.metric_id };
}

/** Failures come back with every problem (file, row, column, value, why). */
function answer(outcome: ImportOutcome, shown: Record<string, string | undefined>) {
	if (!outcome.ok) return fail(422, { issues: outcome.issues, problems: outcome.problems, values: shown });
	return { imported: outcome.value };
}

const tooLarge = (values: Record<string, string | undefined>) =>
	fail(413, { issues: [{ field: 'files', message: m.ms_too_large() }], problems: [], values: options(values) });

export const actions: Actions = {
	save: async (event) => {
		const values = formToObject(await event.request.formData());
		const { ecosystem, db, populationId } = await resolve(event);
		const outcome = await guard(event, () => updatePopulation({ db, actor: event.locals.actor, ecosystemId: ecosystem.id, populationId, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, which: 'population' });
		return { saved: true };
	},
	/** Uploaded files and pasted Census JSON, imported together, all or nothing. */
	upload: async (event) => {
		const { ecosystem, db, populationId } = await resolve(event);
		const form = await readLimitedForm(event.request, maxUploadBytes);
		if (!form) return tooLarge({});
		const values = formToObject(form);
		const json = values.json ?? '';
		const files = form.getAll('files').filter((f): f is File => typeof f !== 'string' && f.size > 0);
		// Sizes in bytes, as uploaded: a pasted character can take up to four.
		if (files.reduce((sum, f) => sum + f.size, 0) + Buffer.byteLength(json, 'utf8') > maxUploadBytes) return tooLarge(values);
		const read = await Promise.all(files.map(async (f) => ({ name: f.name || 'upload', bytes: new Uint8Array(await f.arrayBuffer()) })));
		const notText = read.map((f) => textFileProblem(f.bytes, f.name, 'a CSV or JSON file')).filter((p): p is string => p !== null);
		if (notText.length > 0) return fail(422, { issues: notText.map((message) => ({ field: 'files', message })), problems: [], values: options(values) });
		const sources: CensusSourceText[] = read.map((f) => ({ name: f.name, text: new TextDecoder().decode(f.bytes) }));
		if (json.trim() !== '') sources.push({ name: m.ms_field_json(), text: json });
		const outcome = await guard(event, () =>
			importBenchmarkValues({ db, actor: event.locals.actor, ecosystemId: ecosystem.id, populationId, input: values, sources })
		);
		// Pasted text comes back only when it is small enough to show again.
		return answer(outcome, { ...options(values), json: json.length <= 200_000 ? json : undefined });
	},
	fetch: async (event) => {
		const { ecosystem, db, populationId } = await resolve(event);
		const values = formToObject(await event.request.formData());
		const { CENSUS_API_BASE_URL, CENSUS_API_KEY } = config();
		const client = createCensusClient({ baseUrl: CENSUS_API_BASE_URL, key: CENSUS_API_KEY ?? null });
		const outcome = await guard(event, () => importFromCensusApi({ db, actor: event.locals.actor, ecosystemId: ecosystem.id, populationId, input: values, client }));
		return answer(outcome, options(values));
	}
};

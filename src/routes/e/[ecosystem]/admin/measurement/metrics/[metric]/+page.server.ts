import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getMetricForEdit, metricIdBySlug, setMetricArchived, updateMetric } from '#lib/server/metrics/metrics.service.js';
import { valuesByYear } from '#lib/server/benchmarks/benchmarks.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { metricForm } from '../../form-input.server.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const page = await guard(event, () =>
		getMetricForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.metric })
	);
	const grid = valuesByYear(page.values);
	const { metric } = page;
	return {
		metric: {
			slug: metric.slug,
			name: metric.name,
			name_es: metric.name_es,
			definition: metric.definition,
			definition_es: metric.definition_es,
			unit: metric.unit,
			stage: metric.stage,
			stage_position: metric.stage_position,
			source: metric.source,
			frequency: metric.frequency,
			disaggregations: metric.disaggregations,
			benchmark_population_id: metric.benchmark_population_id,
			archived: metric.archived_at !== null
		},
		options: { units: page.units, stages: page.stages, frequencies: page.frequencies, disaggregations: page.disaggregations, populations: page.populations },
		values: {
			groups: grid.groups,
			rows: grid.years.map((year) => ({
				id: String(year),
				year,
				cells: grid.groups.map((group) => {
					const v = grid.cell(year, group);
					return v ? { value: v.value, moe: v.moe } : null;
				})
			}))
		},
		added: event.url.searchParams.has('added')
	};
};

async function resolve(event: Parameters<Actions[string]>[0]) {
	const ecosystem = await ecosystemOf(event);
	const db = runtime().db.kysely;
	const metricId = await guard(event, () => metricIdBySlug({ db, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.metric! }));
	return { ecosystem, db, metricId };
}

export const actions: Actions = {
	save: async (event) => {
		const form = await event.request.formData();
		const { ecosystem, db, metricId } = await resolve(event);
		const { input, values } = metricForm(form);
		const outcome = await guard(event, () => updateMetric({ db, actor: event.locals.actor, ecosystemId: ecosystem.id, metricId, input }));
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, which: 'metric' });
		return { saved: true };
	},
	archive: async (event) => {
		const form = await event.request.formData();
		const { ecosystem, db, metricId } = await resolve(event);
		const archived = form.get('archived') !== 'false';
		await guard(event, () => setMetricArchived({ db, actor: event.locals.actor, ecosystemId: ecosystem.id, metricId, archived }));
		return { saved: true };
	}
};

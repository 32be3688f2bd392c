import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getMeasurementOverview } from '#lib/server/metrics/metrics.service.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const overview = await guard(event, () => getMeasurementOverview({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		metrics: overview.metrics.map((metric) => ({
			id: metric.id,
			slug: metric.slug,
			name: event.locals.locale === 'es' && metric.name_es ? metric.name_es : metric.name,
			stage: metric.stage,
			unit: metric.unit,
			frequency: metric.frequency,
			disaggregations: metric.disaggregations,
			population: metric.population ? { slug: metric.population.slug, name: metric.population.name } : null,
			archived: metric.archived_at !== null
		})),
		populations: overview.populations.map((p) => ({
			id: p.id,
			slug: p.slug,
			name: event.locals.locale === 'es' && p.name_es ? p.name_es : p.name,
			geography: p.geography,
			years: p.years,
			values: p.values
		}))
	};
};

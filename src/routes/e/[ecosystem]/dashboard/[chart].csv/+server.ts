import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getEcosystem } from '#lib/server/ecosystems/ecosystems.service.js';
import { getDashboardView } from '#lib/server/dashboard/dashboard.service.js';
import { isChartKey, toCsv } from '#lib/server/dashboard/dashboard-view.js';

/** One chart's data as CSV, suppressed exactly like the page. */
export const GET: RequestHandler = async (event) => {
	const { params, locals } = event;
	if (!isChartKey(params.chart)) error(404, { message: 'There is no chart at that address.' });
	const db = runtime().db.kysely;
	const ecosystem = await guard(event, () => getEcosystem({ db, slug: params.ecosystem }));
	const view = await getDashboardView({ db, ecosystemId: ecosystem.id, locale: locals.locale });
	const chart = view?.charts.find((c) => c.key === params.chart);
	if (!chart) error(404, { message: 'This ecosystem has no data for that chart yet.' });
	return new Response(toCsv(chart.csv), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			// Group labels follow the language: shared caches must keep the versions apart.
			vary: 'cookie, accept-language',
			'content-disposition': `attachment; filename="${ecosystem.slug}-${chart.key}.csv"`
		}
	});
};

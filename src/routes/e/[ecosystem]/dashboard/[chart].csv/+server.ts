import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getPublicChart } from '#lib/server/dashboard/dashboard.service.js';
import { toCsv } from '#lib/server/dashboard/dashboard-view.js';

/** One chart's data as CSV, suppressed exactly like the page. */
export const GET: RequestHandler = async (event) => {
	const { params, locals } = event;
	const { chart, ecosystem } = await guard(event, () =>
		getPublicChart({ db: runtime().db.kysely, slug: params.ecosystem, chart: params.chart, locale: locals.locale })
	);
	return new Response(toCsv(chart.csv), {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			// Group labels follow the language: shared caches must keep the versions apart.
			vary: 'cookie, accept-language',
			'content-disposition': `attachment; filename="${ecosystem.slug}-${chart.key}.csv"`
		}
	});
};

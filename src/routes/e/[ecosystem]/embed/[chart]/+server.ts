import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getEcosystem } from '#lib/server/ecosystems/ecosystems.service.js';
import { localized } from '#lib/server/content.js';
import { getDashboardView } from '#lib/server/dashboard/dashboard.service.js';
import { isChartKey } from '#lib/server/dashboard/dashboard-view.js';
import { embedCsp, renderEmbedPage } from '#lib/server/dashboard/dashboard-embed.js';

/**
 * One chart as a minimal page for partners' websites. The only route whose CSP lets other sites
 * frame it (frame-ancestors *); it runs no script, loads nothing and styles itself with one
 * hashed <style> element, so being framed anywhere exposes nothing but public, suppressed figures.
 */
export const GET: RequestHandler = async (event) => {
	const { params, locals, url } = event;
	if (!isChartKey(params.chart)) error(404, { message: 'There is no chart at that address.' });
	const db = runtime().db.kysely;
	const ecosystem = await guard(event, () => getEcosystem({ db, slug: params.ecosystem }));
	const view = await getDashboardView({ db, ecosystemId: ecosystem.id, locale: locals.locale });
	const chart = view?.charts.find((c) => c.key === params.chart);
	if (!chart) error(404, { message: 'This ecosystem has no data for that chart yet.' });
	const html = renderEmbedPage({
		chart,
		locale: locals.locale,
		ecosystemName: localized(locals.locale, ecosystem.name, ecosystem.name_es),
		dashboardUrl: `${url.origin}/e/${ecosystem.slug}/dashboard#chart-${chart.key}`,
		csvUrl: `${url.origin}/e/${ecosystem.slug}/dashboard/${chart.key}.csv`
	});
	return new Response(html, {
		headers: {
			'content-type': 'text/html; charset=utf-8',
			'content-security-policy': embedCsp,
			vary: 'cookie, accept-language'
		}
	});
};

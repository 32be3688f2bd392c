import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getPublicChart } from '#lib/server/dashboard/dashboard.service.js';
import { embedCsp, renderEmbedPage } from '#lib/server/dashboard/dashboard-embed.js';

/**
 * One chart as a minimal page for partners' websites. The only route whose CSP lets other sites
 * frame it (frame-ancestors *); it runs no script, loads nothing and styles itself with one
 * hashed <style> element, so being framed anywhere exposes nothing but public, suppressed figures.
 */
export const GET: RequestHandler = async (event) => {
	const { params, locals, url } = event;
	const { chart, ecosystem } = await guard(event, () =>
		getPublicChart({ db: runtime().db.kysely, slug: params.ecosystem, chart: params.chart, locale: locals.locale })
	);
	const html = renderEmbedPage({
		chart,
		locale: locals.locale,
		ecosystemName: ecosystem.name,
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

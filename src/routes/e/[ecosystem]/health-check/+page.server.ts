import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getNetworkResults } from '#lib/server/health-check/health-check.service.js';
import { minimumResponses } from '#lib/server/health-check/health-check.js';
import { renderHealthTrend } from '#lib/server/health-check/health-check-chart.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const results = await guard(event, () => getNetworkResults({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	const chart = renderHealthTrend({ rounds: results.rounds, locale: event.locals.locale, frame: { titleId: 'health-chart-title', descriptionId: 'health-chart-desc' } });
	return { ...results, chart, minimumResponses, locale: event.locals.locale };
};

import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getDashboardPage } from '#lib/server/dashboard/dashboard.service.js';
import { listStoriesBesideMetrics } from '#lib/server/stories/stories.service.js';

export const load: PageServerLoad = async (event) => {
	// Signed-out visitors all see the same page per language, so caches may keep it (and must
	// revalidate); a signed-in page carries the person's name in the header and stays private.
	event.setHeaders(
		event.locals.actor.kind === 'public'
			? { 'cache-control': 'public, max-age=0, must-revalidate', vary: 'cookie, accept-language' }
			: { 'cache-control': 'private, no-store' }
	);
	const { ecosystem } = await event.parent();
	const db = runtime().db.kysely;
	const dashboard = await guard(event, () => getDashboardPage({ db, ecosystemId: ecosystem.id, locale: event.locals.locale }));
	// Youth stories staff linked to a metric, beside the numbers (only while consent allows the wall).
	return { ...dashboard, voices: await listStoriesBesideMetrics({ db, ecosystemId: ecosystem.id, locale: event.locals.locale }) };
};

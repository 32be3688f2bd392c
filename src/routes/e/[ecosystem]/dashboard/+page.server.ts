import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getDashboardPage } from '#lib/server/dashboard/dashboard.service.js';

export const load: PageServerLoad = async (event) => {
	// Signed-out visitors all see the same page per language, so caches may keep it (and must
	// revalidate); a signed-in page carries the person's name in the header and stays private.
	event.setHeaders(
		event.locals.actor.kind === 'public'
			? { 'cache-control': 'public, max-age=0, must-revalidate', vary: 'cookie, accept-language' }
			: { 'cache-control': 'private, no-store' }
	);
	const { ecosystem } = await event.parent();
	return guard(event, () => getDashboardPage({ db: runtime().db.kysely, ecosystemId: ecosystem.id, locale: event.locals.locale }));
};

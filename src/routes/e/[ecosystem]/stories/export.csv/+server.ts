import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { exportStories } from '#lib/server/stories/stories.service.js';

/** Published stories as CSV for backbone and partner staff (public data only, with allowed uses). */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const csv = await guard(event, () => exportStories({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, origin: event.url.origin }));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${ecosystem.slug}-stories-${new Date().toISOString().slice(0, 10)}.csv"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};

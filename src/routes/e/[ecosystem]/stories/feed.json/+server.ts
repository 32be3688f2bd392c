import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { storiesFeed } from '#lib/server/stories/stories.service.js';

/** The wall as a JSON Feed: the same public query, so it is never staler than one request. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const feed = await storiesFeed({ db: runtime().db.kysely, ecosystemId: ecosystem.id, origin: event.url.origin, locale: event.locals.locale });
	return new Response(JSON.stringify(feed, null, 2), {
		headers: {
			'content-type': 'application/feed+json; charset=utf-8',
			'x-content-type-options': 'nosniff',
			// Readers poll; a withdrawn story must not linger in a shared cache.
			'cache-control': 'no-cache',
			vary: 'accept-language, cookie'
		}
	});
};

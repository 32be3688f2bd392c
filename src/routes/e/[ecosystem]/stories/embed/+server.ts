import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { getEcosystem } from '#lib/server/ecosystems/ecosystems.service.js';
import { listWall } from '#lib/server/stories/stories.service.js';
import { renderStoriesEmbed, storiesEmbedCsp } from '#lib/server/stories/stories-embed.js';

/** The widget partners put on their own sites: only stories allowed on partners' websites. */
export const GET: RequestHandler = async (event) => {
	const db = runtime().db.kysely;
	const ecosystem = await guard(event, () => getEcosystem({ db, slug: event.params.ecosystem }));
	const { stories } = await listWall({ db, ecosystemId: ecosystem.id, filter: Object.fromEntries(event.url.searchParams), scope: 'partner_site' });
	const html = renderStoriesEmbed({ stories: stories.slice(0, 12), locale: event.locals.locale, ecosystemName: localized(event.locals.locale, ecosystem.name, ecosystem.name_es), wallUrl: `${event.url.origin}/e/${ecosystem.slug}/stories` });
	return new Response(html, {
		headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': storiesEmbedCsp, 'cache-control': 'no-cache', vary: 'accept-language, cookie' }
	});
};

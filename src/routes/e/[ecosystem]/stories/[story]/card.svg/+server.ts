import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { getEcosystem } from '#lib/server/ecosystems/ecosystems.service.js';
import { getPublicStory } from '#lib/server/stories/stories.service.js';
import { renderStoryCard } from '#lib/server/stories/story-card.js';

/**
 * The share image (Open Graph card) of a story, as SVG. It exists only while the story may be
 * used on social media (author, parent and moderators all allowed it): otherwise 404.
 */
export const GET: RequestHandler = async (event) => {
	const db = runtime().db.kysely;
	const ecosystem = await guard(event, () => getEcosystem({ db, slug: event.params.ecosystem }));
	const story = await guard(event, () => getPublicStory({ db, ecosystemId: ecosystem.id, storyId: event.params.story, scope: 'social' }));
	return new Response(renderStoryCard({ story, ecosystemName: localized(event.locals.locale, ecosystem.name, ecosystem.name_es), locale: event.locals.locale }), {
		headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-cache', vary: 'accept-language, cookie' }
	});
};

import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getPublicStoryPhoto } from '#lib/server/stories/stories.service.js';
import { photoResponse } from '#lib/server/stories/photo-response.js';

/**
 * A story's photo, only while the story is public on the wall. Not cached by browsers or
 * proxies, so a withdrawn story's photo is gone on the next request, as the words are.
 */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const photo = await guard(event, () => getPublicStoryPhoto({ db: runtime().db.kysely, ecosystemId: ecosystem.id, storyId: event.params.story }));
	return photoResponse(photo, 'no-store');
};

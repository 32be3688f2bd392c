import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getModerationPhoto } from '#lib/server/stories/stories.service.js';
import { photoResponse } from '#lib/server/stories/photo-response.js';

/** The stored photo for moderators, whatever the story's state. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const photo = await guard(event, () =>
		getModerationPhoto({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, storyId: event.params.story })
	);
	return photoResponse(photo, 'private, no-store');
};

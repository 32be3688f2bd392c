import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getConsentLinkPhoto } from '#lib/server/stories/stories.service.js';
import { photoResponse } from '#lib/server/stories/photo-response.js';

/** The photo on the parent's consent page: the parent consents to the story and its photo. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const photo = await guard(event, () => getConsentLinkPhoto({ db: runtime().db.kysely, ecosystemId: ecosystem.id, token: event.params.token }));
	return photoResponse(photo, 'private, no-store');
};

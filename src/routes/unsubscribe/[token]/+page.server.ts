import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getUnsubscribe, unsubscribeByToken } from '#lib/server/announcements/announcements.service.js';
import { localized } from '#lib/server/content.js';
import { guard } from '#lib/server/http/route-helpers.js';

/** Works without signing in: the link in the email is the key. Mail clients' one-click POST lands here too. */
export const load: PageServerLoad = async (event) => {
	const view = await guard(event, () => getUnsubscribe({ db: runtime().db.kysely, token: event.params.token }));
	return {
		ecosystemName: localized(event.locals.locale, view.ecosystem.name, view.ecosystem.name_es),
		ecosystemSlug: view.ecosystem.slug,
		unsubscribed: view.modes.announcements === 'never' && view.modes.groups === 'never'
	};
};

export const actions: Actions = {
	default: async (event) => {
		await guard(event, () => unsubscribeByToken({ db: runtime().db.kysely, token: event.params.token }));
		return { done: true };
	}
};

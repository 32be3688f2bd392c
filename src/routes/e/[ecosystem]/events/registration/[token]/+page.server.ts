import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { cancelRegistrationByToken, getRegistrationByToken } from '#lib/server/events/events.service.js';
import { eventView } from '#lib/server/events/events-view.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';

/** The registrant's private page, reached from their email: no sign-in, the link is the key. */
export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const view = await guard(event, () => getRegistrationByToken({ db: runtime().db.kysely, ecosystemId: ecosystem.id, token: event.params.token }));
	return {
		registration: { name: view.registration.name, email: view.registration.email, status: view.registration.status },
		event: eventView(view.event, event.locals.locale),
		onlineUrl: view.onlineUrl,
		waitlistPlace: view.waitlistPlace,
		justRegistered: event.url.searchParams.has('new')
	};
};

export const actions: Actions = {
	cancel: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const result = await guard(event, () => cancelRegistrationByToken({ ctx: runtime(), ecosystemId: ecosystem.id, token: event.params.token, origin: event.url.origin }));
		return { cancelled: result.cancelled };
	}
};

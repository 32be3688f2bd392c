import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { checkIn, listAttendees } from '#lib/server/events/events.service.js';
import { eventView } from '#lib/server/events/events-view.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';

/** The door list: built for a phone, one large button per person, a search to find a name. */
export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { event: found, registrations } = await guard(event, () =>
		listAttendees({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.event })
	);
	const q = (event.url.searchParams.get('q') ?? '').trim().toLowerCase();
	const matches = (r: { name: string; email: string }) => !q || r.name.toLowerCase().includes(q) || r.email.includes(q);
	return {
		event: { ...eventView(found, event.locals.locale), onlineUrl: found.online_url },
		q,
		attendees: registrations
			.filter((r) => r.status !== 'cancelled' && matches(r))
			.map((r) => ({
				id: r.id,
				name: r.name,
				email: r.email,
				status: r.status,
				checkedIn: r.checked_in_at !== null,
				accessibility: r.accessibility_request,
				language: r.language_request
			}))
	};
};

async function setCheckIn(event: Parameters<Actions[string]>[0], undo: boolean) {
	const ecosystem = await ecosystemOf(event);
	const registrationId = String((await event.request.formData()).get('registration') ?? '');
	await guard(event, () => checkIn({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.event, registrationId, undo }));
	return { changed: registrationId };
}

export const actions: Actions = {
	checkin: (event) => setCheckIn(event, false),
	undo: (event) => setCheckIn(event, true)
};

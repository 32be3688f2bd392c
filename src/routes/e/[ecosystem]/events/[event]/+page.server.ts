import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPublicEvent, listOtherDates, registerForEvent } from '#lib/server/events/events.service.js';
import { registrationFromForm } from '#lib/server/events/events.js';
import { eventView } from '#lib/server/events/events-view.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const found = await guard(event, () => getPublicEvent({ db: runtime().db.kysely, ecosystemId: ecosystem.id, slug: event.params.event, actor: event.locals.actor, includeCancelled: true }));
	const actor = event.locals.actor;
	const otherDates = await listOtherDates({ db: runtime().db.kysely, ecosystemId: ecosystem.id, event: found });
	return {
		event: eventView(found, event.locals.locale),
		otherDates: otherDates.map((e) => eventView(e, event.locals.locale)),
		ended: found.ends_at <= new Date().toISOString(),
		cancelled: found.status === 'cancelled' ? { reason: found.status_note } : null,
		person: actor.kind === 'user' ? { name: actor.name, email: actor.email } : { name: '', email: '' }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			registerForEvent({
				ctx: runtime(),
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				slug: event.params.event,
				input: registrationFromForm(values),
				locale: event.locals.locale,
				origin: event.url.origin
			})
		);
		if (!outcome.ok) return invalidForm(outcome.issues.map((i) => ({ ...i, field: i.field.replace(/^answers\./, 'answer_') })), values);
		redirect(303, `/e/${ecosystem.slug}/events/registration/${outcome.value.token}?new=1`);
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { cancelEvent, getEventForEdit, updateEvent } from '#lib/server/events/events.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { event: found, values, groups } = await guard(event, () =>
		getEventForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.event })
	);
	return { event: { slug: found.slug, title: found.title, status: found.status, timeZone: found.time_zone, note: found.status_note }, values, groups };
};

export const actions: Actions = {
	update: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			updateEvent({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.event, input: values, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { edited: outcome.value };
	},
	cancel: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			cancelEvent({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.event, input: values, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/admin/events/${event.params.event}/edit?cancelled=${outcome.value.notified}`);
	}
};

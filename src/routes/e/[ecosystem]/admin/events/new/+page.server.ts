import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createEvent, prepareEventForm } from '#lib/server/events/events.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	return guard(event, () => prepareEventForm({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => createEvent({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		if (outcome.value.status === 'pending') return { proposed: true };
		redirect(303, `/e/${ecosystem.slug}/admin/events?added=${encodeURIComponent(outcome.value.slug)}`);
	}
};

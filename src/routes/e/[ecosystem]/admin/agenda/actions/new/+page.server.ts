import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createAction, prepareAgendaForms } from '#lib/server/agenda/agenda.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const options = await guard(event, () =>
		prepareAgendaForms({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, locale: event.locals.locale })
	);
	return { options };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => createAction({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/admin/agenda?added=action`);
	}
};

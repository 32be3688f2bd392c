import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getAgendaItemForEdit, prepareAgendaForms, updateAction } from '#lib/server/agenda/agenda.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const args = { db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id };
	const item = await guard(event, () => getAgendaItemForEdit({ ...args, kind: 'action', id: event.params.action }));
	const options = await guard(event, () => prepareAgendaForms({ ...args, locale: event.locals.locale }));
	return { ...item, options };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			updateAction({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, actionId: event.params.action, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: true };
	}
};

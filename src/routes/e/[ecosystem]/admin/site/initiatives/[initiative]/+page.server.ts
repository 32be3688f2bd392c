import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getInitiativeForEdit, updateInitiative } from '#lib/server/ecosystems/ecosystems.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const initiative = await guard(event, () =>
		getInitiativeForEdit({
			db: runtime().db.kysely,
			actor: event.locals.actor,
			ecosystemId: ecosystem.id,
			initiativeId: event.params.initiative
		})
	);
	return { initiative };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			updateInitiative({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				initiativeId: event.params.initiative,
				input: values
			})
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/admin/site?updated=1#initiatives`);
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { addItem, prepareItemForm } from '#lib/server/lending/lending.service.js';
import { conditions } from '#lib/server/lending/lending.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const form = await guard(event, () => prepareItemForm({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { ...form, conditions: [...conditions] };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			addItem({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: values.partner ?? '', input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/lending/${outcome.value.slug}`);
	}
};

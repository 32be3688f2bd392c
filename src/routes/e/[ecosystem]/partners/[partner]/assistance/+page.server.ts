import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { runtime } from '#lib/server/runtime.js';
import { fileRequest, listPartnerRequests } from '#lib/server/technical-assistance/technical-assistance.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	return guard(event, () => listPartnerRequests({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner }));
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			fileRequest({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, input: values, locale: event.locals.locale, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/partners/${event.params.partner}/assistance/${outcome.value.id}?filed=1`);
	}
};

import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPartnerRequest, postMessage, rateRequest } from '#lib/server/technical-assistance/technical-assistance.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const found = await guard(event, () =>
		getPartnerRequest({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, requestId: event.params.request })
	);
	return { ...found, filed: event.url.searchParams.has('filed') };
};

export const actions: Actions = {
	message: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			postMessage({
				ctx: runtime(),
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				partnerSlug: event.params.partner,
				requestId: event.params.request,
				input: values,
				locale: event.locals.locale,
				origin: event.url.origin
			})
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: 'message' };
	},
	rate: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			rateRequest({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, requestId: event.params.request, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: 'rating' };
	}
};

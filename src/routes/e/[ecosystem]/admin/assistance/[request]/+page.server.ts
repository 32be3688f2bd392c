import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { closeRequest, getRequestForBackbone, postMessage, triageRequest } from '#lib/server/technical-assistance/technical-assistance.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	return guard(event, () => getRequestForBackbone({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, requestId: event.params.request }));
};

export const actions: Actions = {
	triage: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			triageRequest({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, requestId: event.params.request, input: values, locale: event.locals.locale, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: 'triage' };
	},
	message: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			postMessage({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, requestId: event.params.request, input: values, locale: event.locals.locale, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: 'message' };
	},
	close: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const outcome = await guard(event, () =>
			closeRequest({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, requestId: event.params.request, locale: event.locals.locale, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, {});
		return { saved: 'close' };
	}
};

import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { DomainError } from '#lib/server/errors.js';
import { reviseStory, viewWithdrawLink, withdrawStory } from '#lib/server/stories/stories.service.js';
import { invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { privateHeaders } from '#lib/server/stories/stories-http.js';

export const load: PageServerLoad = async (event) => {
	event.setHeaders(privateHeaders);
	const { ecosystem } = await event.parent();
	try {
		return { view: await viewWithdrawLink({ db: runtime().db.kysely, ecosystemId: ecosystem.id, token: event.params.token }) };
	} catch (caught) {
		if (caught instanceof DomainError) return { view: null };
		throw caught;
	}
};

export const actions: Actions = {
	revise: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			reviseStory({ db: runtime().db.kysely, ecosystemId: ecosystem.id, token: event.params.token, input: values, locale: event.locals.locale })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { revised: true };
	},
	withdraw: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const outcome = await guard(event, () => withdrawStory({ db: runtime().db.kysely, ecosystemId: ecosystem.id, token: event.params.token }));
		return { withdrawn: outcome.ok };
	}
};

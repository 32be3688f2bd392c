import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getIndicatorForEdit, updateIndicator } from '#lib/server/agenda/agenda.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const found = await guard(event, () =>
		getIndicatorForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.indicator, locale: event.locals.locale })
	);
	return { ...found, added: event.url.searchParams.get('added') === '1' };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			updateIndicator({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, indicatorSlug: event.params.indicator, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: true };
	}
};

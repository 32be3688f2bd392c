import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createActivity, createMeasure, getPartnerContributions } from '#lib/server/agenda/agenda.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	return guard(event, () =>
		getPartnerContributions({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, locale: event.locals.locale })
	);
};

/** The measure form's fields carry a `measure_` prefix so both forms can share the page. */
const unprefixed = (values: Record<string, string | undefined>) =>
	Object.fromEntries(Object.entries(values).map(([key, value]) => [key.replace(/^measure_/, ''), value]));

export const actions: Actions = {
	activity: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			createActivity({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: 'activity' };
	},
	measure: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			createMeasure({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, input: unprefixed(values) })
		);
		if (!outcome.ok) return invalidForm(outcome.issues.map((i) => ({ ...i, field: `measure_${i.field}` })), values);
		return { saved: 'measure' };
	}
};

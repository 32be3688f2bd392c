import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createOffering, prepareOfferingForm } from '#lib/server/pd/pd.service.js';
import { gradeBands, offeringFromForm, pdAudiences, pdFormats, SESSION_SLOTS, stemSubjects } from '#lib/server/pd/pd.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { providers, creditTypes } = await guard(event, () =>
		prepareOfferingForm({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id })
	);
	return {
		providers: [...(providers.backbone ? [{ value: 'backbone', label: ecosystem.name }] : []), ...providers.partners.map((p) => ({ value: p.id, label: p.name }))],
		creditTypes: creditTypes.map((c) => ({ value: c.id, label: localized(event.locals.locale, c.name, c.name_es) })),
		choices: { formats: [...pdFormats], audiences: [...pdAudiences], subjects: [...stemSubjects], gradeBands: [...gradeBands] },
		sessionSlots: SESSION_SLOTS
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const values = formToObject(form);
		const bands = form.getAll('grade_bands').filter((v): v is string => typeof v === 'string');
		const outcome = await guard(event, () =>
			createOffering({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: offeringFromForm(values, bands) })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, grade_bands: bands.join(','), which: 'offering' });
		redirect(303, `/e/${ecosystem.slug}/pd/${outcome.value.slug}/roster?saved=created`);
	}
};

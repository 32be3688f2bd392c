import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getOfferingForEdit, updateOffering } from '#lib/server/pd/pd.service.js';
import { gradeBands, offeringFromForm, pdAudiences, pdFormats, SESSION_SLOTS, stemSubjects } from '#lib/server/pd/pd.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const form = await guard(event, () =>
		getOfferingForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering })
	);
	return {
		offering: { slug: form.offering.slug, title: localized(locale, form.offering.title, form.offering.title_es) },
		stored: form.values,
		registered: form.registered,
		creditTypes: form.creditTypes.map((c) => ({ value: c.id, label: localized(locale, c.name, c.name_es) })),
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
			updateOffering({
				ctx: runtime(),
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				slug: event.params.offering,
				input: offeringFromForm(values, bands),
				origin: event.url.origin
			})
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, grade_bands: bands.join(','), which: 'offering' });
		redirect(303, `/e/${ecosystem.slug}/pd/${outcome.value.slug}/roster?saved=edited&notified=${outcome.value.notified}`);
	}
};

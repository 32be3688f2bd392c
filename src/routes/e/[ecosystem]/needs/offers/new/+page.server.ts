import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { postOffer, prepareOfferForm } from '#lib/server/matchmaking/matchmaking.service.js';
import { gradeBands, needKinds, subjects } from '#lib/server/matchmaking/matchmaking.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { partners } = await guard(event, () => prepareOfferForm({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { partners, kinds: [...needKinds], subjects: [...subjects], bands: [...gradeBands] };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const values = formToObject(form);
		const lists = { subjects: form.getAll('subjects').map(String), grade_bands: form.getAll('grade_bands').map(String) };
		const outcome = await guard(event, () =>
			postOffer({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: values.partner ?? '', input: { ...values, ...lists } })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, subjects: lists.subjects.join(','), grade_bands: lists.grade_bands.join(',') });
		redirect(303, `/e/${ecosystem.slug}/needs?offered=1`);
	}
};

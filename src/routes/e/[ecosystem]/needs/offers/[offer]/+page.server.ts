import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { closeOffer, editOffer, getOfferForEdit } from '#lib/server/matchmaking/matchmaking.service.js';
import { gradeBands, needKinds, subjects } from '#lib/server/matchmaking/matchmaking.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const o = await guard(event, () => getOfferForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, offerId: event.params.offer }));
	return {
		title: o.title,
		closed: o.closed_at !== null,
		initial: {
			issues: [],
			values: { kind: o.kind, title: o.title, description: o.description, subjects: o.subjects.join(','), grade_bands: o.grade_bands.join(','), zip: o.zip, available_from: o.available_from, available_until: o.available_until }
		},
		kinds: [...needKinds],
		subjects: [...subjects],
		bands: [...gradeBands]
	};
};

export const actions: Actions = {
	edit: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const values = formToObject(form);
		const lists = { subjects: form.getAll('subjects').map(String), grade_bands: form.getAll('grade_bands').map(String) };
		const outcome = await guard(event, () =>
			editOffer({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, offerId: event.params.offer, input: { ...values, ...lists } })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, subjects: lists.subjects.join(','), grade_bands: lists.grade_bands.join(',') });
		return { saved: true };
	},
	close: async (event) => {
		const ecosystem = await ecosystemOf(event);
		await guard(event, () => closeOffer({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, offerId: event.params.offer }));
		redirect(303, `/e/${ecosystem.slug}/needs?offer_closed=1`);
	}
};

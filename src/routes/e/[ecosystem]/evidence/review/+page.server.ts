import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listSuggestions, reviewSuggestion } from '#lib/server/evidence/evidence.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const rows = await guard(event, () => listSuggestions({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		suggestions: rows.map((r) => ({ id: r.id, slug: r.slug, title: r.title, partner: r.suggested_by_partner_name ?? '', summary: r.summary })),
		done: event.url.searchParams.get('done')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			reviewSuggestion({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: values.slug ?? '', input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/evidence/review?done=${values.decision}`);
	}
};

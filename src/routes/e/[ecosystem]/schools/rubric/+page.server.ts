import type { Actions, PageServerLoad } from './$types';
import { redirect } from '@sveltejs/kit';
import { runtime } from '#lib/server/runtime.js';
import { getRubricForEdit, removeRubricDomain, saveRubricDomain } from '#lib/server/schools/schools.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const rubric = await guard(event, () => getRubricForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		domains: rubric.map((r) => ({ id: r.domain.id, name: r.domain.name, timesRated: r.timesRated, levelCount: r.domain.levels.length, values: r.values })),
		saved: event.url.searchParams.get('saved') === '1',
		removed: event.url.searchParams.get('saved') === 'removed'
	};
};

export const actions: Actions = {
	save: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const domainId = values.domain_id;
		const outcome = await guard(event, () =>
			saveRubricDomain({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				domainId,
				input: { name: values.name ?? '', name_es: values.name_es, levels: values.levels ?? '' }
			})
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, which: domainId ?? 'new' });
		redirect(303, `/e/${ecosystem.slug}/schools/rubric?saved=1`);
	},
	/** Removes a domain nobody has rated; a rated one is refused with the reason (history stays). */
	remove: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const domainId = String((await event.request.formData()).get('domain_id') ?? '');
		const outcome = await guard(event, () => removeRubricDomain({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, domainId }));
		if (!outcome.ok) return invalidForm(outcome.issues, { which: 'remove' });
		redirect(303, `/e/${ecosystem.slug}/schools/rubric?saved=removed`);
	}
};

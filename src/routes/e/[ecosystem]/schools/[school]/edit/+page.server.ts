import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getSchoolForEdit, updateSchool } from '#lib/server/schools/schools.service.js';
import { gradeBands } from '#lib/server/pd/pd.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const form = await guard(event, () => getSchoolForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.school }));
	return { school: { slug: form.school.slug, name: form.school.name }, stored: form.values, gradeBands: [...gradeBands] };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const values = formToObject(form);
		const bands = form.getAll('grade_bands').filter((v): v is string => typeof v === 'string');
		const outcome = await guard(event, () =>
			updateSchool({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.school, input: { name: values.name ?? '', grade_bands: bands } })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, grade_bands: bands.join(',') });
		redirect(303, `/e/${ecosystem.slug}/schools?saved=school`);
	}
};

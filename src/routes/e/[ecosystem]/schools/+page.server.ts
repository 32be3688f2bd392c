import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createSchool, listMySchools } from '#lib/server/schools/schools.service.js';
import { gradeBands } from '#lib/server/pd/pd.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { decide } from '#lib/server/auth/roles.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const schools = await guard(event, () => listMySchools({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	const saved = event.url.searchParams.get('saved');
	return {
		schools: schools.map((s) => ({ id: s.id, slug: s.slug, name: s.name, isDemo: s.is_demo === 1 })),
		manages: decide(event.locals.actor, 'ecosystem.schools.manage', { ecosystemId: ecosystem.id }) === 'allow',
		gradeBands: [...gradeBands],
		saved: saved === 'school',
		added: saved === 'added' ? event.url.searchParams.get('school') : null
	};
};

export const actions: Actions = {
	/** Backbone staff add a school (the form works without JavaScript). */
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const values = formToObject(form);
		const bands = form.getAll('grade_bands').filter((v): v is string => typeof v === 'string');
		const outcome = await guard(event, () =>
			createSchool({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: { name: values.name ?? '', grade_bands: bands } })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, grade_bands: bands.join(',') });
		redirect(303, `/e/${ecosystem.slug}/schools?saved=added&school=${encodeURIComponent(outcome.value.slug)}`);
	}
};

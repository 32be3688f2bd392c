import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { addSchoolMember, getSchoolTeam, removeSchoolMember } from '#lib/server/schools/schools.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const page = await guard(event, () => getSchoolTeam({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.school }));
	return {
		school: { slug: page.school.slug, name: page.school.name },
		team: page.team,
		added: event.url.searchParams.get('added'),
		removed: event.url.searchParams.get('removed') === '1'
	};
};

export const actions: Actions = {
	add: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			addSchoolMember({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.school, input: { email: values.email ?? '' } })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, which: 'add' });
		redirect(303, `/e/${ecosystem.slug}/schools/${event.params.school}/team?added=${encodeURIComponent(outcome.value.name)}`);
	},
	remove: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const userId = String((await event.request.formData()).get('user_id') ?? '');
		const outcome = await guard(event, () =>
			removeSchoolMember({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.school, userId })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { which: 'remove' });
		redirect(303, `/e/${ecosystem.slug}/schools/${event.params.school}/team?removed=1`);
	}
};

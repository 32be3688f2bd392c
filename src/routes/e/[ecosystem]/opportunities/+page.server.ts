import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { searchOpportunities } from '#lib/server/opportunities/opportunities.service.js';
import { parseSearch, opportunityKinds } from '#lib/server/opportunities/opportunities.js';
import { presentOpportunity } from '#lib/server/opportunities/present.js';
import { readSaved, toggleSaved } from '#lib/server/opportunities/saved.js';
import { careerAreas } from '#lib/server/careers/occupations.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { membershipIn } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const search = parseSearch(event.url.searchParams);
	const results = await searchOpportunities({ db: runtime().db.kysely, ecosystemId: ecosystem.id, search });
	const role = membershipIn(event.locals.actor, ecosystem.id)?.role;
	return {
		search,
		kinds: [...opportunityKinds],
		areas: [...careerAreas],
		opportunities: results.map((o) => presentOpportunity(o, event.locals.locale)),
		saved: readSaved(event.cookies, ecosystem.slug),
		canPost: !!role && role !== 'educator'
	};
};

export const actions: Actions = {
	/** Saves or unsaves one opportunity in the visitor's cookie, then returns to the page they were on. */
	save: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const slug = String(form.get('slug') ?? '');
		const base = `/e/${ecosystem.slug}/opportunities`;
		const next = String(form.get('next') ?? '');
		if (/^[a-z0-9-]{1,80}$/.test(slug)) toggleSaved(event.cookies, ecosystem.slug, slug, event.url.protocol === 'https:');
		redirect(303, next === base || next.startsWith(`${base}/`) || next.startsWith(`${base}?`) ? next : base);
	}
};

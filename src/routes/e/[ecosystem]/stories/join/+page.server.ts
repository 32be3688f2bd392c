import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { ageBandFor, ageScreenSchema } from '#lib/server/stories/stories.js';
import { answeredBand, rememberBand } from '#lib/server/stories/stories-http.js';
import { validate } from '#lib/server/validation.js';

const nextStep = (slug: string, band: string) => `/e/${slug}/stories/join/${band === 'under_13' ? 'parent' : 'story'}`;

export const load: PageServerLoad = async ({ cookies, parent }) => {
	const { ecosystem } = await parent();
	const band = answeredBand(cookies);
	return { continueTo: band ? nextStep(ecosystem.slug, band) : null };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const earlier = answeredBand(event.cookies);
		// A second answer in the same session is ignored: the first one stands.
		if (earlier) redirect(303, nextStep(ecosystem.slug, earlier));
		const age = String((await event.request.formData()).get('age') ?? '').trim();
		const parsed = validate(ageScreenSchema(event.locals.locale), { age });
		if (!parsed.ok) return fail(422, { issues: parsed.issues, values: { age } });
		const band = ageBandFor(parsed.value.age);
		rememberBand(event.cookies, ecosystem.slug, band, event.url.protocol === 'https:');
		redirect(303, nextStep(ecosystem.slug, band));
	}
};

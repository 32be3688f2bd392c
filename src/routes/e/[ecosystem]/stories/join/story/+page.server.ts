import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { needsParent } from '#lib/server/stories/stories.js';
import { submitStory } from '#lib/server/stories/stories.service.js';
import { answeredBand, newFormStamp, privateHeaders, screenSubmission } from '#lib/server/stories/stories-http.js';
import { groupIssues, readStoryForm } from '#lib/server/stories/stories-form.js';

/** The story form opens only after the age screen, and never for someone who answered under 13. */
function bandOrRedirect(cookies: Parameters<typeof answeredBand>[0], slug: string) {
	const band = answeredBand(cookies);
	if (!band) redirect(303, `/e/${slug}/stories/join`);
	if (band === 'under_13') redirect(303, `/e/${slug}/stories/join/parent`);
	return band;
}

export const load: PageServerLoad = async ({ cookies, parent }) => {
	const { ecosystem } = await parent();
	const band = bandOrRedirect(cookies, ecosystem.slug);
	return { needsParent: needsParent(band), stamp: newFormStamp() };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const band = bandOrRedirect(event.cookies, ecosystem.slug);
		const { input, values } = readStoryForm(await event.request.formData());
		const locale = event.locals.locale;
		const screened = screenSubmission(event, values, locale);
		if (screened) return invalidForm(screened, values);
		const outcome = await guard(event, () =>
			submitStory({ ctx: runtime(), ecosystemId: ecosystem.id, band, input, origin: event.url.origin, locale })
		);
		if (!outcome.ok) return invalidForm(groupIssues(outcome.issues), values);
		event.setHeaders(privateHeaders);
		return { submitted: { withdrawUrl: outcome.value.withdrawUrl, parentEmailed: outcome.value.parentEmailed } };
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { requestChildConsent } from '#lib/server/stories/stories.service.js';
import { answeredBand, newFormStamp, screenSubmission } from '#lib/server/stories/stories-http.js';
import { formToObject } from '#lib/server/validation.js';
import { UNDER_13_CONSENT_DAYS } from '#lib/server/stories/stories.js';

/** Under 13: the only question is the parent's email (COPPA); everyone else goes to the story form. */
function requireUnder13(cookies: Parameters<typeof answeredBand>[0], slug: string) {
	const band = answeredBand(cookies);
	if (band !== 'under_13') redirect(303, `/e/${slug}/stories/join${band ? '/story' : ''}`);
}

export const load: PageServerLoad = async ({ cookies, parent }) => {
	const { ecosystem } = await parent();
	requireUnder13(cookies, ecosystem.slug);
	return { stamp: newFormStamp(), days: UNDER_13_CONSENT_DAYS };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		requireUnder13(event.cookies, ecosystem.slug);
		const values = formToObject(await event.request.formData());
		const screened = await screenSubmission(event, values, event.locals.locale);
		if (screened) return invalidForm(screened, values);
		const outcome = await guard(event, () =>
			requestChildConsent({ ctx: runtime(), ecosystemId: ecosystem.id, input: { parent_email: values.parent_email }, origin: event.url.origin, locale: event.locals.locale })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { sent: true };
	}
};

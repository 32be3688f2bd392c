import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { needsParent, photoProblemMessage } from '#lib/server/stories/stories.js';
import { submitStory } from '#lib/server/stories/stories.service.js';
import { answeredBand, newFormStamp, privateHeaders, screenSubmission } from '#lib/server/stories/stories-http.js';
import { groupIssues, readStoryForm } from '#lib/server/stories/stories-form.js';
import { MAX_PHOTO_BYTES } from '#lib/server/stories/story-photo.js';
import { readLimitedForm } from '#lib/server/http/uploads.js';

/** The story form opens only after the age screen, and never for someone who answered under 13. */
function bandOrRedirect(cookies: Parameters<typeof answeredBand>[0], slug: string) {
	const band = answeredBand(cookies);
	if (!band) redirect(303, `/e/${slug}/stories/join`);
	if (band === 'under_13') redirect(303, `/e/${slug}/stories/join/parent`);
	return band;
}

const maxMb = MAX_PHOTO_BYTES / 1024 / 1024;

export const load: PageServerLoad = async ({ cookies, parent }) => {
	const { ecosystem } = await parent();
	const band = bandOrRedirect(cookies, ecosystem.slug);
	return { needsParent: needsParent(band), stamp: newFormStamp(), maxMb };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const band = bandOrRedirect(event.cookies, ecosystem.slug);
		const locale = event.locals.locale;
		// An oversized body is refused before it is buffered: the text fields around the photo are small.
		const form = await readLimitedForm(event.request, MAX_PHOTO_BYTES);
		if (!form) return fail(413, { issues: [{ field: 'photo', message: photoProblemMessage('too_large', locale, maxMb) }], values: {} });
		const { input, values } = readStoryForm(form);
		const screened = await screenSubmission(event, values, locale);
		if (screened) return invalidForm(screened, values);
		const upload = form.get('photo');
		const photo = upload instanceof File && upload.size > 0 ? new Uint8Array(await upload.arrayBuffer()) : null;
		const outcome = await guard(event, () =>
			submitStory({ ctx: runtime(), ecosystemId: ecosystem.id, band, input, origin: event.url.origin, locale, photo })
		);
		if (!outcome.ok) return invalidForm(groupIssues(outcome.issues), values);
		event.setHeaders(privateHeaders);
		return { submitted: { withdrawUrl: outcome.value.withdrawUrl, parentEmailed: outcome.value.parentEmailed } };
	}
};

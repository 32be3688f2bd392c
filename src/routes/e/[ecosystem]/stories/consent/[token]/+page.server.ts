import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { DomainError } from '#lib/server/errors.js';
import { giveParentConsent, submitChildStory, viewConsentLink } from '#lib/server/stories/stories.service.js';
import { groupIssues, readStoryForm } from '#lib/server/stories/stories-form.js';
import { privateHeaders } from '#lib/server/stories/stories-http.js';

export const load: PageServerLoad = async (event) => {
	event.setHeaders(privateHeaders);
	const { ecosystem } = await event.parent();
	try {
		return { view: await viewConsentLink({ db: runtime().db.kysely, ecosystemId: ecosystem.id, token: event.params.token }), invalid: false, token: event.params.token };
	} catch (caught) {
		// An unknown, used or expired link says only that it does not work, never why.
		if (caught instanceof DomainError) return { view: null, invalid: true, token: event.params.token };
		throw caught;
	}
};

export const actions: Actions = {
	consent: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { input, values } = readStoryForm(await event.request.formData(), ['scopes']);
		const outcome = await guard(event, () =>
			giveParentConsent({ ctx: runtime(), ecosystemId: ecosystem.id, token: event.params.token, input, origin: event.url.origin, locale: event.locals.locale })
		);
		if (!outcome.ok) return invalidForm(groupIssues(outcome.issues), { ...values, which: 'consent' });
		return { consented: outcome.value };
	},
	story: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { input, values } = readStoryForm(await event.request.formData(), ['interests']);
		const outcome = await guard(event, () =>
			submitChildStory({ db: runtime().db.kysely, ecosystemId: ecosystem.id, token: event.params.token, input, locale: event.locals.locale })
		);
		if (!outcome.ok) return invalidForm(groupIssues(outcome.issues), { ...values, which: 'story' });
		return { storySent: true };
	}
};

import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getPublicStory, reportStory } from '#lib/server/stories/stories.service.js';
import { newFormStamp, screenReport } from '#lib/server/stories/stories-http.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const story = await guard(event, () => getPublicStory({ db: runtime().db.kysely, ecosystemId: ecosystem.id, storyId: event.params.story }));
	return { story, origin: event.url.origin, stamp: newFormStamp() };
};

export const actions: Actions = {
	report: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const field = (name: string) => String(form.get(name) ?? '').trim();
		const reason = field('reason');
		// A honeypot and a signed time stamp, as on the submission form: bots cannot hide stories.
		const screened = await screenReport(event, { stamp: field('stamp'), website: field('website') });
		if (!screened.ok) return fail(screened.problem === 'rate' ? 429 : 422, { reported: false, problem: screened.problem, reason });
		await guard(event, () => reportStory({ db: runtime().db.kysely, ecosystemId: ecosystem.id, storyId: event.params.story, reporterHash: screened.key, reason }));
		return { reported: true };
	}
};

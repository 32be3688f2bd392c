import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getPublicStory, reportStory } from '#lib/server/stories/stories.service.js';
import { reporterKey } from '#lib/server/stories/stories-http.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const story = await guard(event, () => getPublicStory({ db: runtime().db.kysely, ecosystemId: ecosystem.id, storyId: event.params.story }));
	return { story, origin: event.url.origin };
};

export const actions: Actions = {
	report: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const reason = String((await event.request.formData()).get('reason') ?? '').trim();
		const key = reporterKey(event);
		if (!key) return fail(429, { reported: false });
		await guard(event, () => reportStory({ db: runtime().db.kysely, ecosystemId: ecosystem.id, storyId: event.params.story, reporterHash: key, reason }));
		return { reported: true };
	}
};

import type { Action, Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { getStoryForModeration, moderateStory, moderationActions, type ModerationAction } from '#lib/server/stories/stories.service.js';
import { groupIssues, readStoryForm } from '#lib/server/stories/stories-form.js';
import { privateHeaders } from '#lib/server/stories/stories-http.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	event.setHeaders(privateHeaders);
	return guard(event, () => getStoryForModeration({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, storyId: event.params.story }));
};

/** One form action per moderator action (?/approve, ?/redact, …), all through moderateStory. */
const act =
	(action: ModerationAction): Action =>
	async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { input, values } = readStoryForm(await event.request.formData(), ['scopes']);
		const outcome = await guard(event, () =>
			moderateStory({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, storyId: event.params.story, action, input, locale: event.locals.locale })
		);
		if (!outcome.ok) return invalidForm(groupIssues(outcome.issues), { ...values, which: action });
		return { done: action };
	};

export const actions: Actions = Object.fromEntries(moderationActions.map((a) => [a, act(a)]));

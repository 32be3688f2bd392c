import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getThread, replyToThread } from '#lib/server/groups/groups.service.js';
import { localized } from '#lib/server/content.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const view = await guard(event, () =>
		getThread({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.group, threadId: event.params.thread })
	);
	return {
		group: { slug: view.group.slug, name: localized(event.locals.locale, view.group.name, view.group.name_es) },
		thread: { id: view.thread.id, title: view.thread.title },
		posts: view.posts,
		canReply: view.canReply
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			replyToThread({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.group, threadId: event.params.thread, input: values, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { replied: true };
	}
};

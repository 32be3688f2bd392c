import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { prepareAnnouncements, publishAnnouncement } from '#lib/server/announcements/announcements.service.js';
import { sectors } from '#lib/server/partners/partners.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const view = await guard(event, () => prepareAnnouncements({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { ...view, sectors: [...sectors] };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => publishAnnouncement({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, input: values, origin: event.url.origin }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { emailed: outcome.value.emailed };
	}
};

import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getWithdrawal, withdrawApplication } from '#lib/server/opportunities/opportunities.service.js';
import { localized } from '#lib/server/content.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const found = await guard(event, () => getWithdrawal({ db: runtime().db.kysely, ecosystemId: ecosystem.id, token: event.params.token }));
	return { title: localized(event.locals.locale, found.title, found.titleEs), slug: found.slug, withdrawn: found.withdrawn };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		await guard(event, () => withdrawApplication({ db: runtime().db.kysely, ecosystemId: ecosystem.id, token: event.params.token }));
		return { withdrawn: true };
	}
};

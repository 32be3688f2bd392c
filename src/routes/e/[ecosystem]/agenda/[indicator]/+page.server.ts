import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getIndicatorPage } from '#lib/server/agenda/agenda.service.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	return guard(event, () =>
		getIndicatorPage({ db: runtime().db.kysely, ecosystemId: ecosystem.id, slug: event.params.indicator, locale: event.locals.locale })
	);
};

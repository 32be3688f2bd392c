import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getAnnualReport } from '#lib/server/reports/reports.service.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	return guard(event, () => getAnnualReport({ db: runtime().db.kysely, ecosystemId: ecosystem.id, locale: event.locals.locale, storyScope: 'wall' }));
};

import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getNetworkResults } from '#lib/server/health-check/health-check.service.js';
import { minimumResponses } from '#lib/server/health-check/health-check.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const results = await guard(event, () => getNetworkResults({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { ...results, minimumResponses, locale: event.locals.locale };
};

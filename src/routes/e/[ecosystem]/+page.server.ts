import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPublicSite } from '#lib/server/ecosystems/ecosystems.service.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	return guard(event, () => getPublicSite({ db: runtime().db.kysely, ecosystemId: ecosystem.id, locale: event.locals.locale }));
};

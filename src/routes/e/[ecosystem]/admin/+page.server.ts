import type { PageServerLoad } from './$types';
import { getAdminIndex } from '#lib/server/ecosystems/ecosystems.service.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const areas = await guard(event, () => getAdminIndex({ actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { areas };
};

import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getAssistanceOverview } from '#lib/server/technical-assistance/technical-assistance.service.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	return guard(event, () => getAssistanceOverview({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id }));
};

import type { PageServerLoad } from './$types';
import { getAdminIndex } from '#lib/server/ecosystems/ecosystems.service.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem, can } = await event.parent();
	const areas = await guard(event, () => getAdminIndex({ actor: event.locals.actor, ecosystemId: ecosystem.id }));
	// Measurement (metric dictionary, benchmarks) is listed beside the areas, when it may be opened.
	return { areas, measurement: can.manageMeasurement || null, assetMap: can.manageAssetMap };
};

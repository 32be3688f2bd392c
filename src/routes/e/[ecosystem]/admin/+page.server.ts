import type { PageServerLoad } from './$types';
import { getAdminIndex } from '#lib/server/ecosystems/ecosystems.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem, can } = await event.parent();
	const areas = await guard(event, () => getAdminIndex({ actor: event.locals.actor, ecosystemId: ecosystem.id }));
	// Measurement (metric dictionary, benchmarks) is listed beside the areas, when it may be opened.
	const review = decide(event.locals.actor, 'ecosystem.submissions.review', { ecosystemId: ecosystem.id });
	return {
		areas,
		measurement: can.manageMeasurement || null,
		review: review === 'allow' || review === 'two_factor_required' ? review : null,
		agenda: can.manageAgenda || null,
		stories: can.moderateStories || null,
		assetMap: can.manageAssetMap
	};
};

import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listEcosystems } from '#lib/server/ecosystems/ecosystems.service.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async ({ locals }) => {
	const ecosystems = await listEcosystems({ db: runtime().db.kysely });
	return {
		ecosystems: ecosystems.map((e) => ({
			slug: e.slug,
			name: localized(locals.locale, e.name, e.name_es),
			region: e.region,
			tagline: localized(locals.locale, e.tagline, e.tagline_es),
			goal: localized(locals.locale, e.goal, e.goal_es),
			isDemo: e.is_demo === 1
		}))
	};
};

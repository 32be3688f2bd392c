import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { decide } from '#lib/server/auth/roles.js';
import { listWall } from '#lib/server/stories/stories.service.js';

export const load: PageServerLoad = async ({ parent, url, locals }) => {
	const { ecosystem } = await parent();
	const wall = await listWall({ db: runtime().db.kysely, ecosystemId: ecosystem.id, filter: Object.fromEntries(url.searchParams) });
	// Staff and partners see a link to the CSV export; everyone gets the feed.
	return { ...wall, canExport: decide(locals.actor, 'ecosystem.stories.export', { ecosystemId: ecosystem.id }) === 'allow' };
};

import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listWall } from '#lib/server/stories/stories.service.js';

export const load: PageServerLoad = async ({ parent, url }) => {
	const { ecosystem } = await parent();
	return listWall({ db: runtime().db.kysely, ecosystemId: ecosystem.id, filter: Object.fromEntries(url.searchParams) });
};

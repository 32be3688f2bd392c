import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listCareerPathways } from '#lib/server/careers/careers.service.js';

export const load: PageServerLoad = async () => {
	return { areas: await listCareerPathways({ db: runtime().db.kysely }) };
};

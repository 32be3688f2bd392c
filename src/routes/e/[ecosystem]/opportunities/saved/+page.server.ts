import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { savedOpportunities } from '#lib/server/opportunities/opportunities.service.js';
import { presentOpportunity } from '#lib/server/opportunities/present.js';
import { readSaved } from '#lib/server/opportunities/saved.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const saved = readSaved(event.cookies, ecosystem.slug);
	const rows = await savedOpportunities({ db: runtime().db.kysely, ecosystemId: ecosystem.id, slugs: saved });
	return { opportunities: rows.map((o) => presentOpportunity(o, event.locals.locale)) };
};

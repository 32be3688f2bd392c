import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listCyclesForBackbone } from '#lib/server/submissions/cycles.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDate } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const cycles = await guard(event, () => listCyclesForBackbone({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		cycles: cycles.map((c) => ({ id: c.id, name: c.name, year: c.year, due: formatDate(c.due_on, event.locals.locale), asked: c.asked, counts: c.counts, late: c.late, closed: c.closed_at !== null })),
		opened: event.url.searchParams.get('opened')
	};
};

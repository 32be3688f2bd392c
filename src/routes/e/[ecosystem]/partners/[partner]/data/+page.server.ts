import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listPartnerCycles } from '#lib/server/submissions/submissions.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDate } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const page = await guard(event, () => listPartnerCycles({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner }));
	return {
		partner: page.partner,
		cycles: page.cycles.map((c) => ({ id: c.id, name: c.name, year: c.year, due: formatDate(c.due_on, event.locals.locale), status: c.status, late: c.late, version: c.version, closed: c.closed_at !== null }))
	};
};

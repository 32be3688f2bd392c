import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getAgendaPage } from '#lib/server/agenda/agenda.service.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	return guard(event, () => getAgendaPage({ db: runtime().db.kysely, ecosystemId: ecosystem.id, locale: event.locals.locale }));
};

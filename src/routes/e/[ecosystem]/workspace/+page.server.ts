import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getWorkspace } from '#lib/server/members/members.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { listOverdueActions } from '#lib/server/agenda/agenda.service.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem, can } = await event.parent();
	const workspace = await guard(event, () =>
		getWorkspace({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id })
	);
	// The backbone's dashboard shows the agenda's overdue actions to those who run the agenda.
	const overdue =
		can.manageAgenda === 'allow'
			? (await guard(event, () => listOverdueActions({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }))).map((a) => ({
					id: a.id,
					title: a.title,
					owner: a.owner_name ?? a.owner_email ?? '',
					due: a.due_on
				}))
			: null;
	return { workspace, overdue, welcome: event.url.searchParams.get('welcome') === '1' };
};

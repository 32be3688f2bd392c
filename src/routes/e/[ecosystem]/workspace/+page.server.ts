import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getWorkspace } from '#lib/server/members/members.service.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const workspace = await guard(event, () =>
		getWorkspace({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id })
	);
	return { workspace, welcome: event.url.searchParams.get('welcome') === '1' };
};

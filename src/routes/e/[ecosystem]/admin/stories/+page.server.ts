import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { listModerationQueue } from '#lib/server/stories/stories.service.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const stories = await guard(event, () => listModerationQueue({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	// Trusted partner moderators see the queue; only the backbone decides whom to trust.
	return { stories, canManageModerators: decide(event.locals.actor, 'ecosystem.stories.moderate', { ecosystemId: ecosystem.id }) === 'allow' };
};

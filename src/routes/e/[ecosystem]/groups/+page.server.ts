import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listVisibleGroups } from '#lib/server/groups/groups.service.js';
import { localized } from '#lib/server/content.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async ({ parent, locals }) => {
	const { ecosystem } = await parent();
	const groups = await listVisibleGroups({ db: runtime().db.kysely, actor: locals.actor, ecosystemId: ecosystem.id });
	return {
		groups: groups.map((g) => ({
			id: g.id,
			slug: g.slug,
			name: localized(locals.locale, g.name, g.name_es),
			visibility: g.visibility,
			members: g.members,
			isMember: g.isMember,
			isDemo: g.is_demo === 1
		})),
		canCreate: decide(locals.actor, 'ecosystem.groups.manage', { ecosystemId: ecosystem.id }) === 'allow'
	};
};

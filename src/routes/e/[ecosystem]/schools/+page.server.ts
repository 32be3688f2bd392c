import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listMySchools } from '#lib/server/schools/schools.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const schools = await guard(event, () => listMySchools({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		schools: schools.map((s) => ({ id: s.id, slug: s.slug, name: s.name, isDemo: s.is_demo === 1 })),
		manages: decide(event.locals.actor, 'ecosystem.schools.manage', { ecosystemId: ecosystem.id }) === 'allow',
		saved: event.url.searchParams.get('saved') === 'school'
	};
};

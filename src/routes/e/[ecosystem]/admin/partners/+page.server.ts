import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listPartnersForAdmin } from '#lib/server/partners/partners.service.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const partners = await guard(event, () =>
		listPartnersForAdmin({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id })
	);
	const added = event.url.searchParams.get('added');
	return {
		partners: partners.map((p) => ({ id: p.id, slug: p.slug, name: p.name, sector: p.sector, city: p.city })),
		added: partners.find((p) => p.slug === added)?.name ?? null,
		addedSlug: partners.some((p) => p.slug === added) ? added : null
	};
};

import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listCatalog } from '#lib/server/lending/lending.service.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem, membership } = await event.parent();
	const items = await listCatalog({ db: runtime().db.kysely, ecosystemId: ecosystem.id });
	const locale = event.locals.locale;
	return {
		items: items.map((i) => ({
			slug: i.slug,
			name: localized(locale, i.name, i.name_es),
			description: localized(locale, i.description, i.description_es),
			quantity: i.quantity,
			condition: i.condition,
			partner: i.partner_name,
			isDemo: i.is_demo === 1
		})),
		signedIn: !!membership,
		lends: !!membership && membership.role !== 'educator'
	};
};

import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listRegister } from '#lib/server/commitments/commitments.service.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem, membership } = await event.parent();
	const locale = event.locals.locale;
	const rows = await listRegister({ db: runtime().db.kysely, ecosystemId: ecosystem.id });
	return {
		commitments: rows.map((c) => ({
			id: c.id,
			title: localized(locale, c.title, c.title_es),
			partner: c.partner_name,
			partnerSlug: c.partner_slug,
			target: c.target,
			unit: localized(locale, c.unit, c.unit_es),
			dueYear: c.due_year,
			progress: c.progress ?? 0,
			percent: c.percent,
			updatedAt: c.updated_at?.slice(0, 10) ?? null,
			isDemo: c.is_demo === 1
		})),
		canPublish: !!membership && (membership.role === 'partner_admin' || membership.role.startsWith('backbone'))
	};
};

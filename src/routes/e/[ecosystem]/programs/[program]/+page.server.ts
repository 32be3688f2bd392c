import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPublicProgram } from '#lib/server/programs/finder.service.js';
import { programCard } from '#lib/server/programs/programs-view.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { listOf } from '#lib/server/programs/programs.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const zip = event.url.searchParams.get('zip');
	const found = await guard(event, () =>
		getPublicProgram({ db: runtime().db.kysely, ecosystemId: ecosystem.id, programId: event.params.program, zip })
	);
	const p = found.program;
	const text = (en: string | null, es: string | null) => (en ? localized(locale, en, es) : null);
	return {
		program: {
			...programCard(locale, { ...p, partner_name: found.partner.name }, found.locations, found.schedules, null),
			description: localized(locale, p.description, p.description_es),
			partnerSlug: found.partner.slug,
			populations: listOf(p.populations_json),
			eligibility: text(p.eligibility, p.eligibility_es),
			accessibility: text(p.accessibility, p.accessibility_es),
			scholarships: text(p.scholarships, p.scholarships_es),
			howToApply: text(p.how_to_apply, p.how_to_apply_es),
			capacity: p.capacity,
			url: p.url,
			email: p.email,
			phone: p.phone,
			lastVerifiedAt: p.last_verified_at,
			verification: found.verification,
			placesFull: found.locations.map((l) => ({ name: l.name, address: l.address_1, city: l.city, state: l.state_province, zip: l.postal_code, distance: l.distance }))
		},
		zip: zip && /^\d{5}$/.test(zip) ? zip : null
	};
};

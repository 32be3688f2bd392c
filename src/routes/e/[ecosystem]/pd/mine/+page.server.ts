import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getMyLearning } from '#lib/server/pd/pd.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formatDate } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const { registrations, transcript } = await guard(event, () =>
		getMyLearning({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id })
	);
	return {
		registrations: registrations.map((r) => ({
			id: r.registration_id,
			slug: r.offering_slug,
			title: localized(locale, r.offering_title, r.offering_title_es),
			registered: formatDate(r.registered_at, locale),
			completed: r.completed_at ? formatDate(r.completed_at, locale) : null,
			code: r.certificate_code
		})),
		transcript: transcript.map((y) => ({
			year: y.year,
			hours: y.hours,
			byCredit: y.byCredit,
			entries: y.entries.map((e) => ({ id: e.code, code: e.code, title: e.offering_title, issuer: e.issuer_name, hours: e.hours, credit: e.credit_type_name, completed: formatDate(e.issued_at, locale) }))
		}))
	};
};

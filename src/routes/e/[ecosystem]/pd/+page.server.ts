import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listCatalog } from '#lib/server/pd/pd.service.js';
import { localized } from '#lib/server/content.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const scope = { ecosystemId: ecosystem.id };
	const actor = event.locals.actor;
	const offerings = await listCatalog({ db: runtime().db.kysely, ecosystemId: ecosystem.id });
	const membership = actor.kind === 'user' ? actor.memberships.find((m) => m.ecosystemId === ecosystem.id) : undefined;
	return {
		offerings: offerings.map((o) => ({
			id: o.id,
			slug: o.slug,
			title: localized(locale, o.title, o.title_es),
			provider: o.partner_name ?? ecosystem.name,
			format: o.format,
			audience: o.audience,
			subject: o.subject,
			gradeBands: o.grade_bands,
			hours: o.hours,
			credit: o.credit_type_name ? localized(locale, o.credit_type_name, o.credit_type_name_es) : null,
			costCents: o.cost_cents,
			seatsLeft: o.seatsLeft,
			isDemo: o.is_demo === 1
		})),
		can: {
			participate: decide(actor, 'ecosystem.pd.participate', scope) === 'allow',
			schools: decide(actor, 'ecosystem.schools.assess', scope) === 'allow',
			instruments:
				decide(actor, 'ecosystem.instruments.manage', scope) === 'allow' ||
				(!!membership?.partnerId && decide(actor, 'partner.instruments.run', { ...scope, partnerId: membership.partnerId }) === 'allow'),
			// Offer the provider tools to anyone who may run offerings (they may still need two-factor set-up).
			manage:
				actor.kind === 'user' &&
				(decide(actor, 'ecosystem.pd.manage', scope) !== 'deny' ||
				(!!membership?.partnerId && decide(actor, 'partner.pd.manage', { ...scope, partnerId: membership.partnerId }) !== 'deny'))
		}
	};
};

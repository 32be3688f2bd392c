import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPartner } from '#lib/server/partners/partners.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized, isFallback } from '#lib/server/content.js';
import { renderMarkdown } from '#lib/server/markdown.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const partner = await guard(event, () =>
		getPartner({ db: runtime().db.kysely, ecosystemId: ecosystem.id, slug: event.params.partner })
	);
	return {
		partner: {
			id: partner.id,
			slug: partner.slug,
			name: partner.name,
			sector: partner.sector,
			summary: localized(locale, partner.summary, partner.summary_es),
			html: renderMarkdown(localized(locale, partner.description_md, partner.description_md_es)),
			untranslated: !!partner.description_md && isFallback(locale, partner.description_md_es),
			website: partner.website,
			email: partner.email,
			phone: partner.phone,
			city: partner.city,
			zip: partner.zip,
			isDemo: partner.is_demo === 1
		},
		canEdit:
			decide(event.locals.actor, 'partner.profile.edit', { ecosystemId: ecosystem.id, partnerId: partner.id }) === 'allow',
		canManageApiTokens:
			decide(event.locals.actor, 'partner.api_tokens.manage', { ecosystemId: ecosystem.id, partnerId: partner.id }) === 'allow',
		canEditPrograms:
			decide(event.locals.actor, 'partner.programs.edit', { ecosystemId: ecosystem.id, partnerId: partner.id }) === 'allow'
	};
};

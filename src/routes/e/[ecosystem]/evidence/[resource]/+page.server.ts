import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { canEditResource, getResource } from '#lib/server/evidence/evidence.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized, isFallback } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const r = await guard(event, () =>
		getResource({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.resource })
	);
	return {
		resource: {
			slug: r.slug,
			title: localized(locale, r.title, r.title_es),
			summary: localized(locale, r.summary, r.summary_es),
			untranslated: isFallback(locale, r.summary_es),
			kind: r.kind,
			tier: r.essa_tier,
			citation: r.citation,
			tags: r.tags,
			subjects: r.subjects,
			grades: r.grade_bands,
			url: r.url,
			fileName: r.file_name,
			status: r.status,
			suggestedBy: r.suggested_by_partner_name,
			reviewNote: r.review_note,
			isDemo: r.is_demo === 1
		},
		canEdit: canEditResource(event.locals.actor, ecosystem.id, r),
		saved: event.url.searchParams.get('saved') === 'edited'
	};
};

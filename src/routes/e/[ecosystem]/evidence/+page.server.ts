import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { searchLibrary } from '#lib/server/evidence/evidence.service.js';
import { localized } from '#lib/server/content.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const query = event.url.searchParams.get('q')?.slice(0, 200) ?? '';
	const scope = { ecosystemId: ecosystem.id };
	const rows = await searchLibrary({ db: runtime().db.kysely, ecosystemId: ecosystem.id, query });
	return {
		query,
		resources: rows.map((r) => ({
			id: r.id,
			slug: r.slug,
			title: localized(locale, r.title, r.title_es),
			summary: localized(locale, r.summary, r.summary_es),
			kind: r.kind,
			tier: r.essa_tier,
			subjects: r.subjects,
			grades: r.grade_bands,
			isDemo: r.is_demo === 1
		})),
		can: {
			suggest: decide(event.locals.actor, 'ecosystem.evidence.suggest', scope) === 'allow',
			review: decide(event.locals.actor, 'ecosystem.evidence.manage', scope) === 'allow'
		}
	};
};

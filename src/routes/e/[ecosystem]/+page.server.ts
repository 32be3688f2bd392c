import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { findEcosystemById, listConditions, listInitiatives } from '#lib/server/ecosystems/ecosystems.repository.js';
import { countPartnersBySector } from '#lib/server/partners/partners.repository.js';
import { sectors } from '#lib/server/partners/partners.js';
import { localized, isFallback } from '#lib/server/content.js';
import { renderMarkdown } from '#lib/server/markdown.js';

export const load: PageServerLoad = async ({ parent, locals }) => {
	const { ecosystem: summary } = await parent();
	const db = runtime().db.kysely;
	const locale = locals.locale;
	const [ecosystem, conditions, initiatives, counts] = await Promise.all([
		findEcosystemById(db, summary.id),
		listConditions(db, summary.id),
		listInitiatives(db, summary.id),
		countPartnersBySector(db, summary.id)
	]);
	const e = ecosystem!;
	return {
		site: {
			tagline: localized(locale, e.tagline, e.tagline_es),
			mission: localized(locale, e.mission, e.mission_es),
			vision: localized(locale, e.vision, e.vision_es),
			goal: localized(locale, e.goal, e.goal_es),
			goalYear: e.goal_year,
			website: e.website,
			contactEmail: e.contact_email,
			untranslated: isFallback(locale, e.mission_es)
		},
		conditions: conditions.map((c) => ({
			condition: c.condition,
			html: renderMarkdown(localized(locale, c.practice_md, c.practice_md_es)),
			untranslated: !!c.practice_md && isFallback(locale, c.practice_md_es)
		})),
		initiatives: initiatives.map((i) => ({
			slug: i.slug,
			title: localized(locale, i.title, i.title_es),
			html: renderMarkdown(localized(locale, i.summary_md, i.summary_md_es)),
			untranslated: isFallback(locale, i.title_es)
		})),
		sectors: sectors.map((sector) => ({ sector, count: counts[sector] ?? 0 })).filter((s) => s.count > 0)
	};
};

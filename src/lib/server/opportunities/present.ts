import { isFallback, localized, type Locale } from '../content.js';
import { renderMarkdown } from '../markdown.js';
import type { OpportunityView } from './opportunities.service.js';

/** What pages show of an opportunity, in the reader's language. Never anything about applicants. */
export function presentOpportunity(o: OpportunityView, locale: Locale) {
	const description = localized(locale, o.description_md, o.description_md_es);
	return {
		id: o.id,
		slug: o.slug,
		kind: o.kind,
		audience: o.audience,
		title: localized(locale, o.title, o.title_es),
		summary: description.replace(/[#*_`>[\]]/g, '').slice(0, 220),
		html: renderMarkdown(description),
		untranslated: isFallback(locale, o.title_es) || isFallback(locale, o.description_md_es),
		partner: { name: o.partner_name, slug: o.partner_slug },
		partnerId: o.partner_id,
		occupation: o.occupation_code ? { code: o.occupation_code, title: o.occupation_title ?? o.occupation_code, area: o.major_group } : null,
		min_age: o.min_age,
		max_age: o.max_age,
		min_grade: o.min_grade,
		max_grade: o.max_grade,
		zipCodes: o.zipCodes,
		focus: o.focus,
		location: o.location,
		pay_kind: o.pay_kind,
		pay_amount: o.pay_amount,
		pay_period: o.pay_period,
		starts_on: o.starts_on,
		ends_on: o.ends_on,
		deadline: o.deadline,
		places: o.places,
		open: o.open,
		isDemo: o.is_demo === 1
	};
}
export type PresentedOpportunity = ReturnType<typeof presentOpportunity>;

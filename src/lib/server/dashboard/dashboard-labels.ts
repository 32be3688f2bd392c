/** Group and stage names and number formats for the dashboard, in the page's language. */
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../content.js';
import type { PublicCount, PublicIndex } from './dashboard.js';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const groupMessages: Record<string, Message> = {
	all: m.group_all,
	female: m.group_female,
	male: m.group_male,
	black: m.group_black,
	hispanic: m.group_hispanic,
	asian: m.group_asian,
	white: m.group_white,
	american_indian_alaska_native: m.group_american_indian_alaska_native,
	middle_eastern_north_african: m.group_middle_eastern_north_african,
	native_hawaiian_pacific_islander: m.group_native_hawaiian_pacific_islander,
	multiracial: m.group_multiracial,
	'black:female': m.group_black_female,
	'black:male': m.group_black_male,
	'hispanic:female': m.group_hispanic_female,
	'hispanic:male': m.group_hispanic_male,
	'asian:female': m.group_asian_female,
	'asian:male': m.group_asian_male,
	'white:female': m.group_white_female,
	'white:male': m.group_white_male
};

/** 'black:female' → "Black women"; unknown keys are shown as they are, parts joined by "·". */
export function groupLabel(key: string, locale: Locale): string {
	const known = groupMessages[key];
	if (known) return known({}, { locale });
	const parts = key.split(':');
	if (parts.length > 1) {
		return parts.map((part) => groupLabel(part, locale)).reduce((first, second) => m.group_intersection({ first, second }, { locale }));
	}
	return key.replaceAll('_', ' ');
}

const stageMessages: Record<string, Message> = {
	k12_course_taking: m.dash_stage_k12_course_taking,
	ost_participation: m.dash_stage_ost_participation,
	postsecondary: m.dash_stage_postsecondary,
	workforce: m.dash_stage_workforce,
	custom: m.dash_stage_custom
};

export function stageLabel(stage: string, locale: Locale): string {
	return (stageMessages[stage] ?? m.dash_stage_custom)({}, { locale });
}

const intl = (locale: Locale) => (locale === 'es' ? 'es-US' : 'en-US');

export function formatIndex(value: number, locale: Locale): string {
	return new Intl.NumberFormat(intl(locale), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value);
}

export function formatPercent(share: number, locale: Locale): string {
	return new Intl.NumberFormat(intl(locale), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share);
}

export function formatNumber(value: number, locale: Locale): string {
	return new Intl.NumberFormat(intl(locale), { maximumFractionDigits: 0 }).format(value);
}

/** A published count as table text: "12,345 ± 678", "Suppressed" or "Not available". */
export function formatCount(count: PublicCount, locale: Locale): string {
	if (count === null) return m.dash_not_available({}, { locale });
	if ('suppressed' in count) return m.dash_suppressed({}, { locale });
	const value = formatNumber(count.value, locale);
	return count.moe === null ? value : `${value} ± ${formatNumber(count.moe, locale)}`;
}

export function formatIndexCell(index: PublicIndex, locale: Locale): string {
	if (!index.available) return index.reason === 'suppressed' ? m.dash_suppressed({}, { locale }) : m.dash_not_available({}, { locale });
	return formatIndex(index.index, locale);
}

export function formatInterval(index: PublicIndex, locale: Locale): string {
	if (!index.available) return index.reason === 'suppressed' ? m.dash_suppressed({}, { locale }) : m.dash_not_available({}, { locale });
	if (index.lower === null || index.upper === null) return m.dash_not_available({}, { locale });
	return `${formatIndex(index.lower, locale)} – ${formatIndex(index.upper, locale)}`;
}

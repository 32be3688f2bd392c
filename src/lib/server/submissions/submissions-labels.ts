/** Names of group keys in the page's language, including the breakdowns partners report (ZIP, disability, …). */
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../content.js';
import { groupLabel } from '../dashboard/dashboard-labels.js';

type Message = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;

const yesNo: Record<string, Message> = {
	'disability=yes': m.submissions_group_disability_yes,
	'disability=no': m.submissions_group_disability_no,
	'english_learner=yes': m.submissions_group_english_learner_yes,
	'english_learner=no': m.submissions_group_english_learner_no,
	'low_income=yes': m.submissions_group_low_income_yes,
	'low_income=no': m.submissions_group_low_income_no
};

function partLabel(part: string, locale: Locale): string {
	const known = yesNo[part];
	if (known) return known({}, { locale });
	const [name, value = ''] = part.split('=');
	if (name === 'zip') return m.submissions_group_zip({ zip: value }, { locale });
	if (name === 'grade_band') return m.submissions_group_grade_band({ band: value.replace('prek', 'Pre-K').replace('k-', 'K–').replace('postsecondary', m.submissions_group_postsecondary({}, { locale })).replace('adult', m.submissions_group_adult({}, { locale })) }, { locale });
	if (name === 'age_band') return m.submissions_group_age_band({ band: value.replace('under-10', '<10').replace('55-plus', '55+') }, { locale });
	return groupLabel(part, locale);
}

/** 'black:female' → "Black women" (the dashboard's names); 'female:low_income=yes' → "Women · Low income". */
export function submissionGroupLabel(key: string, locale: Locale): string {
	if (!key.includes('=')) return groupLabel(key, locale);
	return key
		.split(':')
		.map((part) => partLabel(part, locale))
		.reduce((first, second) => m.group_intersection({ first, second }, { locale }));
}

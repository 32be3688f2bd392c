import * as m from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/** Interface labels for the measurement codes (stages, units, groups…), in the current language. */
const lookup = (table: Record<string, () => string>) => (code: string): string => table[code]?.() ?? code;

export const stageLabel = lookup({
	k12_course_taking: m.ms_stage_k12_course_taking,
	ost_participation: m.ms_stage_ost_participation,
	postsecondary: m.ms_stage_postsecondary,
	workforce: m.ms_stage_workforce,
	custom: m.ms_stage_custom
});

export const unitLabel = lookup({
	people: m.ms_unit_people,
	percent: m.ms_unit_percent,
	rate: m.ms_unit_rate,
	hours: m.ms_unit_hours,
	other: m.ms_unit_other
});

export const frequencyLabel = lookup({
	annual: m.ms_frequency_annual,
	semester: m.ms_frequency_semester,
	quarterly: m.ms_frequency_quarterly,
	monthly: m.ms_frequency_monthly,
	one_time: m.ms_frequency_one_time
});

export const breakdownLabel = lookup({
	race_ethnicity: m.ms_breakdown_race_ethnicity,
	sex: m.ms_breakdown_sex,
	zip: m.ms_breakdown_zip,
	disability: m.ms_breakdown_disability,
	english_learner: m.ms_breakdown_english_learner,
	low_income: m.ms_breakdown_low_income,
	grade_band: m.ms_breakdown_grade_band,
	age_band: m.ms_breakdown_age_band
});

const groupPart = lookup({
	all: m.ms_group_all,
	female: m.ms_group_female,
	male: m.ms_group_male,
	american_indian_alaska_native: m.ms_group_american_indian_alaska_native,
	asian: m.ms_group_asian,
	black: m.ms_group_black,
	hispanic: m.ms_group_hispanic,
	middle_eastern_north_african: m.ms_group_middle_eastern_north_african,
	native_hawaiian_pacific_islander: m.ms_group_native_hawaiian_pacific_islander,
	white: m.ms_group_white,
	multiracial: m.ms_group_multiracial
});

/** 'black:female' → “Black or African American · Women”. */
export const groupLabel = (key: string): string => key.split(':').map(groupPart).join(' · ');

/** Whole numbers with thousands separators in the reader's language; margins rounded. */
export const formatNumber = (value: number): string =>
	new Intl.NumberFormat(getLocale() === 'es' ? 'es-US' : 'en-US', { maximumFractionDigits: 1 }).format(value);

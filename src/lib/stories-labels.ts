import * as m from '#lib/paraglide/messages.js';

/** Interface labels for the youth-story codes, in the current language. */
const interestLabels: Record<string, () => string> = {
	robotics: () => m.stories_interest_robotics(),
	coding: () => m.stories_interest_coding(),
	science: () => m.stories_interest_science(),
	engineering: () => m.stories_interest_engineering(),
	math: () => m.stories_interest_math(),
	health: () => m.stories_interest_health(),
	environment: () => m.stories_interest_environment(),
	space: () => m.stories_interest_space(),
	design: () => m.stories_interest_design()
};
const ageLabels: Record<string, () => string> = {
	under_13: () => m.stories_age_under_13(),
	'13_15': () => m.stories_age_13_15(),
	'16_17': () => m.stories_age_16_17(),
	'18_24': () => m.stories_age_18_24()
};
const scopeLabels: Record<string, () => string> = {
	wall: () => m.stories_scope_wall(),
	partner_site: () => m.stories_scope_partner_site(),
	social: () => m.stories_scope_social(),
	print: () => m.stories_scope_print()
};
const statusLabels: Record<string, () => string> = {
	awaiting_consent: () => m.stories_status_awaiting_consent(),
	in_review: () => m.stories_status_in_review(),
	changes_requested: () => m.stories_status_changes_requested(),
	published: () => m.stories_status_published(),
	declined: () => m.stories_status_declined(),
	withdrawn: () => m.stories_status_withdrawn(),
	expired: () => m.stories_status_expired()
};
const languageLabels: Record<string, () => string> = { en: () => m.stories_language_en(), es: () => m.stories_language_es() };

const pick = (table: Record<string, () => string>) => (code: string) => table[code]?.() ?? code;
export const interestLabel = pick(interestLabels);
export const ageBandLabel = pick(ageLabels);
export const scopeLabel = pick(scopeLabels);
export const storyStatusLabel = pick(statusLabels);
export const storyLanguageLabel = pick(languageLabels);

export const interestCodes = Object.keys(interestLabels);
export const ageBandCodes = Object.keys(ageLabels);
export const scopeCodes = Object.keys(scopeLabels);

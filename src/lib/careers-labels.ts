import * as m from '#lib/paraglide/messages.js';

/** Interface labels for the codes of opportunities and career areas, in the current language. */
const kinds: Record<string, () => string> = {
	internship: m.opp_kind_internship,
	apprenticeship: m.opp_kind_apprenticeship,
	job_shadow: m.opp_kind_job_shadow,
	mentoring: m.opp_kind_mentoring,
	site_visit: m.opp_kind_site_visit,
	speaker: m.opp_kind_speaker,
	externship: m.opp_kind_externship,
	scholarship: m.opp_kind_scholarship
};
export const opportunityKindLabel = (kind: string): string => kinds[kind]?.() ?? kind;

const areas: Record<string, () => string> = {
	'11': m.careers_area_11,
	'15': m.careers_area_15,
	'17': m.careers_area_17,
	'19': m.careers_area_19,
	'25': m.careers_area_25,
	'29': m.careers_area_29,
	'41': m.careers_area_41
};
export const careerAreaLabel = (area: string): string => areas[area]?.() ?? area;

const focus: Record<string, () => string> = {
	black: m.opp_focus_black,
	hispanic: m.opp_focus_hispanic,
	indigenous: m.opp_focus_indigenous,
	women_girls: m.opp_focus_women_girls,
	first_generation: m.opp_focus_first_generation,
	low_income: m.opp_focus_low_income,
	disability: m.opp_focus_disability,
	english_learner: m.opp_focus_english_learner
};
export const focusLabel = (key: string): string => focus[key]?.() ?? key;

export const audienceLabel = (audience: string): string => (audience === 'educators' ? m.opp_audience_educators() : m.opp_audience_youth());

export function gradeLabel(grade: number): string {
	if (grade === 0) return m.opp_grade_k();
	if (grade === 13) return m.opp_grade_after();
	return m.opp_grade_n({ grade });
}

const statuses: Record<string, () => string> = {
	submitted: m.opp_status_submitted,
	reviewing: m.opp_status_reviewing,
	accepted: m.opp_status_accepted,
	declined: m.opp_status_declined,
	placed: m.opp_status_placed
};
export const applicationStatusLabel = (status: string): string => statuses[status]?.() ?? status;

const periods: Record<string, () => string> = { hour: m.opp_per_hour, week: m.opp_per_week, month: m.opp_per_month, total: m.opp_per_total };
export const payPeriodLabel = (period: string): string => periods[period]?.() ?? period;

export function payLabel(o: { pay_kind: string; pay_amount: number | null; pay_period: string | null }): string {
	if (o.pay_kind === 'unpaid' || o.pay_amount === null) return m.opp_pay_unpaid();
	const amount = `$${o.pay_amount.toLocaleString('en-US')}`;
	const per = o.pay_period ? payPeriodLabel(o.pay_period) : '';
	return o.pay_kind === 'stipend' ? m.opp_pay_stipend({ amount, per }) : m.opp_pay_paid({ amount, per });
}

export function ageRangeLabel(min: number | null, max: number | null): string | null {
	if (min !== null && max !== null) return m.opp_ages_between({ min, max });
	if (min !== null) return m.opp_ages_from({ min });
	if (max !== null) return m.opp_ages_to({ max });
	return null;
}

export function gradeRangeLabel(min: number | null, max: number | null): string | null {
	if (min === null && max === null) return null;
	if (min !== null && max !== null) return min === max ? gradeLabel(min) : m.opp_grades_between({ min: gradeLabel(min), max: gradeLabel(max) });
	return min !== null ? m.opp_grades_from({ min: gradeLabel(min) }) : m.opp_grades_to({ max: gradeLabel(max!) });
}

/** Why an applicant cannot apply, as a sentence to act on. */
export function ineligibleReasonLabel(reason: { code: string; min?: number; max?: number }): string {
	switch (reason.code) {
		case 'age_missing': return m.opp_reason_age_missing();
		case 'too_young': return m.opp_reason_too_young({ min: reason.min ?? 0 });
		case 'too_old': return m.opp_reason_too_old({ max: reason.max ?? 0 });
		case 'grade_missing': return m.opp_reason_grade_missing();
		case 'grade_below': return m.opp_reason_grade_below({ min: gradeLabel(reason.min ?? 0) });
		case 'grade_above': return m.opp_reason_grade_above({ max: gradeLabel(reason.max ?? 0) });
		case 'zip_missing': return m.opp_reason_zip_missing();
		case 'outside_area': return m.opp_reason_outside_area();
		default: return reason.code;
	}
}

const conditions: Record<string, () => string> = {
	new: m.lending_condition_new,
	good: m.lending_condition_good,
	fair: m.lending_condition_fair,
	worn: m.lending_condition_worn,
	damaged: m.lending_condition_damaged
};
export const conditionLabel = (condition: string): string => conditions[condition]?.() ?? condition;

const loanStatuses: Record<string, () => string> = {
	reserved: m.lending_status_reserved,
	picked_up: m.lending_status_picked_up,
	returned: m.lending_status_returned,
	cancelled: m.lending_status_cancelled
};
export const loanStatusLabel = (status: string): string => loanStatuses[status]?.() ?? status;

const needKinds: Record<string, () => string> = {
	speaker: m.match_kind_speaker,
	equipment: m.match_kind_equipment,
	coach: m.match_kind_coach,
	field_trip: m.match_kind_field_trip,
	mentor: m.match_kind_mentor,
	other: m.match_kind_other
};
export const needKindLabel = (kind: string): string => needKinds[kind]?.() ?? kind;

const subjects: Record<string, () => string> = {
	biology: m.match_subject_biology,
	chemistry: m.match_subject_chemistry,
	physics: m.match_subject_physics,
	earth_environment: m.match_subject_earth_environment,
	computer_science: m.match_subject_computer_science,
	engineering_robotics: m.match_subject_engineering_robotics,
	math: m.match_subject_math,
	health: m.match_subject_health
};
export const subjectLabel = (subject: string): string => subjects[subject]?.() ?? subject;

const bands: Record<string, () => string> = { k_5: m.match_band_k_5, '6_8': m.match_band_6_8, '9_12': m.match_band_9_12, postsecondary: m.match_band_postsecondary };
export const gradeBandLabel = (band: string): string => bands[band]?.() ?? band;

/** Why an offer was suggested, as a sentence. */
export function matchReasonLabel(reason: { code: string; subject?: string; band?: string; miles?: number; from?: string; until?: string; share?: number }): string {
	switch (reason.code) {
		case 'subject': return m.match_reason_subject({ subject: subjectLabel(reason.subject ?? '') });
		case 'grade': return m.match_reason_grade({ band: gradeBandLabel(reason.band ?? '') });
		case 'distance': return m.match_reason_distance({ miles: String(reason.miles ?? 0) });
		case 'distance_unknown': return m.match_reason_distance_unknown();
		case 'timing': return m.match_reason_timing({ from: reason.from ?? '', until: reason.until ?? '' });
		case 'priority': return m.match_reason_priority({ share: reason.share ?? 0 });
		default: return reason.code;
	}
}

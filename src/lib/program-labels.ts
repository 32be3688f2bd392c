import * as m from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/** Interface labels for the asset map's stored codes, in the current language. */
const labels: Record<string, Record<string, () => string>> = {
	subject: {
		coding: m.programs_subject_coding,
		robotics: m.programs_subject_robotics,
		engineering: m.programs_subject_engineering,
		math: m.programs_subject_math,
		science: m.programs_subject_science,
		environment: m.programs_subject_environment,
		health: m.programs_subject_health,
		making: m.programs_subject_making,
		data: m.programs_subject_data,
		space: m.programs_subject_space
	},
	format: {
		in_school: m.programs_format_in_school,
		after_school: m.programs_format_after_school,
		summer: m.programs_format_summer,
		weekend: m.programs_format_weekend,
		online: m.programs_format_online
	},
	population: {
		girls: m.programs_population_girls,
		black: m.programs_population_black,
		hispanic: m.programs_population_hispanic,
		indigenous: m.programs_population_indigenous,
		english_learners: m.programs_population_english_learners,
		disabilities: m.programs_population_disabilities,
		low_income: m.programs_population_low_income,
		newcomers: m.programs_population_newcomers
	},
	language: {
		en: m.programs_language_en,
		es: m.programs_language_es,
		zh: m.programs_language_zh,
		vi: m.programs_language_vi,
		ar: m.programs_language_ar,
		ru: m.programs_language_ru,
		ht: m.programs_language_ht,
		fr: m.programs_language_fr,
		so: m.programs_language_so,
		uk: m.programs_language_uk
	},
	cost: { free: m.programs_cost_free, paid: m.programs_cost_paid, sliding_scale: m.programs_cost_sliding_scale },
	day: {
		MO: m.programs_day_mo,
		TU: m.programs_day_tu,
		WE: m.programs_day_we,
		TH: m.programs_day_th,
		FR: m.programs_day_fr,
		SA: m.programs_day_sa,
		SU: m.programs_day_su
	},
	time: { morning: m.programs_time_morning, afternoon: m.programs_time_afternoon, evening: m.programs_time_evening },
	verification: { current: m.programs_verification_current, due: m.programs_verification_due, hidden: m.programs_verification_hidden }
};

export type LabelKind = keyof typeof labels;

export function programLabel(kind: LabelKind, code: string): string {
	const known = labels[kind]?.[code];
	if (known) return known();
	if (kind === 'language') return languageName(code);
	return code;
}

/** Languages outside the common list (e.g. from an HSDS import) are named by the browser's own data. */
function languageName(code: string): string {
	try {
		const name = new Intl.DisplayNames([getLocale()], { type: 'language' }).of(code);
		return name ? name.charAt(0).toLocaleUpperCase(getLocale()) + name.slice(1) : code;
	} catch {
		return code;
	}
}

export function programOptions(kind: LabelKind, codes: readonly string[]): { value: string; label: string }[] {
	return codes.map((value) => ({ value, label: programLabel(kind, value) }));
}

import type { Locale } from '../content.js';
import { isFallback, localized } from '../content.js';
import type { LocationRow, ProgramRow, ScheduleRow } from './programs.repository.js';
import { listOf } from './programs.js';

/** What a results card shows, in the family's language. */
export function programCard(locale: Locale, p: ProgramRow & { partner_name: string }, places: LocationRow[], schedules: ScheduleRow[], distance: number | null) {
	const description = localized(locale, p.description, p.description_es);
	return {
		id: p.id,
		name: localized(locale, p.name, p.name_es),
		summary: description.length > 220 ? `${description.slice(0, 217).trimEnd()}…` : description,
		untranslated: isFallback(locale, p.description_es),
		partner: p.partner_name,
		subjects: listOf(p.subjects_json),
		formats: listOf(p.formats_json),
		languages: listOf(p.languages_json),
		costKind: p.cost_kind,
		fee: p.fee_amount === null ? null : Number(p.fee_amount),
		ages: { minAge: p.min_age, maxAge: p.max_age, gradeMin: p.grade_min, gradeMax: p.grade_max },
		places: places.map((l) => ({ name: l.name, city: l.city, zip: l.postal_code })),
		schedules: schedules.map((s) => scheduleView(locale, s)),
		distance,
		isDemo: p.is_demo === 1
	};
}

export function scheduleView(locale: Locale, s: ScheduleRow) {
	return {
		freq: s.freq,
		byday: s.byday,
		dtstart: s.dtstart,
		until: s.until,
		opensAt: s.opens_at,
		closesAt: s.closes_at,
		note: localized(locale, s.description, s.description_es)
	};
}

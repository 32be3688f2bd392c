import type { FieldIssue } from '../errors.js';
import type { ProgramDetail } from './programs.repository.js';
import { costKinds, formats, languages, listOf, populations, subjects, weekdays } from './programs.js';

/** The code lists the program form offers. */
export const programVocab = () => ({
	subjects: [...subjects],
	formats: [...formats],
	populations: [...populations],
	languages: [...languages],
	costKinds: [...costKinds],
	weekdays: [...weekdays]
});

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? null : String(v));

/**
 * A stored program as the form's flat field values. Weekly schedules come first, then one-off
 * sessions, matching the rows the form draws.
 */
export function programFormValues(detail: ProgramDetail): { values: Record<string, string | null>; locationRows: number; weeklyRows: number; sessionRows: number } {
	const p = detail.program;
	const values: Record<string, string | null> = {
		name: p.name,
		name_es: p.name_es,
		description: p.description,
		description_es: p.description_es,
		subjects: listOf(p.subjects_json).join(','),
		formats: listOf(p.formats_json).join(','),
		populations: listOf(p.populations_json).join(','),
		languages: listOf(p.languages_json).join(','),
		min_age: str(p.min_age),
		max_age: str(p.max_age),
		grade_min: str(p.grade_min),
		grade_max: str(p.grade_max),
		cost_kind: p.cost_kind,
		fee_amount: str(p.fee_amount),
		scholarships: p.scholarships,
		scholarships_es: p.scholarships_es,
		eligibility: p.eligibility,
		eligibility_es: p.eligibility_es,
		accessibility: p.accessibility,
		accessibility_es: p.accessibility_es,
		how_to_apply: p.how_to_apply,
		how_to_apply_es: p.how_to_apply_es,
		capacity: str(p.capacity),
		url: p.url,
		email: p.email,
		phone: p.phone,
		status: p.status
	};
	detail.locations.forEach((l, i) => {
		Object.assign(values, {
			[`locations.${i}.name`]: l.name,
			[`locations.${i}.address_1`]: l.address_1,
			[`locations.${i}.city`]: l.city,
			[`locations.${i}.state_province`]: l.state_province,
			[`locations.${i}.postal_code`]: l.postal_code,
			...(l.geocode_source === 'given' ? { [`locations.${i}.latitude`]: String(l.latitude), [`locations.${i}.longitude`]: String(l.longitude) } : {})
		});
	});
	const weekly = detail.schedules.filter((s) => s.freq);
	const once = detail.schedules.filter((s) => !s.freq);
	weekly.forEach((s, i) => {
		Object.assign(values, {
			[`schedules.${i}.byday`]: s.byday,
			[`schedules.${i}.opens_at`]: s.opens_at,
			[`schedules.${i}.closes_at`]: s.closes_at,
			[`schedules.${i}.dtstart`]: s.dtstart,
			[`schedules.${i}.until`]: s.until
		});
	});
	const weeklyRows = weekly.length + 1;
	once.forEach((s, k) => {
		const i = weeklyRows + k;
		Object.assign(values, {
			[`schedules.${i}.dtstart`]: s.dtstart,
			[`schedules.${i}.description`]: s.description,
			[`schedules.${i}.opens_at`]: s.opens_at,
			[`schedules.${i}.closes_at`]: s.closes_at
		});
	});
	return { values, locationRows: detail.locations.length + 1, weeklyRows, sessionRows: once.length + 1 };
}

/** An empty form: one place, one weekly schedule and one one-off session to fill in. */
export const blankProgramForm = () => ({ values: { status: 'active', languages: 'en' } as Record<string, string | null>, locationRows: 1, weeklyRows: 1, sessionRows: 1 });

/**
 * Problems with one ticked box (`subjects.2`) are shown on the whole group of boxes, which is
 * what the form can point to.
 */
export function groupListIssues(issues: FieldIssue[]): FieldIssue[] {
	return issues.map((i) => ({ ...i, field: i.field.replace(/^((?:schedules\.\d+\.)?(?:subjects|formats|populations|languages|byday))\.\d+$/, '$1') }));
}

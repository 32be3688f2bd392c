import * as m from '#lib/paraglide/messages.js';
import { programLabel } from './program-labels.js';
import { formatDate, formatDollars, formatTime } from './program-format.js';

export interface AgeBand {
	minAge: number | null;
	maxAge: number | null;
	gradeMin: number | null;
	gradeMax: number | null;
}

/** "Ages 10 to 14 · Grades 3 to 5", from whatever the partner gave. */
export function ageText(a: AgeBand): string {
	const parts: string[] = [];
	if (a.minAge !== null && a.maxAge !== null) parts.push(m.programs_ages({ min: a.minAge, max: a.maxAge }));
	else if (a.minAge !== null) parts.push(m.programs_ages_from({ min: a.minAge }));
	else if (a.maxAge !== null) parts.push(m.programs_ages_to({ max: a.maxAge }));
	if (a.gradeMin !== null || a.gradeMax !== null) parts.push(m.programs_grades({ min: a.gradeMin ?? 0, max: a.gradeMax ?? 12 }));
	return parts.join(' · ');
}

export interface ScheduleView {
	freq: string | null;
	byday: string;
	dtstart: string;
	until: string | null;
	opensAt: string;
	closesAt: string;
	note: string;
}

export function scheduleText(s: ScheduleView): string {
	const times = { opens: formatTime(s.opensAt), closes: formatTime(s.closesAt) };
	if (!s.freq) return m.programs_once({ date: formatDate(s.dtstart), ...times }) + (s.note ? ` (${s.note})` : '');
	const days = s.byday
		.split(',')
		.filter(Boolean)
		.map((d) => programLabel('day', d))
		.join(', ');
	const when = s.freq === 'MONTHLY' ? m.programs_monthly({ days, ...times }) : m.programs_weekly({ days, ...times });
	const dates = s.until ? m.programs_dates_until({ start: formatDate(s.dtstart), end: formatDate(s.until) }) : m.programs_dates({ start: formatDate(s.dtstart) });
	return `${when}. ${dates}.`;
}

export function costText(kind: string, fee: number | null): string {
	return kind === 'free' || fee === null ? programLabel('cost', kind) : `${programLabel('cost', kind)}: ${formatDollars(fee)}`;
}

export function milesText(miles: number): string {
	return m.programs_distance({ miles: miles < 10 ? miles.toFixed(1) : Math.round(miles).toString() });
}

import { weekdays, type Weekday } from './programs.js';

/**
 * Overlap between partners' programs (issue 4, point 6): pairs of programs from different
 * partners that serve the same ZIPs, ages and subjects at the same times. Such pairs are
 * candidates for partnership rather than duplication, so each comes with the reason in parts
 * (places, ages, subjects, shared hours) for the page to say in plain words. Pure: no I/O.
 */

export interface OverlapSchedule {
	/** Weekday codes the session meets on (a one-off session: its date's weekday). */
	days: Weekday[];
	opens: string;
	closes: string;
	/** First and last date (ISO day); `until` null means it goes on. */
	from: string;
	until: string | null;
}

export interface OverlapProgram {
	id: string;
	name: string;
	partnerId: string;
	partnerName: string;
	zips: string[];
	/** Age band; null ends are open (no lower or upper limit given). */
	minAge: number | null;
	maxAge: number | null;
	subjects: string[];
	schedules: OverlapSchedule[];
}

export interface SharedTime {
	day: Weekday;
	from: string;
	to: string;
}

export interface OverlapPair {
	a: OverlapProgram;
	b: OverlapProgram;
	zips: string[];
	ages: { from: number | null; to: number | null };
	subjects: string[];
	times: SharedTime[];
	/** Minutes a week both meet at once. */
	sharedMinutes: number;
	/** 0..1: how much of what the two programs do is the same (higher first). */
	score: number;
}

const minutes = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const clock = (m: number): string => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
const intersect = <T>(x: T[], y: T[]): T[] => x.filter((v) => y.includes(v));
const jaccard = (x: unknown[], y: unknown[]): number => {
	const union = new Set([...x, ...y]).size;
	return union === 0 ? 0 : intersect([...new Set(x)], [...new Set(y)]).length / union;
};

/** Weekday codes in an RFC 5545 BYDAY list ("TU,TH", "1SA", "-1FR"). */
export function daysOf(byday: string): Weekday[] {
	return weekdays.filter((d) => byday.toUpperCase().includes(d));
}

/**
 * The age band a program serves: its ages, or for a program that gives only grades, grade + 5
 * to grade + 6 (the finder's rule). Null ends stay open.
 */
export function ageBand(p: { min_age: number | null; max_age: number | null; grade_min: number | null; grade_max: number | null }): { minAge: number | null; maxAge: number | null } {
	if (p.min_age !== null || p.max_age !== null) return { minAge: p.min_age, maxAge: p.max_age };
	return { minAge: p.grade_min === null ? null : p.grade_min + 5, maxAge: p.grade_max === null ? null : p.grade_max + 6 };
}

/** The ages both serve, or null when the bands do not meet. */
export function sharedAges(a: Pick<OverlapProgram, 'minAge' | 'maxAge'>, b: Pick<OverlapProgram, 'minAge' | 'maxAge'>): { from: number | null; to: number | null } | null {
	const lows = [a.minAge, b.minAge].filter((v): v is number => v !== null);
	const highs = [a.maxAge, b.maxAge].filter((v): v is number => v !== null);
	const from = lows.length ? Math.max(...lows) : null;
	const to = highs.length ? Math.min(...highs) : null;
	return from !== null && to !== null && from > to ? null : { from, to };
}

/** Day by day, the hours both programs meet at once (sessions must also run in the same weeks). */
export function sharedTimes(a: OverlapSchedule[], b: OverlapSchedule[]): SharedTime[] {
	const byDay = new Map<Weekday, [number, number][]>();
	for (const x of a) {
		for (const y of b) {
			if (x.from > (y.until ?? '9999-12-31') || y.from > (x.until ?? '9999-12-31')) continue;
			const start = Math.max(minutes(x.opens), minutes(y.opens));
			const end = Math.min(minutes(x.closes), minutes(y.closes));
			if (start >= end) continue;
			for (const day of intersect(x.days, y.days)) byDay.set(day, [...(byDay.get(day) ?? []), [start, end]]);
		}
	}
	const out: SharedTime[] = [];
	for (const day of weekdays) {
		const spans = (byDay.get(day) ?? []).sort((p, q) => p[0] - q[0]);
		const merged: [number, number][] = [];
		for (const span of spans) {
			const last = merged.at(-1);
			if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
			else merged.push([...span]);
		}
		for (const [from, to] of merged) out.push({ day, from: clock(from), to: clock(to) });
	}
	return out;
}

/** One pair, or null when the two do not overlap on every count (different partners, a ZIP, ages, a subject, a time). */
export function overlapOf(a: OverlapProgram, b: OverlapProgram): OverlapPair | null {
	if (a.partnerId === b.partnerId || a.id === b.id) return null;
	const zips = intersect([...new Set(a.zips)], b.zips).sort();
	if (zips.length === 0) return null;
	const subjects = intersect([...new Set(a.subjects)], b.subjects).sort();
	if (subjects.length === 0) return null;
	const ages = sharedAges(a, b);
	if (!ages) return null;
	const times = sharedTimes(a.schedules, b.schedules);
	if (times.length === 0) return null;
	const sharedMinutes = times.reduce((sum, t) => sum + minutes(t.to) - minutes(t.from), 0);
	const weekly = (p: OverlapProgram) => p.schedules.reduce((sum, s) => sum + s.days.length * Math.max(0, minutes(s.closes) - minutes(s.opens)), 0);
	const timeShare = Math.min(1, sharedMinutes / Math.max(1, Math.min(weekly(a), weekly(b))));
	const span = (p: Pick<OverlapProgram, 'minAge' | 'maxAge'>) => (p.maxAge ?? 25) - (p.minAge ?? 0) + 1;
	const ageShare = Math.max(0, Math.min(1, ((ages.to ?? 25) - (ages.from ?? 0) + 1) / Math.max(span(a), span(b))));
	const score = Math.round(((jaccard(a.zips, b.zips) + jaccard(a.subjects, b.subjects) + ageShare + timeShare) / 4) * 1000) / 1000;
	const [first, second] = a.name.localeCompare(b.name) <= 0 ? [a, b] : [b, a];
	return { a: first, b: second, zips, ages, subjects, times, sharedMinutes, score };
}

/**
 * Every overlapping pair, most alike first (then most shared hours, then by name). Programs are
 * compared only with others in one of their ZIPs, so the work grows with programs per ZIP, not
 * with the square of the directory.
 */
export function findOverlaps(programs: OverlapProgram[], limit = 200): OverlapPair[] {
	const byZip = new Map<string, OverlapProgram[]>();
	for (const p of programs) for (const zip of new Set(p.zips)) byZip.set(zip, [...(byZip.get(zip) ?? []), p]);
	const seen = new Set<string>();
	const pairs: OverlapPair[] = [];
	for (const group of byZip.values()) {
		for (let i = 0; i < group.length; i++) {
			for (let j = i + 1; j < group.length; j++) {
				const key = [group[i]!.id, group[j]!.id].sort().join('|');
				if (seen.has(key)) continue;
				seen.add(key);
				const pair = overlapOf(group[i]!, group[j]!);
				if (pair) pairs.push(pair);
			}
		}
	}
	return pairs
		.sort((x, y) => y.score - x.score || y.sharedMinutes - x.sharedMinutes || x.a.name.localeCompare(y.a.name) || x.b.name.localeCompare(y.b.name))
		.slice(0, limit);
}

export type CoverageLevel = 'gap' | 'single' | 'some' | 'crowded';
/** Three or more partners doing the same thing for the same sector count as crowded. */
export const CROWDED_AT = 3;

export function coverageLevel(partners: number): CoverageLevel {
	if (partners === 0) return 'gap';
	if (partners === 1) return 'single';
	return partners >= CROWDED_AT ? 'crowded' : 'some';
}

export interface CoverageCell {
	partners: string[];
	level: CoverageLevel;
}

/**
 * Rows (subjects or strategies) × partner sectors: which partners work on each, so the page can
 * show where many crowd and where nobody works. Every row and sector appears, empty or not.
 */
export function coverageMatrix(rows: readonly string[], sectors: readonly string[], entries: { row: string; sector: string; partner: string }[]): Map<string, Map<string, CoverageCell>> {
	const matrix = new Map<string, Map<string, CoverageCell>>();
	for (const row of rows) matrix.set(row, new Map(sectors.map((s) => [s, { partners: [], level: 'gap' as CoverageLevel }])));
	for (const e of entries) {
		const cell = matrix.get(e.row)?.get(e.sector);
		if (cell && !cell.partners.includes(e.partner)) cell.partners.push(e.partner);
	}
	for (const cells of matrix.values()) {
		for (const cell of cells.values()) {
			cell.partners.sort((x, y) => x.localeCompare(y));
			cell.level = coverageLevel(cell.partners.length);
		}
	}
	return matrix;
}

/**
 * Program deserts: per ZIP, program seats (or programs, when seats are unknown) per 1,000 young
 * people of the ecosystem's focus groups, and the ranking that puts first the ZIPs where many
 * focus-group youth have few seats. Pure: no I/O. The rules are written out in docs/asset-map.md.
 */
import { isGroupKey } from './youth-population.js';

type Parts = { race?: string; sex?: string };
const sexes = new Set(['female', 'male']);
function partsOf(key: string): Parts {
	const [first, second] = key.split(':');
	if (second !== undefined) return { race: first, sex: second };
	return sexes.has(first!) ? { sex: first } : { race: first };
}
const keyOf = (p: Parts) => [p.race, p.sex].filter(Boolean).join(':');
/** a lies inside b: every attribute b fixes, a fixes the same way. */
const within = (a: Parts, b: Parts) => (b.race === undefined || a.race === b.race) && (b.sex === undefined || a.sex === b.sex);
/** Two groups share people unless they fix one attribute differently (race groups are exclusive, so are sexes). */
const meet = (a: Parts, b: Parts): Parts | null =>
	(a.race && b.race && a.race !== b.race) || (a.sex && b.sex && a.sex !== b.sex) ? null : { race: a.race ?? b.race, sex: a.sex ?? b.sex };

/**
 * The focus groups a ZIP's count is made of: 'all' when there are none (or 'all' is one),
 * otherwise the groups not inside another focus group (black:female adds nobody to black).
 */
export function focusKeys(focusGroups: readonly string[]): string[] {
	const known = [...new Set(focusGroups.filter(isGroupKey))];
	if (known.length === 0 || known.includes('all')) return ['all'];
	const parts = known.map(partsOf);
	return known.filter((_, i) => !parts.some((other, j) => j !== i && within(parts[i]!, other) && !within(other, parts[i]!)));
}

/**
 * Young people of a ZIP in any of the focus groups, counted once: the sum of the groups' counts
 * minus each overlap (black ∩ female = black:female). Overlaps of three groups are always empty
 * here (two race groups, or two sexes, never meet), so pairs are enough. Null, with the counts
 * that are missing, when the figures cannot give the number.
 */
export function focusYouth(counts: ReadonlyMap<string, number>, focusGroups: readonly string[]): { youth: number | null; missing: string[] } {
	const keys = focusKeys(focusGroups);
	const missing = new Set<string>();
	let youth = 0;
	for (const key of keys) {
		const n = counts.get(key);
		if (n === undefined) missing.add(key);
		else youth += n;
	}
	const parts = keys.map(partsOf);
	for (let i = 0; i < parts.length; i++) {
		for (let j = i + 1; j < parts.length; j++) {
			const both = meet(parts[i]!, parts[j]!);
			if (!both) continue;
			const key = keyOf(both);
			const n = counts.get(key);
			if (n === undefined) missing.add(key);
			else youth -= n;
		}
	}
	return missing.size ? { youth: null, missing: [...missing].sort() } : { youth, missing: [] };
}

export interface DesertProgram {
	id: string;
	/** Seats for the whole program, or null when the partner did not give them. */
	capacity: number | null;
	/** ZIPs of its places (online-only programs have none and count in no ZIP). */
	zips: string[];
}
export type DesertBand = 'none' | 'low' | 'mid' | 'high' | 'nodata';
export interface DesertRow {
	zip: string;
	focusYouth: number | null;
	missingGroups: string[];
	/** Seats placed in the ZIP: a program's seats are shared evenly among its places. */
	seats: number;
	/** Programs with at least one place in the ZIP. */
	programs: number;
	/** Seats (or programs) per 1,000 focus-group youth; null without youth. */
	rate: number | null;
	/** Seats (or programs) the ZIP lacks to reach the ecosystem-wide rate; null without youth. */
	shortfall: number | null;
	/** 1 = the ZIP most in need; null for ZIPs without focus-group youth figures. */
	rank: number | null;
	band: DesertBand;
}
export interface DesertResult {
	/** 'seats' when every program placed in a listed ZIP gives its seats, else 'programs'. */
	measure: 'seats' | 'programs';
	/** Programs placed in a listed ZIP without a seat count (why the measure may be programs). */
	programsWithoutSeats: number;
	/** Seats (or programs) per 1,000 focus-group youth across every ZIP with figures. */
	ecosystemRate: number | null;
	focusKeys: string[];
	rows: DesertRow[];
}

const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;

/**
 * One listed ZIP's programs as the map counts them. Seats are kept as exact integer sums per
 * share size so the database (which sums in no particular order) and the reference below agree
 * to the last bit: `capacity` is the summed seats of the places in this ZIP of programs that have
 * `places` places in all (listed ZIPs or not), so the ZIP's seats are Σ capacity / places.
 */
export interface ZipTally {
	zip: string;
	/** Programs with at least one place in the ZIP. */
	programs: number;
	/** One entry per share size, ordered by `places`; a program without seats adds 0. */
	shares: { places: number; capacity: number }[];
}
export interface DesertTallies {
	/** Only ZIPs with a counted place, ordered by ZIP. */
	zips: ZipTally[];
	/** Programs without a seat count that have a place in a listed ZIP, each counted once. */
	programsWithoutSeats: number;
}

/** A ZIP's seats: each program's seats shared evenly among all its places, summed per share size. */
export function tallySeats(tally: ZipTally): number {
	return tally.shares.reduce((sum, s) => sum + s.capacity / s.places, 0);
}

/**
 * The reference aggregation (the database does the same in `desertTallies`, tested equal):
 * a program counts once in each listed ZIP where it has a place, and each of its places carries
 * an even share of its seats, so a program at two places in one ZIP puts both shares there.
 * Places in unlisted ZIPs keep their share (it is counted nowhere); online-only programs count
 * nowhere, and a program with no place in a listed ZIP is not counted as lacking seats either.
 */
export function tallyPrograms(zips: readonly string[], programs: readonly DesertProgram[]): DesertTallies {
	const listed = new Set(zips);
	const byZip = new Map<string, { programs: number; shares: Map<number, number> }>();
	let programsWithoutSeats = 0;
	for (const p of programs) {
		const places = p.zips.filter((z) => listed.has(z));
		if (places.length === 0) continue;
		if (p.capacity === null) programsWithoutSeats++;
		for (const zip of places) {
			const t = byZip.get(zip) ?? { programs: 0, shares: new Map<number, number>() };
			t.shares.set(p.zips.length, (t.shares.get(p.zips.length) ?? 0) + (p.capacity ?? 0));
			byZip.set(zip, t);
		}
		for (const zip of new Set(places)) byZip.get(zip)!.programs++;
	}
	return {
		programsWithoutSeats,
		zips: [...byZip.entries()]
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
			.map(([zip, t]) => ({ zip, programs: t.programs, shares: [...t.shares.entries()].sort(([a], [b]) => a - b).map(([places, capacity]) => ({ places, capacity })) }))
	};
}

/** The reference path: the programs and their places' ZIPs, aggregated here, then ranked. */
export function rankDeserts({ programs, ...rest }: { zips: readonly string[]; youth: ReadonlyMap<string, ReadonlyMap<string, number>>; focusGroups: readonly string[]; programs: readonly DesertProgram[] }): DesertResult {
	return rankTallies({ ...rest, tallies: tallyPrograms(rest.zips, programs) });
}

/**
 * Ranks the ZIPs. The need of a ZIP is its shortfall: the seats it would need to reach the
 * ecosystem-wide rate (focus youth × rate / 1,000) minus the seats it has, never below zero. A
 * large shortfall needs both many focus-group youth and few seats. Ties go to the lower rate,
 * then the larger number of focus-group youth, then the ZIP code. ZIPs without focus-group youth
 * (no figures, or zero) are not ranked and come last, in ZIP order.
 */
export function rankTallies({ zips, youth, focusGroups, tallies }: { zips: readonly string[]; youth: ReadonlyMap<string, ReadonlyMap<string, number>>; focusGroups: readonly string[]; tallies: DesertTallies }): DesertResult {
	const listed = new Set(zips);
	const seats = new Map<string, number>();
	const counts = new Map<string, number>();
	for (const t of tallies.zips) {
		if (!listed.has(t.zip)) continue;
		seats.set(t.zip, tallySeats(t));
		counts.set(t.zip, t.programs);
	}
	const programsWithoutSeats = tallies.programsWithoutSeats;
	const measure = programsWithoutSeats === 0 ? 'seats' : 'programs';
	const amount = (zip: string) => (measure === 'seats' ? (seats.get(zip) ?? 0) : (counts.get(zip) ?? 0));

	const base = [...listed].sort().map((zip) => {
		const f = focusYouth(youth.get(zip) ?? new Map(), focusGroups);
		return { zip, focusYouth: f.youth, missingGroups: f.missing };
	});
	const withYouth = base.filter((r) => r.focusYouth !== null && r.focusYouth > 0);
	const totalYouth = withYouth.reduce((n, r) => n + r.focusYouth!, 0);
	const totalAmount = withYouth.reduce((n, r) => n + amount(r.zip), 0);
	const ecosystemRate = totalYouth > 0 ? (totalAmount / totalYouth) * 1000 : null;

	const rows: DesertRow[] = base.map((r) => {
		const has = r.focusYouth !== null && r.focusYouth > 0;
		const a = amount(r.zip);
		const rate = has ? (a / r.focusYouth!) * 1000 : null;
		const shortfall = has && ecosystemRate !== null ? Math.max(0, (r.focusYouth! * ecosystemRate) / 1000 - a) : null;
		const band: DesertBand = !has ? 'nodata' : a === 0 ? 'none' : ecosystemRate && rate! < ecosystemRate / 2 ? 'low' : ecosystemRate && rate! < ecosystemRate ? 'mid' : 'high';
		return { ...r, seats: round(seats.get(r.zip) ?? 0), programs: counts.get(r.zip) ?? 0, rate: rate === null ? null : round(rate), shortfall: shortfall === null ? null : round(shortfall), rank: null, band };
	});
	const ranked = rows
		.filter((r) => r.shortfall !== null)
		.sort((a, b) => b.shortfall! - a.shortfall! || a.rate! - b.rate! || b.focusYouth! - a.focusYouth! || a.zip.localeCompare(b.zip));
	ranked.forEach((r, i) => (r.rank = i + 1));
	const unranked = rows.filter((r) => r.shortfall === null);
	return { measure, programsWithoutSeats, ecosystemRate: ecosystemRate === null ? null : round(ecosystemRate), focusKeys: focusKeys(focusGroups), rows: [...ranked, ...unranked] };
}

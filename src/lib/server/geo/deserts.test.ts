import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { focusKeys, focusYouth, rankDeserts, tallyPrograms, type DesertBand, type DesertProgram, type DesertResult, type DesertRow } from './deserts.js';

const counts = (o: Record<string, number | undefined>) => new Map(Object.entries(o).filter((e): e is [string, number] => e[1] !== undefined));

describe('focusKeys', () => {
	it.each([
		[[], ['all']],
		[['all', 'black'], ['all']],
		[['black', 'black:female'], ['black']],
		[['black', 'hispanic', 'female', 'black:female', 'hispanic:female'], ['black', 'hispanic', 'female']],
		[['black:female', 'hispanic:female'], ['black:female', 'hispanic:female']],
		[['nonsense', 'black'], ['black']],
		[['nonsense'], ['all']]
	])('%j counts as %j', (groups, keys) => {
		expect(focusKeys(groups)).toEqual(keys);
	});
});

describe('focusYouth', () => {
	it.each([
		{ name: 'no focus groups: all young people', groups: [], c: { all: 900, black: 300 }, youth: 900, missing: [] },
		{ name: 'disjoint race groups add up', groups: ['black', 'hispanic'], c: { black: 300, hispanic: 200 }, youth: 500, missing: [] },
		{ name: 'a race and a sex: their overlap is counted once', groups: ['black', 'female'], c: { black: 300, female: 450, 'black:female': 150 }, youth: 600, missing: [] },
		{
			name: 'the demo focus groups',
			groups: ['black', 'hispanic', 'female', 'black:female', 'hispanic:female'],
			c: { black: 300, hispanic: 200, female: 450, 'black:female': 150, 'hispanic:female': 100 },
			youth: 700,
			missing: []
		},
		{ name: 'a missing overlap makes the number unknown', groups: ['black', 'female'], c: { black: 300, female: 450 }, youth: null, missing: ['black:female'] },
		{ name: 'a missing group makes it unknown', groups: ['black', 'hispanic'], c: { black: 300 }, youth: null, missing: ['hispanic'] },
		{ name: 'zero is a count, not a gap', groups: ['black'], c: { black: 0 }, youth: 0, missing: [] },
		{ name: 'intersections alone are disjoint', groups: ['black:female', 'hispanic:female'], c: { 'black:female': 10, 'hispanic:female': 5 }, youth: 15, missing: [] }
	])('$name', ({ groups, c, youth, missing }) => {
		expect(focusYouth(counts(c), groups)).toEqual({ youth, missing });
	});
});

describe('rankDeserts', () => {
	const youth = new Map([
		['19101', counts({ all: 1000 })],
		['19102', counts({ all: 4000 })],
		['19103', counts({ all: 2000 })],
		['19104', counts({ all: 0 })],
		['19105', counts({})]
	]);
	const zips = ['19101', '19102', '19103', '19104', '19105'];
	const program = (id: string, capacity: number | null, ...z: string[]): DesertProgram => ({ id, capacity, zips: z });

	it('ranks first the ZIP lacking the most seats against the ecosystem rate', () => {
		// 140 seats for 7,000 youth: 20 per 1,000. 19101 has 100 (needs 20), 19102 has 40 (needs 80), 19103 has none (needs 40).
		const result = rankDeserts({ zips, youth, focusGroups: [], programs: [program('a', 100, '19101'), program('b', 40, '19102')] });
		expect(result.measure).toBe('seats');
		expect(result.ecosystemRate).toBe(20);
		expect(result.rows.map((r) => [r.zip, r.rank, r.seats, r.rate, r.shortfall, r.band])).toEqual([
			// Both lack 40 seats: the lower rate goes first.
			['19103', 1, 0, 0, 40, 'none'],
			['19102', 2, 40, 10, 40, 'mid'],
			['19101', 3, 100, 100, 0, 'high'],
			['19104', null, 0, null, null, 'nodata'],
			['19105', null, 0, null, null, 'nodata']
		]);
	});

	it('breaks equal shortfalls by the lower rate, then more youth', () => {
		// Shortfall 40 for both 19102 and 19103 above: 19103 (rate 0) would come before 19102 (rate 10)… unless shortfalls differ.
		const result = rankDeserts({ zips: ['19101', '19103'], youth, focusGroups: [], programs: [program('a', 30, '19101')] });
		// 30 seats / 3,000 youth = 10 per 1,000; 19101 has 30 (needs 10), 19103 needs 20.
		expect(result.rows.map((r) => r.zip)).toEqual(['19103', '19101']);
		const tie = rankDeserts({ zips: ['19101', '19102'], youth: new Map([['19101', counts({ all: 500 })], ['19102', counts({ all: 500 })]]), focusGroups: [], programs: [] });
		expect(tie.ecosystemRate).toBe(0);
		expect(tie.rows.map((r) => [r.zip, r.rank, r.band])).toEqual([
			['19101', 1, 'none'],
			['19102', 2, 'none']
		]);
	});

	it('shares a program’s seats among its places and counts the program in each ZIP', () => {
		const result = rankDeserts({ zips, youth, focusGroups: [], programs: [program('a', 30, '19101', '19102', '19102'), program('online', 500)] });
		const byZip = new Map(result.rows.map((r) => [r.zip, r]));
		expect(byZip.get('19101')).toMatchObject({ seats: 10, programs: 1 });
		expect(byZip.get('19102')).toMatchObject({ seats: 20, programs: 1 });
	});

	it('ignores places outside the listed ZIPs', () => {
		const result = rankDeserts({ zips: ['19101'], youth, focusGroups: [], programs: [program('a', 30, '97201')] });
		expect(result.rows[0]).toMatchObject({ seats: 0, programs: 0, band: 'none' });
	});

	it('counts programs when any placed program has no seat count', () => {
		const result = rankDeserts({ zips, youth, focusGroups: [], programs: [program('a', 100, '19101'), program('b', null, '19102'), program('c', null, '19102')] });
		expect(result.measure).toBe('programs');
		expect(result.programsWithoutSeats).toBe(2);
		// 3 programs / 7,000 youth.
		expect(result.ecosystemRate).toBe(0.4);
		expect(result.rows.find((r) => r.zip === '19102')).toMatchObject({ programs: 2, rate: 0.5 });
	});

	it('uses the focus groups, and leaves unranked a ZIP whose overlap is missing', () => {
		const y = new Map([
			['19101', counts({ black: 300, female: 500, 'black:female': 150 })],
			['19102', counts({ black: 100, female: 500 })]
		]);
		const result = rankDeserts({ zips: ['19101', '19102'], youth: y, focusGroups: ['black', 'female'], programs: [program('a', 13, '19101')] });
		expect(result.focusKeys).toEqual(['black', 'female']);
		expect(result.rows.map((r) => [r.zip, r.focusYouth, r.rank, r.missingGroups])).toEqual([
			['19101', 650, 1, []],
			['19102', null, null, ['black:female']]
		]);
		expect(result.ecosystemRate).toBe(20);
	});

	it('has no rate anywhere without youth figures', () => {
		const result = rankDeserts({ zips: ['19101'], youth: new Map(), focusGroups: ['black'], programs: [] });
		expect(result.ecosystemRate).toBeNull();
		expect(result.rows[0]).toMatchObject({ rank: null, band: 'nodata', missingGroups: ['black'] });
	});
});

describe('tallyPrograms', () => {
	it('keeps each share size apart, counts a program once per ZIP and a program without seats once', () => {
		const program = (id: string, capacity: number | null, ...z: string[]): DesertProgram => ({ id, capacity, zips: z });
		expect(
			tallyPrograms(['19101', '19102'], [program('a', 30, '19102', '19101', '19102'), program('b', 10, '19102'), program('c', null, '19101', '19102'), program('d', null, '97201'), program('e', 7, '19102', '97201')])
		).toEqual({
			programsWithoutSeats: 1,
			zips: [
				{ zip: '19101', programs: 2, shares: [{ places: 2, capacity: 0 }, { places: 3, capacity: 30 }] },
				{ zip: '19102', programs: 4, shares: [{ places: 1, capacity: 10 }, { places: 2, capacity: 7 }, { places: 3, capacity: 60 }] }
			]
		});
	});
});

/**
 * The ranking as it was before the counting moved into the database, word for word. It summed
 * each place's share of seats in program order; the new code sums exact integers per share size
 * first (what SQL can do in any order). With shares that are exact binary fractions (1, 2, 4 or 8
 * places) both sums are exact, so the pages must be identical; with shares such as 1/3 the old
 * order-dependent sum could differ in the last bit and break an exact tie differently.
 */
const round = (n: number, places = 1) => Math.round(n * 10 ** places) / 10 ** places;
function todaysRankDeserts({ zips, youth, focusGroups, programs }: { zips: readonly string[]; youth: ReadonlyMap<string, ReadonlyMap<string, number>>; focusGroups: readonly string[]; programs: readonly DesertProgram[] }): DesertResult {
	const listed = new Set(zips);
	const seats = new Map<string, number>();
	const counts = new Map<string, number>();
	let programsWithoutSeats = 0;
	for (const p of programs) {
		const places = p.zips.filter((z) => listed.has(z));
		if (places.length === 0) continue;
		if (p.capacity === null) programsWithoutSeats++;
		for (const zip of new Set(places)) counts.set(zip, (counts.get(zip) ?? 0) + 1);
		// Seats follow each place, so a program at two places in one ZIP puts both shares there.
		for (const zip of places) seats.set(zip, (seats.get(zip) ?? 0) + (p.capacity ?? 0) / p.zips.length);
	}
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

describe('rankDeserts against the code it replaced', () => {
	const pool = ['19101', '19102', '19103', '19104', '97201'];
	const groups = ['all', 'black', 'hispanic', 'female', 'black:female', 'hispanic:female'];
	it('ranks every random directory exactly as before', () => {
		fc.assert(
			fc.property(
				fc.array(fc.record({ capacity: fc.option(fc.integer({ min: 0, max: 500 }), { freq: 6 }), places: fc.constantFrom(0, 1, 2, 4, 8).chain((n) => fc.array(fc.constantFrom(...pool), { minLength: n, maxLength: n })) }), { maxLength: 40 }),
				fc.subarray(pool.slice(0, 4), { minLength: 1 }),
				fc.tuple(...pool.map(() => fc.tuple(...groups.map(() => fc.option(fc.integer({ min: 0, max: 5000 }), { freq: 6 }))))),
				fc.subarray(groups.slice(1)),
				(generated, zips, figures, focusGroups) => {
					const programs = generated.map((p, i): DesertProgram => ({ id: `p${i}`, capacity: p.capacity, zips: p.places }));
					const youth = new Map(pool.map((zip, i) => [zip, new Map(groups.flatMap((g, j) => (figures[i]![j] === null ? [] : [[g, figures[i]![j]!] as const])))]));
					expect(rankDeserts({ zips, youth, focusGroups, programs })).toEqual(todaysRankDeserts({ zips, youth, focusGroups, programs }));
				}
			),
			{ numRuns: 1000 }
		);
	});
});

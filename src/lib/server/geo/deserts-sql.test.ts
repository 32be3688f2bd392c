/**
 * The desert map's database aggregation (`desertTallies`) against the reference: the reader the
 * map used until it moved into SQL (every visible program with the ZIPs of its places, read
 * below as `listDesertPrograms`) and the pure aggregation `tallyPrograms` / `rankDeserts`, over
 * random directories on SQLite and PostgreSQL. The whole page result must be identical.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import type { Insertable } from 'kysely';
import type { ProgramLocationTable, ProgramTable } from '../db/schema.js';
import type { Executor } from '../audit/audit.repository.js';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { setFocusGroups } from '../ecosystems/ecosystems.repository.js';
import { formats, subjects } from '../programs/programs.js';
import { newId } from '../util.js';
import { rankDeserts, tallyPrograms } from './deserts.js';
import { desertProgramFilter, desertTallies, listYouthPopulation, replaceYouthPopulation, replaceZipAreas, type DesertFilters } from './geo.repository.js';
import { ageBands, desertFiltersOf, programDeserts, type DesertFilterInput } from './geo.service.js';

/** The map's reader before the aggregation moved into SQL: every matching program and its places' ZIPs. */
async function listDesertPrograms(db: Executor, ecosystemId: string, f: DesertFilters) {
	const programs = await db.selectFrom('program').where(desertProgramFilter('program', ecosystemId, f)).select(['program.id', 'program.capacity']).orderBy('program.id').execute();
	const zips = new Map<string, string[]>();
	const ids = programs.map((p) => p.id);
	for (let i = 0; i < ids.length; i += 500) {
		const places = await db
			.selectFrom('program_location')
			.select(['program_id', 'postal_code'])
			.where('ecosystem_id', '=', ecosystemId)
			.where('program_id', 'in', ids.slice(i, i + 500))
			.orderBy('program_id')
			.orderBy('position')
			.execute();
		for (const p of places) zips.set(p.program_id, [...(zips.get(p.program_id) ?? []), p.postal_code.slice(0, 5)]);
	}
	return programs.map((p) => ({ id: p.id, capacity: p.capacity === null ? null : Number(p.capacity), zips: zips.get(p.id) ?? [] }));
}

const NOW = new Date('2026-12-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000).toISOString();
// 19999 is not a ZIP the `zipcodes` package knows: with youth figures but no boundary it is not
// on the map, so its places must not count. 19133 has a boundary only, 19102 is never listed.
const postalCodes = ['19104', '19121', '19133', '19122', '19999', '19102', '19104-2816', '19121 ', 'K1A 0B1', ''];
const youthZips = ['19104', '19121', '19122', '19999'];
const groupKeys = ['all', 'black', 'hispanic', 'female', 'black:female', 'hispanic:female'];

/** A filter set in about one case of three, so most directories keep programs to count. */
const sometimes = <T>(value: fc.Arbitrary<T>) => fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: value });
const program = fc.record({
	active: fc.constantFrom(true, true, true, false),
	// Confirmed recently, confirmed too long ago (hidden), never confirmed but new, never confirmed and old.
	verified: fc.constantFrom('recent', 'recent', 'recent', 'stale', 'new-unconfirmed', 'old-unconfirmed'),
	subjects: fc.subarray([...subjects], { minLength: 1, maxLength: 3 }),
	formats: fc.subarray([...formats], { minLength: 1, maxLength: 2 }),
	free: fc.boolean(),
	ages: fc.option(fc.tuple(fc.integer({ min: 3, max: 19 }), fc.integer({ min: 0, max: 6 })), { nil: null }),
	grades: fc.option(fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 4 })), { nil: null }),
	capacity: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null, freq: 2 }),
	// Places with coordinates are in finder_place; those without (one in four) are not.
	places: fc.array(fc.record({ postal: fc.constantFrom(...postalCodes), located: fc.constantFrom(true, true, true, false) }), { maxLength: 4, size: 'max' })
});
const directory = fc.record({
	programs: fc.array(program, { minLength: 5, maxLength: 30, size: 'max' }),
	elsewhere: fc.array(program, { maxLength: 3 }),
	// Each figure of each ZIP, now and then missing (that ZIP is then not ranked).
	youth: fc.tuple(...youthZips.map(() => fc.tuple(...groupKeys.map(() => fc.option(fc.integer({ min: 0, max: 3000 }), { freq: 8 }))))),
	/** Every program gives its seats (else about one in two does not, and programs are counted). */
	allSeats: fc.boolean(),
	focusGroups: fc.subarray(groupKeys.filter((g) => g !== 'all'), { maxLength: 5 }),
	// No filter in about one case of three (the query then finds programs with several places differently).
	filters: fc.oneof(
		{ weight: 1, arbitrary: fc.constant({ subject: undefined, format: undefined, age: undefined, free: false }) },
		{
			weight: 2,
			arbitrary: fc.record({
				subject: sometimes(fc.constantFrom(...subjects)),
				format: sometimes(fc.constantFrom(...formats)),
				age: sometimes(fc.constantFrom(...(Object.keys(ageBands) as (keyof typeof ageBands)[]))),
				free: fc.boolean()
			})
		}
	)
});
type GeneratedProgram = typeof program extends fc.Arbitrary<infer T> ? T : never;

async function insertPrograms(db: Executor, ecosystemId: string, partnerId: string, list: GeneratedProgram[], allSeats: boolean) {
	if (list.length === 0) return;
	const rows: Insertable<ProgramTable>[] = [];
	const places: Insertable<ProgramLocationTable>[] = [];
	for (const p of list) {
		const id = newId();
		const created = p.verified === 'old-unconfirmed' || p.verified === 'stale' ? daysAgo(900) : daysAgo(30);
		rows.push({
			id,
			ecosystem_id: ecosystemId,
			partner_id: partnerId,
			name: `Program ${id}`,
			name_es: null,
			description: 'Generated for the desert test.',
			description_es: null,
			subjects_json: JSON.stringify(p.subjects),
			formats_json: JSON.stringify(p.formats),
			populations_json: '[]',
			languages_json: '["en"]',
			min_age: p.ages ? p.ages[0] : null,
			max_age: p.ages ? p.ages[0] + p.ages[1] : null,
			grade_min: p.grades ? p.grades[0] : null,
			grade_max: p.grades ? p.grades[0] + p.grades[1] : null,
			cost_kind: p.free ? 'free' : 'paid',
			fee_amount: p.free ? null : 25,
			capacity: allSeats ? (p.capacity ?? 15) : p.capacity,
			status: p.active ? 'active' : 'inactive',
			search_text: 'program',
			last_verified_at: p.verified === 'recent' ? daysAgo(10) : p.verified === 'stale' ? daysAgo(800) : null,
			created_at: created,
			updated_at: created
		});
		p.places.forEach(({ postal, located }, position) =>
			places.push({
				id: newId(),
				ecosystem_id: ecosystemId,
				program_id: id,
				name: 'Site',
				address_1: `${position} Main St`,
				city: 'Philadelphia',
				state_province: 'PA',
				postal_code: postal,
				latitude: located ? 39.95 : null,
				longitude: located ? -75.19 : null,
				geocode_source: located ? 'given' : 'none',
				position
			})
		);
	}
	await db.insertInto('program').values(rows).execute();
	if (places.length) await db.insertInto('program_location').values(places).execute();
}

describeEachDatabase('program deserts in SQL against the reference aggregation', (get) => {
	it('gives the same page as reading every program and aggregating in JavaScript, on random directories', async () => {
		const { ctx, db } = get();
		const seen = { seats: 0, programs: 0, stacked: 0, spreadLocated: 0, spreadUnlocated: 0, ranked: 0, unfiltered: 0, filtered: 0 };
		await fc.assert(
			fc.asyncProperty(directory, async (d) => {
				const eco = await makeEcosystem(db);
				const other = await makeEcosystem(db);
				const partner = await makePartner(db, eco.id);
				const otherPartner = await makePartner(db, other.id);
				const actor = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
				await setFocusGroups(db, eco.id, d.focusGroups);
				const square = (lon: number, lat: number) => ({ type: 'Polygon' as const, coordinates: [[[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]] });
				await replaceZipAreas(db, eco.id, [{ zip: '19133', geometry: square(-75.14, 39.99), lat: 39.995, lon: -75.135 }], NOW.toISOString());
				const figures = youthZips.flatMap((zip, i) => groupKeys.flatMap((group, j) => (d.youth[i]![j] === null ? [] : [{ zip, group_key: group, youth: d.youth[i]![j]!, year: 2023, source: 'test' }])));
				await replaceYouthPopulation(db, eco.id, figures, NOW.toISOString());
				await insertPrograms(db, eco.id, partner.id, d.programs, d.allSeats);
				await insertPrograms(db, other.id, otherPartner.id, d.elsewhere, false);

				const query: Record<string, unknown> = { ...d.filters, free: d.filters.free ? '1' : '' };
				const page = await programDeserts({ db, actor, ecosystemId: eco.id, query, now: NOW });
				const zips = page.places.map((p) => p.zip);
				const filters = desertFiltersOf(page.filters as DesertFilterInput, NOW);
				const programs = await listDesertPrograms(db, eco.id, filters);
				expect(await desertTallies(db, eco.id, filters, zips)).toEqual(tallyPrograms(zips, programs));

				const youth = new Map<string, Map<string, number>>();
				for (const f of await listYouthPopulation(db, eco.id)) youth.set(f.zip, (youth.get(f.zip) ?? new Map()).set(f.group_key, f.youth));
				const reference = rankDeserts({ zips, youth, focusGroups: d.focusGroups, programs });
				const { measure, programsWithoutSeats, ecosystemRate, focusKeys, rows } = page;
				expect({ measure, programsWithoutSeats, ecosystemRate, focusKeys, rows }).toEqual(reference);

				seen[measure]++;
				seen[d.filters.subject || d.filters.format || d.filters.age || d.filters.free ? 'filtered' : 'unfiltered']++;
				// Programs spread over listed ZIPs, with every place located (read from finder_place) or not.
				const spread = d.programs.filter((p) => new Set(p.places.map((x) => x.postal.slice(0, 5))).size > 1 && p.places.some((x) => zips.includes(x.postal.slice(0, 5))));
				if (spread.some((p) => p.places.every((x) => x.located))) seen.spreadLocated++;
				// Several places of one program, all in one listed ZIP.
				if (programs.some((p) => p.zips.length > 1 && new Set(p.zips).size === 1 && zips.includes(p.zips[0]!))) seen.stacked++;
				if (spread.some((p) => p.places.some((x) => !x.located))) seen.spreadUnlocated++;
				if (rows.some((r) => r.rank !== null && r.seats > 0)) seen.ranked++;
			}),
			{ numRuns: 40 }
		);
		// The generator must reach both measures, both kinds of spread programs and ranked ZIPs, or the test proves little.
		expect(Object.values(seen).every((n) => n > 0), JSON.stringify(seen)).toBe(true);
	}, 120_000);
});

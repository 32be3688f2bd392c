import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram, programInput } from '../testing/program-factories.js';
import { distanceMiles } from '../geo/distance.js';
import { findPrograms } from './finder.service.js';
import { deleteProgram, updateProgram } from './programs.repository.js';
import { prepareProgramWrite, zipPoint } from './programs.service.js';

const NOW = new Date('2026-12-01T12:00:00Z');

/**
 * A search by distance answers from the filter index (PostgreSQL: words, filter tags and grid
 * cells in one GIN look-up, words expanded through `finder_lexeme`; SQLite: words and filter tags
 * in `finder_fts`). Its answer must be exactly the search by name (which reads the program table
 * with the plain conditions) cut to the radius: checked for many combinations, before and after
 * programs change words, filters and places, and after one is deleted.
 */
describeEachDatabase('finder filters by distance agree with the plain search', (get) => {
	const zips = ['19104', '19143', '19103', '19139', '19121', '19154', '19020', '08002'];
	const wordsEn = ['jardin', 'jardines', 'robots', 'rocket', 'rockets', 'ciencia', 'music'];
	const subjects = ['robotics', 'science', 'coding', 'math'];
	const formats = ['after_school', 'weekend', 'summer'];
	const languages = [['en'], ['es'], ['en', 'es'], ['zh']];
	const days = [['SA'], ['TU', 'TH'], ['MO'], ['SA', 'SU']];
	const times = ['09:00', '13:30', '18:00'];

	async function world() {
		const { db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Taller Norte' });
		const input = (i: number) => ({
			name: `${wordsEn[i % wordsEn.length]} lab ${i}`,
			name_es: undefined,
			description: `Young people try ${wordsEn[(i * 3) % wordsEn.length]} things.`,
			description_es: undefined,
			subjects: [subjects[i % subjects.length], subjects[(i * 7) % subjects.length]].filter((s, k, all) => all.indexOf(s) === k),
			formats: [formats[i % formats.length]],
			languages: languages[i % languages.length],
			cost_kind: i % 3 === 0 ? 'paid' : 'free',
			fee_amount: i % 3 === 0 ? '20' : undefined,
			// Ages, or only grades (the age filter then reads the grades), or an open-ended age.
			...(i % 5 === 0 ? { min_age: undefined, max_age: undefined, grade_min: String(i % 9), grade_max: String((i % 9) + 3) } : i % 7 === 0 ? { min_age: String(8 + (i % 5)), max_age: undefined } : { min_age: String(5 + (i % 10)), max_age: String(9 + (i % 10)) }),
			locations: [{ postal_code: zips[i % zips.length] }, ...(i % 4 === 0 ? [{ postal_code: zips[(i + 3) % zips.length] }] : [])],
			schedules: [{ freq: 'WEEKLY', byday: days[i % days.length], dtstart: '2026-09-05', opens_at: times[i % times.length], closes_at: '20:00' }]
		});
		const ids: string[] = [];
		for (let i = 0; i < 40; i++) ids.push(await makeProgram(db, eco.id, partner, input(i), { now: '2026-10-01T00:00:00.000Z' }));
		const origin = (await zipPoint(db, eco.id, '19104'))!;
		const find = (qs: string) => findPrograms({ db, ecosystemId: eco.id, params: new URLSearchParams(qs), now: NOW });
		const write = async (overrides: Record<string, unknown>) => {
			const w = await prepareProgramWrite(db, eco.id, partner.name, programInput(overrides));
			if (!w.ok) throw new Error(JSON.stringify(w.issues));
			return w.value;
		};
		return { db, eco, ids, origin, find, write, input };
	}

	const filters = ['', 'q=jardin', 'q=rocket&free=1', 'q=ciencia+jardin', 'subject=science', 'q=robots&subject=robotics&age=12', 'age=9', 'grade=4', 'q=lab&language=es&format=weekend', 'q=music&day=SA', 'q=rock&time=afternoon&free=1', 'language=zh&day=TU&time=evening', 'q=jard&grade=6', 'q=lab&age=10', 'q=lab&grade=4&free=1', 'q=things&subject=science&format=after_school'];
	const radii = [2, 5, 25];

	/** Every combination: the search by distance against the search by name cut to the radius. */
	async function expectAgreement(w: Awaited<ReturnType<typeof world>>) {
		let nonEmpty = 0;
		for (const f of filters)
			for (const radius of radii) {
				const byName = await w.find(f);
				expect(byName.more).toBe(false);
				const expected = byName.results
					.flatMap((r) => {
						const miles = r.locations.flatMap((l) => (l.latitude === null || l.longitude === null ? [] : [distanceMiles(w.origin, { lat: Number(l.latitude), lon: Number(l.longitude) })]));
						return miles.length && Math.min(...miles) <= radius ? [r.program.name] : [];
					})
					.sort();
				const byDistance = await w.find(`${f}&zip=19104&radius=${radius}`);
				expect(byDistance.results.map((r) => r.program.name).sort(), `${f} within ${radius} mi`).toEqual(expected);
				if (expected.length) nonEmpty++;
			}
		// The combinations must find something, or the comparison proves nothing.
		expect(nonEmpty).toBeGreaterThan(filters.length);
	}

	it('answers every combination of words, filters and radius exactly as the plain search, before and after programs change', async () => {
		const w = await world();
		await expectAgreement(w);

		// New words (a lexeme no program had: 'jardinera'), other subjects, ages, cost and places.
		await updateProgram(w.db, w.eco.id, w.ids[1]!, await w.write({ ...w.input(1), name: 'Jardinera rockets studio', subjects: ['science'], cost_kind: 'free', fee_amount: undefined, min_age: '11', max_age: '13', locations: [{ postal_code: '19104' }] }), null);
		await updateProgram(w.db, w.eco.id, w.ids[2]!, await w.write({ ...w.input(2), languages: ['es'], formats: ['weekend'], locations: [{ postal_code: '19154' }] }), null);
		await deleteProgram(w.db, w.eco.id, w.ids[3]!);
		await expectAgreement(w);
		expect((await w.find('q=jardin&zip=19104&radius=2&subject=science&age=12&free=1')).results.map((r) => r.program.name)).toContain('Jardinera rockets studio');
	});
});

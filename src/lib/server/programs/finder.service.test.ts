import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram } from '../testing/program-factories.js';
import { findPrograms, getPublicProgram } from './finder.service.js';
import { parseFinderQuery } from './finder.js';

const NOW = new Date('2026-12-01T12:00:00Z');

describe('parseFinderQuery', () => {
	it('keeps valid choices and drops bad ones, saying so', () => {
		expect(parseFinderQuery(new URLSearchParams('q=robots&zip=19104&radius=5&age=9&day=SA&free=1'))).toEqual({
			query: { q: 'robots', zip: '19104', radius: 5, age: 9, day: 'SA', free: '1' },
			dropped: false
		});
		const bad = parseFinderQuery(new URLSearchParams('zip=ABCDE&radius=7&age=-1&subject=knitting&time=noon&q=ok'));
		expect(bad).toEqual({ query: { q: 'ok' }, dropped: true });
		expect(parseFinderQuery(new URLSearchParams('zip=&q=')).dropped).toBe(false);
	});
});

describeEachDatabase('family finder', (get) => {
	async function world() {
		const { db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Faro Verde' });
		const at = (zip: string) => [{ postal_code: zip }];
		const plain = { name_es: undefined, description: 'A program listed to try the finder with.', description_es: undefined };
		const ids = {
			// 19104 West Philadelphia; 19143 is ~2 miles away; 19154 (Far Northeast) is ~14 miles away.
			robotics: await makeProgram(db, eco.id, partner, { name: 'Club de Robótica', description: 'Robots y programación para niñas y niños.', locations: at('19104'), subjects: ['robotics'], min_age: '10', max_age: '14' }, { now: '2026-10-01T00:00:00.000Z' }),
			garden: await makeProgram(
				db,
				eco.id,
				partner,
				{
					name: 'Saturday Garden Science',
					name_es: 'Ciencia del jardín',
					description: 'Soil, seeds and bugs on Saturday mornings.',
					description_es: 'Suelo, semillas e insectos.',
					subjects: ['environment', 'science'],
					formats: ['weekend'],
					languages: ['es'],
					cost_kind: 'paid',
					fee_amount: '50',
					min_age: undefined,
					max_age: undefined,
					grade_min: '3',
					grade_max: '5',
					locations: at('19143'),
					schedules: [{ freq: 'WEEKLY', byday: ['SA'], dtstart: '2026-09-05', opens_at: '09:00', closes_at: '11:00' }]
				},
				{ now: '2026-10-01T00:00:00.000Z' }
			),
			far: await makeProgram(db, eco.id, partner, { ...plain, name: 'Northeast Coders', subjects: ['coding'], locations: at('19154') }, { now: '2026-10-01T00:00:00.000Z' }),
			due: await makeProgram(db, eco.id, partner, { ...plain, name: 'Due Listing', locations: at('19104') }, { now: '2025-11-01T00:00:00.000Z' }),
			stale: await makeProgram(db, eco.id, partner, { ...plain, name: 'Stale Listing', locations: at('19104') }, { now: '2025-06-01T00:00:00.000Z' }),
			inactive: await makeProgram(db, eco.id, partner, { ...plain, name: 'Paused Listing', status: 'inactive', locations: at('19104') }, { now: '2026-10-01T00:00:00.000Z' })
		};
		const other = await makeEcosystem(db);
		const otherPartner = await makePartner(db, other.id);
		const foreign = await makeProgram(db, other.id, otherPartner, { name: 'Robótica de otro ecosistema', locations: at('19104') });
		const find = (qs: string) => findPrograms({ db, ecosystemId: eco.id, params: new URLSearchParams(qs), now: NOW });
		const names = async (qs: string) => (await find(qs)).results.map((r) => r.program.name);
		return { db, eco, ids, foreign, find, names };
	}

	it('shows only running listings within the grace period, never another ecosystem’s', async () => {
		const { names } = await world();
		expect(await names('')).toEqual(['Club de Robótica', 'Due Listing', 'Northeast Coders', 'Saturday Garden Science']);
	});

	it('finds words in either language with accents and case folded', async () => {
		const { names } = await world();
		expect(await names('q=ROBOTICA')).toEqual(['Club de Robótica']);
		expect(await names('q=jardín')).toEqual(['Saturday Garden Science']);
		expect(await names('q=robot+ninas')).toEqual(['Club de Robótica']);
		expect(await names('q=faro')).toHaveLength(4);
		expect(await names('q=submarine')).toEqual([]);
	});

	it('finds by ZIP and radius, nearest first, with the distance of each', async () => {
		const { find } = await world();
		const near = await find('zip=19104&radius=5');
		expect(near.results.map((r) => [r.program.name, Math.round(r.distance! * 10) / 10])).toEqual([
			['Club de Robótica', 0],
			['Due Listing', 0],
			['Saturday Garden Science', expect.closeTo(2, 0) as unknown as number]
		]);
		expect(near.origin).toMatchObject({ zip: '19104' });
		const wide = await find('zip=19104&radius=25');
		expect(wide.results.at(-1)?.program.name).toBe('Northeast Coders');
		expect(wide.results.at(-1)?.distance).toBeGreaterThan(10);
		const unknown = await find('zip=00000');
		expect(unknown).toMatchObject({ unknownZip: '00000', origin: null });
	});

	it('filters by subject, free only, language, format, age, grade, day and time', async () => {
		const { names } = await world();
		expect(await names('subject=environment')).toEqual(['Saturday Garden Science']);
		expect(await names('free=1')).toEqual(['Club de Robótica', 'Due Listing', 'Northeast Coders']);
		expect(await names('language=es&format=weekend')).toEqual(['Saturday Garden Science']);
		// Age 9 falls in grades 3 to 5 (grades only given) but outside ages 10 to 14.
		expect(await names('age=9')).toEqual(['Saturday Garden Science']);
		expect(await names('age=12')).toEqual(['Club de Robótica', 'Due Listing', 'Northeast Coders']);
		expect(await names('grade=4')).toEqual(['Saturday Garden Science']);
		expect(await names('day=SA')).toEqual(['Saturday Garden Science']);
		expect(await names('day=TU&time=afternoon')).toEqual(['Club de Robótica', 'Due Listing', 'Northeast Coders']);
		expect(await names('day=TU&time=morning')).toEqual([]);
	});

	it('opens a visible program’s page with distances, and refuses hidden, paused or foreign ones', async () => {
		const { db, eco, ids, foreign } = await world();
		const page = await getPublicProgram({ db, ecosystemId: eco.id, programId: ids.garden, zip: '19104', now: NOW });
		expect(page.partner.name).toBe('Faro Verde');
		expect(page.locations[0]?.distance).toBeGreaterThan(1);
		expect(page.schedules[0]).toMatchObject({ byday: 'SA', opens_at: '09:00' });
		expect((await getPublicProgram({ db, ecosystemId: eco.id, programId: ids.due, now: NOW })).verification).toBe('due');
		for (const programId of [ids.stale, ids.inactive, foreign, 'missing']) {
			await expect(getPublicProgram({ db, ecosystemId: eco.id, programId, now: NOW })).rejects.toMatchObject({ code: 'PROGRAM_NOT_FOUND' });
		}
	});
});

import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram, programInput } from '../testing/program-factories.js';
import { findPrograms } from './finder.service.js';
import { deleteProgram, markVerified, updateProgram } from './programs.repository.js';
import { prepareProgramWrite } from './programs.service.js';

const NOW = new Date('2026-12-01T12:00:00Z');

/**
 * Searches by distance read `finder_place`, the copy of each located place with its program's
 * filter columns that triggers keep in step with the program tables: every write must show at
 * once, and a write rolled back must leave the copy as it was.
 */
describeEachDatabase('finder places (the copy searched by distance)', (get) => {
	async function world() {
		const { db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Taller Abierto' });
		const write = async (overrides: Record<string, unknown>) => {
			const w = await prepareProgramWrite(db, eco.id, partner.name, programInput(overrides));
			if (!w.ok) throw new Error(JSON.stringify(w.issues));
			return w.value;
		};
		const id = await makeProgram(db, eco.id, partner, { name: 'Kite Lab', subjects: ['engineering'], locations: [{ postal_code: '19104' }] }, { now: '2026-10-01T00:00:00.000Z' });
		const find = async (qs: string) => (await findPrograms({ db, ecosystemId: eco.id, params: new URLSearchParams(qs), now: NOW })).results.map((r) => [r.program.name, Math.round(r.distance! * 10) / 10]);
		const count = async () => Number((await db.selectFrom('finder_place').select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', eco.id).executeTakeFirstOrThrow()).n);
		return { db, eco, partner, id, write, find, count };
	}

	it('follows a program’s name, filters and places as they change, and forgets a deleted one', async () => {
		const { db, eco, id, write, find, count } = await world();
		expect(await find('zip=19104&radius=2&subject=engineering')).toEqual([['Kite Lab', 0]]);
		expect(await count()).toBe(1);

		// Renamed, another subject, moved to 19154 (about 14 miles away) and a second place at 19143 (1.7 miles).
		await updateProgram(db, eco.id, id, await write({ name: 'Kite Works', subjects: ['science'], locations: [{ postal_code: '19154' }, { postal_code: '19143' }] }), null);
		expect(await count()).toBe(2);
		expect(await find('zip=19104&radius=2&subject=engineering')).toEqual([]);
		expect(await find('zip=19104&radius=5&subject=science')).toEqual([['Kite Works', 1.7]]);
		expect(await find('zip=19154&radius=2&subject=science')).toEqual([['Kite Works', 0]]);

		// Paused: gone from every search by distance; running again: back.
		await db.updateTable('program').set({ status: 'inactive' }).where('id', '=', id).execute();
		expect(await find('zip=19154&radius=2')).toEqual([]);
		await db.updateTable('program').set({ status: 'active' }).where('id', '=', id).execute();
		expect(await find('zip=19154&radius=2')).toEqual([['Kite Works', 0]]);

		// Past the grace period it is hidden; confirming it again shows it.
		await db.updateTable('program').set({ last_verified_at: '2025-01-01T00:00:00.000Z' }).where('id', '=', id).execute();
		expect(await find('zip=19154&radius=2')).toEqual([]);
		await markVerified(db, eco.id, id, 'someone', '2026-11-30T00:00:00.000Z');
		expect(await find('zip=19154&radius=2')).toEqual([['Kite Works', 0]]);

		// A change rolled back leaves the copy as it was.
		const rolledBack = await write({ name: 'Rolled Back', locations: [{ postal_code: '19104' }] });
		await expect(
			db.transaction().execute(async (trx) => {
				await updateProgram(trx, eco.id, id, rolledBack, null);
				throw new Error('stop');
			})
		).rejects.toThrow('stop');
		expect(await find('zip=19154&radius=2')).toEqual([['Kite Works', 0]]);
		expect(await count()).toBe(2);

		await deleteProgram(db, eco.id, id);
		expect(await count()).toBe(0);
		expect(await find('zip=19154&radius=25')).toEqual([]);
	});

	it('leaves a place without coordinates out of the copy (it cannot be found by distance), and takes it back once it has them', async () => {
		const { db, eco, id, find, count } = await world();
		const [place] = await db.selectFrom('program_location').select(['id', 'latitude', 'longitude']).where('program_id', '=', id).execute();
		await db.updateTable('program_location').set({ latitude: null, longitude: null, geocode_source: 'none' }).where('id', '=', place!.id).execute();
		expect(await count()).toBe(0);
		expect(await find('zip=19104&radius=25')).toEqual([]);
		const byName = await findPrograms({ db, ecosystemId: eco.id, params: new URLSearchParams('q=kite'), now: NOW });
		expect(byName.results.map((r) => r.program.name)).toEqual(['Kite Lab']);
		await db.updateTable('program_location').set({ latitude: place!.latitude, longitude: place!.longitude, geocode_source: 'given' }).where('id', '=', place!.id).execute();
		expect(await count()).toBe(1);
		expect(await find('zip=19104&radius=2')).toEqual([['Kite Lab', 0]]);
	});
});

import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram, programInput } from '../testing/program-factories.js';
import { findPrograms } from './finder.service.js';
import { deleteProgram, updateProgram } from './programs.repository.js';
import { prepareProgramWrite } from './programs.service.js';

const NOW = new Date('2026-12-01T12:00:00Z');

describeEachDatabase('finder full-text search (FTS5 / tsvector)', (get) => {
	async function world() {
		const { db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Biblioteca Pública del Norte' });
		const spanish = await makeProgram(db, eco.id, partner, {
			name: 'Búsqueda de estrellas',
			name_es: 'Búsqueda de estrellas',
			description: 'Astronomy nights for families.',
			description_es: 'Noches de astronomía y ciencias del espacio para familias; niñas y niños de 8 a 12 años.'
		}, { now: '2026-10-01T00:00:00.000Z' });
		const english = await makeProgram(db, eco.id, partner, {
			name: 'Engineering Design Lab',
			name_es: 'Laboratorio de diseño de ingeniería',
			description: 'Prototype bridges and catapults.',
			description_es: 'Puentes y catapultas.'
		}, { now: '2026-10-01T00:00:00.000Z' });
		const names = async (q: string) =>
			(await findPrograms({ db, ecosystemId: eco.id, params: new URLSearchParams({ q }), now: NOW })).results.map((r) => r.program.name).sort();
		return { db, eco, partner, spanish, english, names };
	}

	it('folds Spanish accents both ways: búsqueda ≡ busqueda, astronomía ≡ ASTRONOMIA, niñas ≡ ninas', async () => {
		const { names } = await world();
		for (const q of ['búsqueda', 'busqueda', 'BÚSQUEDA', 'astronomia', 'ASTRONOMÍA', 'niñas', 'ninas']) {
			expect(await names(q), q).toEqual(['Búsqueda de estrellas']);
		}
		expect(await names('diseño')).toEqual(['Engineering Design Lab']);
		expect(await names('diseno ingenieria')).toEqual(['Engineering Design Lab']);
	});

	it('matches every word as a prefix, in either language or the partner’s name', async () => {
		const { names } = await world();
		expect(await names('estrel')).toEqual(['Búsqueda de estrellas']);
		expect(await names('engin catapult')).toEqual(['Engineering Design Lab']);
		expect(await names('engineering estrellas')).toEqual([]);
		expect(await names('biblioteca publica')).toEqual(['Búsqueda de estrellas', 'Engineering Design Lab']);
		expect(await names('submarino')).toEqual([]);
		// Characters that mean something to FTS5 or to_tsquery are only separators here.
		expect(await names('"estrellas" * & !: ( ^')).toEqual(['Búsqueda de estrellas']);
	});

	it('keeps the index in step when a program is changed or removed, in the same transaction', async () => {
		const { db, eco, partner, spanish, english, names } = await world();
		const write = await prepareProgramWrite(db, eco.id, partner.name, programInput({ name: 'Taller de cohetes', name_es: 'Taller de cohetes', description: 'Build and launch water rockets in the park.', description_es: 'Construye y lanza cohetes de agua en el parque.' }));
		if (!write.ok) throw new Error('bad input');
		await updateProgram(db, eco.id, spanish, write.value, null);
		expect(await names('estrellas')).toEqual([]);
		expect(await names('cohetes')).toEqual(['Taller de cohetes']);

		// A change rolled back leaves the index as it was.
		await expect(
			db.transaction().execute(async (trx) => {
				await deleteProgram(trx, eco.id, english);
				throw new Error('stop');
			})
		).rejects.toThrow('stop');
		expect(await names('catapultas')).toEqual(['Engineering Design Lab']);

		await deleteProgram(db, eco.id, english);
		expect(await names('catapultas')).toEqual([]);
		expect(await names('taller')).toEqual(['Taller de cohetes']);
	});

	it('pages in the database: the count is of every match, each page holds its own programs with their places', async () => {
		const { db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Paging Partner' });
		for (let i = 0; i < 52; i++) await makeProgram(db, eco.id, partner, { name: `Coding Club ${String(i).padStart(2, '0')}` }, { now: '2026-10-01T00:00:00.000Z' });
		const find = (qs: string) => findPrograms({ db, ecosystemId: eco.id, params: new URLSearchParams(qs), now: NOW });
		const first = await find('q=coding');
		expect(first).toMatchObject({ total: 52, pageCount: 2, page: 1 });
		expect(first.results).toHaveLength(50);
		const second = await find('q=coding&page=2');
		expect(second.results.map((r) => r.program.name)).toEqual(['Coding Club 50', 'Coding Club 51']);
		expect(second.results[0]!.locations).toHaveLength(1);
		expect(second.results[0]!.schedules).toHaveLength(1);
		const near = await find('zip=19104&radius=2&page=2');
		expect(near).toMatchObject({ total: 52, pageCount: 2 });
		expect(near.results).toHaveLength(2);
	});

	it('never finds another ecosystem’s programs by words', async () => {
		const { db, names } = await world();
		const other = await makeEcosystem(db);
		await makeProgram(db, other.id, await makePartner(db, other.id), { name: 'Búsqueda ajena', name_es: 'Búsqueda ajena' });
		expect(await names('busqueda')).toEqual(['Búsqueda de estrellas']);
	});
});

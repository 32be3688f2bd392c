import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, makePartner } from '../testing/factories.js';
import { isUniqueViolation, retryOnUniqueViolation } from './unique-violation.js';

async function errorOf(write: () => Promise<unknown>): Promise<unknown> {
	try {
		await write();
	} catch (error) {
		return error;
	}
	throw new Error('the write was expected to fail');
}

describeEachDatabase('isUniqueViolation', (get) => {
	it('recognises the error the database raises for a duplicate web address', async () => {
		const { db } = get();
		const eco = await makeEcosystem(db);
		await makePartner(db, eco.id, { slug: 'same' });
		const error = await errorOf(() => makePartner(db, eco.id, { slug: 'same' }));
		expect(isUniqueViolation(error)).toBe(true);
		expect(isUniqueViolation(new Error('wrapped', { cause: error }))).toBe(true);
	});

	it('recognises a duplicate ecosystem address and a duplicate primary key', async () => {
		const { db } = get();
		const eco = await makeEcosystem(db);
		expect(isUniqueViolation(await errorOf(() => makeEcosystem(db, { slug: eco.slug })))).toBe(true);
		const row = await db.selectFrom('ecosystem').selectAll().where('id', '=', eco.id).executeTakeFirstOrThrow();
		expect(isUniqueViolation(await errorOf(() => db.insertInto('ecosystem').values({ ...row, slug: `${eco.slug}-copy` }).execute()))).toBe(true);
	});

	it('does not mistake other refusals for a taken address', async () => {
		const { db } = get();
		// A partner of an ecosystem that does not exist breaks a foreign key, not a unique constraint.
		expect(isUniqueViolation(await errorOf(() => makePartner(db, 'no-such-ecosystem')))).toBe(false);
		expect(isUniqueViolation(await errorOf(() => db.selectFrom('no_such_table' as 'ecosystem').selectAll().execute()))).toBe(false);
	});
});

describe('retryOnUniqueViolation', () => {
	const collision = Object.assign(new Error('duplicate key value violates unique constraint "x"'), { code: '23505' });

	it('runs the attempt once more after a collision', async () => {
		let calls = 0;
		const result = await retryOnUniqueViolation(
			async () => {
				calls++;
				if (calls === 1) throw collision;
				return 'second';
			},
			() => 'taken'
		);
		expect([result, calls]).toEqual(['second', 2]);
	});

	it('gives the field issue after a second collision, and passes other errors on', async () => {
		let calls = 0;
		const fail = async (): Promise<string> => {
			calls++;
			throw collision;
		};
		expect(await retryOnUniqueViolation(fail, () => 'taken')).toBe('taken');
		expect(calls).toBe(2);
		await expect(retryOnUniqueViolation(() => Promise.reject(new Error('disk full')), () => 'taken')).rejects.toThrow('disk full');
	});
});

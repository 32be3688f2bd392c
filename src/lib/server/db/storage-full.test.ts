import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { createContext } from '../context.js';
import { makeEcosystem, makePartner } from '../testing/factories.js';
import { isDatabaseUnavailable, isStorageFull } from './unavailable.js';

describe('SQLite with its disk full', () => {
	it('refuses the write with a recognisable error, keeps what was stored, and stays intact', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'parity-full-'));
		const ctx = await createContext({ databaseUrl: join(dir, 'full.sqlite'), secret: 'x'.repeat(40), origin: 'http://localhost' });
		try {
			const db = ctx.db.kysely;
			const eco = await makeEcosystem(db);
			await makePartner(db, eco.id, { name: 'Stored Before The Disk Filled' });
			const before = await db.selectFrom('partner').select('id').where('ecosystem_id', '=', eco.id).execute();
			// The file may not grow any more: the same error SQLite gives when the disk itself is full.
			const { page_count } = ctx.db.sqlite!.prepare('PRAGMA page_count').get() as { page_count: number };
			ctx.db.sqlite!.exec(`PRAGMA max_page_count = ${page_count}`);

			let caught: unknown;
			try {
				await db.transaction().execute(async (trx) => {
					for (let i = 0; i < 500; i += 1) await makePartner(trx, eco.id, { name: `Partner ${i} ${'x'.repeat(2000)}` });
				});
			} catch (error) {
				caught = error;
			}
			expect(caught).toBeDefined();
			expect(isStorageFull(caught)).toBe(true);
			expect(isDatabaseUnavailable(caught)).toBe(false);

			// All or nothing: none of the 500 rows, every earlier row.
			expect(await db.selectFrom('partner').select('id').where('ecosystem_id', '=', eco.id).execute()).toEqual(before);
			const check = await sql<{ integrity_check: string }>`PRAGMA integrity_check`.execute(db);
			expect(check.rows).toEqual([{ integrity_check: 'ok' }]);

			// Once space is freed, writing works again.
			ctx.db.sqlite!.exec('PRAGMA max_page_count = 1073741823');
			await makePartner(db, eco.id, { name: 'After Space Was Freed' });
			expect(await db.selectFrom('partner').select('id').where('ecosystem_id', '=', eco.id).execute()).toHaveLength(before.length + 1);
		} finally {
			await ctx.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});

	it.each([
		[Object.assign(new Error('could not extend file "base/16384/2619": No space left on device'), { code: '53100' }), true],
		[Object.assign(new Error('database or disk is full'), { code: 'ERR_SQLITE_ERROR', errcode: 13 }), true],
		[Object.assign(new Error('UNIQUE constraint failed: partner.slug'), { code: 'ERR_SQLITE_ERROR', errcode: 2067 }), false],
		[new Error('Connection terminated unexpectedly'), false],
	])('classifies %s', (error, full) => expect(isStorageFull(error)).toBe(full));
});

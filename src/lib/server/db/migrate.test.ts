import { expect, it } from 'vitest';
import { getMigrations } from 'better-auth/db/migration';
import { describeEachDatabase } from '../testing/databases.js';
import { migrateToLatest, migrations } from './migrate.js';

describeEachDatabase('migrations', (get) => {
	it('records every migration as applied once the context is open', async () => {
		const rows = await get().db.selectFrom('parity_migration' as never).select('name' as never).execute();
		expect(rows.map((r) => (r as { name: string }).name)).toEqual(Object.keys(migrations));
	});

	it('does nothing when applied a second time', async () => {
		const again = await migrateToLatest(get().db);
		expect(again.error).toBeUndefined();
		expect(again.results).toEqual([]);
	});

	it('leaves better-auth nothing to create, add or index (the frozen schema matches better-auth)', async () => {
		const plan = await getMigrations(get().ctx.auth.options, { throwOnUnsafe: false });
		expect(plan.toBeCreated.map((t) => t.table)).toEqual([]);
		expect(plan.toBeAdded.map((t) => `${t.table}: ${Object.keys(t.fields).join(', ')}`)).toEqual([]);
		expect(plan.toBeAddedIndexes.map((i) => i.name)).toEqual([]);
		expect(plan.schemaProblems).toEqual([]);
	});
});

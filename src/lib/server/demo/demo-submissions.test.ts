import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEachDatabase } from '../testing/databases.js';
import { seedDemoIfEmpty } from './seed.js';
import { demoMeasurement } from './demo-measurement.js';
import { apportion, splitAmongPartners } from './demo-submissions.js';

describe('apportion', () => {
	it('splits a whole number exactly, in proportion', () => {
		expect(apportion(10, [1, 1, 1])).toEqual([4, 3, 3]);
		expect(apportion(0, [3, 2])).toEqual([0, 0]);
		fc.assert(
			fc.property(fc.nat(100_000), fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 8 }), (total, weights) => {
				const parts = apportion(total, weights);
				return parts.reduce((a, b) => a + b, 0) === total && parts.every((p) => p >= 0 && Number.isInteger(p));
			})
		);
	});
});

describe('splitAmongPartners', () => {
	it('gives each partner consistent cells that add up to the network’s', () => {
		const metric = demoMeasurement.philadelphia!.metrics.find((m) => m.slug === 'ost-stem-participation')!;
		const network = new Map(metric.values.filter((v) => v.year === 2022).map((v) => [v.group, v.value]));
		const parts = splitAmongPartners(network, [33, 21, 12]);
		for (const [key, value] of network) expect(parts.reduce((sum, p) => sum + p.get(key)!, 0), key).toBe(value);
		for (const p of parts) {
			expect(p.get('all')).toBe(p.get('female')! + p.get('male')!);
			expect(p.get('black')).toBe(p.get('black:female')! + p.get('black:male')!);
		}
	});
});

describeEachDatabase('demo submissions in the seed', (get) => {
	it('flow through cycles whose accepted rollups are exactly the demo’s partner figures, plus an open cycle', async () => {
		const { ctx, db } = get();
		const started = Date.now();
		await seedDemoIfEmpty(ctx);
		console.log(`demo seed with submissions: ${Date.now() - started} ms`);
		const eco = await db.selectFrom('ecosystem').select('id').where('slug', '=', 'philadelphia').executeTakeFirstOrThrow();
		const stored = await db
			.selectFrom('metric_value')
			.innerJoin('metric', 'metric.id', 'metric_value.metric_id')
			.select(['metric.slug', 'metric_value.year', 'metric_value.group_key', 'metric_value.value', 'metric_value.origin'])
			.where('metric_value.ecosystem_id', '=', eco.id)
			.where('metric_value.origin', '=', 'partners')
			.execute();
		const expected = demoMeasurement.philadelphia!.metrics.filter((m) => m.origin === 'partners').flatMap((m) => m.values.map((v) => `${m.slug}/${v.year}/${v.group}=${v.value}`));
		expect(stored.map((r) => `${r.slug}/${Number(r.year)}/${r.group_key}=${Number(r.value)}`).sort()).toEqual(expected.sort());
		const statuses = await db
			.selectFrom('submission')
			.innerJoin('collection_cycle', 'collection_cycle.id', 'submission.cycle_id')
			.select(['collection_cycle.year', 'submission.status'])
			.where('submission.ecosystem_id', '=', eco.id)
			.execute();
		const count = (year: number, status: string) => statuses.filter((s) => Number(s.year) === year && s.status === status).length;
		expect(count(2021, 'superseded')).toBe(1);
		expect(count(2025, 'accepted')).toBeGreaterThan(3);
		expect(count(2026, 'submitted')).toBeGreaterThan(0);
		expect(count(2026, 'returned')).toBe(1);
		const cycles = await db.selectFrom('collection_cycle').select('name').where('ecosystem_id', '=', eco.id).execute();
		expect(cycles.every((c) => c.name.includes('synthetic'))).toBe(true);
	});
});

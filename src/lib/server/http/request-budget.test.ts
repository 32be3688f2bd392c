import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { requestBudgetSpent, retryAfterSeconds, takeRequestBudget } from './request-budget.js';

describeEachDatabase('request budget', (get) => {
	const t0 = new Date('2027-01-01T00:00:00Z');
	const hour = 60 * 60 * 1000;

	it('allows the limit within one window, then refuses until the next window', async () => {
		const { db } = get();
		const key = `story:${Math.random()}`;
		const taken = [];
		for (let i = 0; i < 4; i++) taken.push(await takeRequestBudget(db, key, 3, hour, new Date(t0.getTime() + i * 1000)));
		expect(taken).toEqual([true, true, true, false]);
		expect(await takeRequestBudget(db, key, 3, hour, new Date(t0.getTime() + hour))).toBe(true);
	});

	it('keeps one count per key', async () => {
		const { db } = get();
		const a = `a:${Math.random()}`;
		const b = `b:${Math.random()}`;
		expect(await takeRequestBudget(db, a, 1, hour, t0)).toBe(true);
		expect(await takeRequestBudget(db, a, 1, hour, t0)).toBe(false);
		expect(await takeRequestBudget(db, b, 1, hour, t0)).toBe(true);
	});

	it('counts requests that arrive together exactly once each (one statement per request)', async () => {
		const { db } = get();
		const key = `burst:${Math.random()}`;
		const results = await Promise.all(Array.from({ length: 8 }, () => takeRequestBudget(db, key, 5, hour, t0)));
		expect(results.filter(Boolean)).toHaveLength(5);
	});
});

describeEachDatabase('request budget: reading without taking', (get) => {
	const t0 = new Date('2027-01-01T00:00:00Z');
	const hour = 60 * 60 * 1000;

	it('says a key is spent only once its window holds the limit, and not in the next window', async () => {
		const { db } = get();
		const key = `peek:${Math.random()}`;
		expect(await requestBudgetSpent(db, key, 2, hour, t0)).toBe(false);
		await takeRequestBudget(db, key, 2, hour, t0);
		expect(await requestBudgetSpent(db, key, 2, hour, t0)).toBe(false);
		await takeRequestBudget(db, key, 2, hour, t0);
		expect(await requestBudgetSpent(db, key, 2, hour, t0)).toBe(true);
		// Reading does not spend: still exactly spent, and the next window is fresh.
		expect(await requestBudgetSpent(db, key, 3, hour, t0)).toBe(false);
		expect(await requestBudgetSpent(db, key, 2, hour, new Date(t0.getTime() + hour))).toBe(false);
	});
});

it('retry-after counts the seconds left in the window, at least one', () => {
	const minute = 60_000;
	expect(retryAfterSeconds(minute, new Date('2027-01-01T00:00:00Z'))).toBe(60);
	expect(retryAfterSeconds(minute, new Date('2027-01-01T00:00:45.200Z'))).toBe(15);
	expect(retryAfterSeconds(minute, new Date('2027-01-01T00:00:59.999Z'))).toBe(1);
});

import { sql } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';

/**
 * Request budgets kept in the database (table `request_budget`), so every server process shares
 * one count: a limit held in one process's memory would let N processes take N times the budget.
 * Keys name the page and a client (e.g. "verify:198.18.0.1", or a keyed hash of an address).
 */

/**
 * One request against a fixed-window budget for `key`: true when it fits, false when the window's
 * budget is spent. The upsert is a single statement, so concurrent requests cannot both take the
 * last unit.
 */
export async function takeRequestBudget(db: Executor, key: string, limit: number, windowMs: number, now = new Date()): Promise<boolean> {
	const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
	const row = await db
		.insertInto('request_budget')
		.values({ key, window_start: windowStart, count: 1 })
		.onConflict((oc) =>
			oc.column('key').doUpdateSet({
				count: sql`case when request_budget.window_start = excluded.window_start then request_budget.count + 1 else 1 end`,
				window_start: sql`excluded.window_start`
			})
		)
		.returning('count')
		.executeTakeFirstOrThrow();
	return Number(row.count) <= limit;
}

/** True when `key` has already spent `limit` in the current window (reads only; takes nothing). */
export async function requestBudgetSpent(db: Executor, key: string, limit: number, windowMs: number, now = new Date()): Promise<boolean> {
	const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs).toISOString();
	const row = await db.selectFrom('request_budget').select('count').where('key', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
	return !!row && Number(row.count) >= limit;
}

/** Whole seconds until the current window ends: the Retry-After of a refused request. */
export function retryAfterSeconds(windowMs: number, now = new Date()): number {
	return Math.max(1, Math.ceil((windowMs - (now.getTime() % windowMs)) / 1000));
}

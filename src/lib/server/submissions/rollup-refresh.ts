/**
 * The network's rollups (`metric_value` of origin 'partners') recomputed as a job of the durable
 * queue, for bulk re-computations: every year of an ecosystem, or one year, after a data repair or
 * a change made outside the review (`npm run rollups`). Accepting a submission does NOT go through
 * here: it refreshes its year's rollups in the accept's own transaction (cycles.service.ts), so the
 * moment the accept commits every server reads the new numbers and re-renders its cached charts
 * (their cache key is the data version those rows move). A job would leave a window in which an
 * accepted submission is missing from the public dashboard; the refresh is small (sums of accepted
 * cells, never participant rows), so it stays in the transaction. Why, at length: docs/deploy.md.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { JobQueue } from '../jobs/jobs.js';
import { refreshRollups } from './cycles.service.js';

export const ROLLUP_REFRESH_QUEUE = 'rollups.refresh';

export interface RollupRefreshJobData {
	ecosystemId: string;
	/** One year; every year the ecosystem's cycles cover when absent. */
	year?: number;
}

/** Recomputes the rollups in one transaction: readers see the old numbers or the new, never a mix. */
export async function refreshEcosystemRollups({ db, ecosystemId, year }: { db: Kysely<Database> } & RollupRefreshJobData): Promise<{ years: number[]; values: number }> {
	return db.transaction().execute(async (trx) => {
		const years =
			year !== undefined
				? [year]
				: (await trx.selectFrom('collection_cycle').select('year').distinct().where('ecosystem_id', '=', ecosystemId).orderBy('year').execute()).map((row) => Number(row.year));
		let values = 0;
		for (const y of years) values += await refreshRollups(trx, ecosystemId, y);
		return { years, values };
	});
}

/** Enqueues a re-computation; the queue runs it on one server, retried with back-off if it fails. */
export function requestRollupRefresh(jobs: JobQueue, data: RollupRefreshJobData): Promise<string | null> {
	return jobs.send(ROLLUP_REFRESH_QUEUE, data);
}

export async function workRollupRefreshes(jobs: JobQueue, db: Kysely<Database>): Promise<void> {
	await jobs.work<RollupRefreshJobData>(ROLLUP_REFRESH_QUEUE, (data) => refreshEcosystemRollups({ db, ...data }));
}

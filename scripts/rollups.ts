/**
 * `npm run rollups -- <ecosystem-slug> [year]`: recomputes an ecosystem's network numbers (the
 * rollups the public dashboard reads) from its accepted submissions, as a job of the durable queue
 * that a running server works (it shows on the ecosystem's jobs page). For bulk re-computations;
 * accepting a submission already refreshes its year.
 */
import { openDatabase } from '../src/lib/server/db/connection.js';
import { config } from '../src/lib/server/config.js';
import { createJobQueue } from '../src/lib/server/jobs/index.js';
import { findEcosystemBySlug } from '../src/lib/server/ecosystems/ecosystems.repository.js';
import { requestRollupRefresh } from '../src/lib/server/submissions/rollup-refresh.js';

const [slug, yearText] = process.argv.slice(2);
const year = yearText === undefined ? undefined : Number(yearText);
if (!slug || (year !== undefined && !Number.isInteger(year))) {
	console.error('Usage: npm run rollups -- <ecosystem-slug> [year]');
	process.exit(1);
}
const db = openDatabase(config().DATABASE_URL);
const jobs = createJobQueue(db);
try {
	const ecosystem = await findEcosystemBySlug(db.kysely, slug);
	if (!ecosystem) throw new Error(`No ecosystem has the address "${slug}".`);
	const id = await requestRollupRefresh(jobs, { ecosystemId: ecosystem.id, ...(year === undefined ? {} : { year }) });
	console.log(`Queued job ${id} (rollups.refresh) for ${ecosystem.name}${year === undefined ? ', every year' : `, ${year}`}; a running server works it.`);
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
} finally {
	await jobs.stop();
	await db.close();
}

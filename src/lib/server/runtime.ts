import { config } from './config.js';
import { createContext, type AppContext } from './context.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import { scheduledWork, scheduleWork } from './scheduled-work.js';
import { createJobQueue, type JobQueue } from './jobs/index.js';
import { log } from './log.js';
import { scheduledBackupWork } from './db/scheduled-backup.js';
import { workParticipantImports } from './participants/participants.queue.js';
import { workRollupRefreshes } from './submissions/rollup-refresh.js';

/**
 * The server process's one AppContext, created by the `init` hook: opens the database, applies
 * migrations, seeds the demo into an empty database (DEMO=true), and starts the durable job queue
 * (jobs/: pg-boss on PostgreSQL, a table worked in process on SQLite) with the scheduled work
 * (scheduled-work.ts: mail retries, reminders, purges) as periodic jobs, so with several app
 * servers each run happens once.
 */
let current: AppContext | undefined;
let queue: JobQueue | undefined;
let starting: Promise<AppContext> | undefined;

export function startRuntime(): Promise<AppContext> {
	starting ??= (async () => {
		const ctx = await createContext();
		if (config().DEMO) {
			const seeded = await seedDemoIfEmpty(ctx);
			if (seeded) log('info', 'seeded demo data', { ecosystems: seeded.ecosystems, accounts: seeded.accounts });
		}
		const origin = config().ORIGIN ?? `http://localhost:${config().PORT}`;
		const jobs = createJobQueue(ctx.db);
		await jobs.start();
		const cfg = config();
		const backups = scheduledBackupWork({ dir: cfg.BACKUP_DIR, everyMinutes: cfg.BACKUP_EVERY_MINUTES, keep: cfg.BACKUP_KEEP }, ctx.db.dialect);
		await scheduleWork(jobs, ctx, origin, [...scheduledWork, ...backups]);
		await workParticipantImports(jobs, ctx.db.kysely, { twoFactor: { forAdmins: cfg.TWO_FACTOR_FOR_ADMINS, demo: cfg.DEMO } });
		await workRollupRefreshes(jobs, ctx.db.kysely);
		process.once('sveltekit:shutdown' as 'exit', () => {
			void jobs.stop().finally(() => ctx.close());
		});
		queue = jobs;
		current = ctx;
		return ctx;
	})();
	return starting;
}

export function runtime(): AppContext {
	if (!current) throw new Error('Parity runtime used before the init hook finished');
	return current;
}

/** The server process's job queue (the admin page lists its recent jobs). */
export function jobQueue(): JobQueue {
	if (!queue) throw new Error('Parity job queue used before the init hook finished');
	return queue;
}

import { config } from './config.js';
import { createContext, type AppContext } from './context.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import { scheduledWork } from './scheduled-work.js';

/**
 * The server process's one AppContext, created by the `init` hook: opens the database, applies
 * migrations, seeds the demo into an empty database (DEMO=true), and starts the timers of the
 * scheduled work (scheduled-work.ts: mail retries, reminders, purges).
 */
let current: AppContext | undefined;
let starting: Promise<AppContext> | undefined;

export function startRuntime(): Promise<AppContext> {
	starting ??= (async () => {
		const ctx = await createContext();
		if (config().DEMO) {
			const seeded = await seedDemoIfEmpty(ctx);
			if (seeded) console.log(`Parity: seeded demo data (${seeded.ecosystems} ecosystems, ${seeded.accounts} accounts).`);
		}
		const origin = config().ORIGIN ?? `http://localhost:${config().PORT}`;
		const timers = scheduledWork.map((work) => {
			const run = () => void work.run({ ctx, origin }).catch((error: unknown) => console.error(`Parity: ${work.name} failed`, error));
			if (work.atStart) run();
			const timer = setInterval(run, work.everyMs);
			timer.unref();
			return timer;
		});
		process.once('sveltekit:shutdown' as 'exit', () => {
			for (const timer of timers) clearInterval(timer);
			void ctx.close();
		});
		current = ctx;
		return ctx;
	})();
	return starting;
}

export function runtime(): AppContext {
	if (!current) throw new Error('Parity runtime used before the init hook finished');
	return current;
}

import { config } from './config.js';
import { createContext, type AppContext } from './context.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import { purgeStories } from './stories/stories.service.js';

/**
 * The server process's one AppContext, created by the `init` hook: opens the database, applies
 * migrations, seeds the demo into an empty database (DEMO=true), starts the mail retry timer and
 * the hourly youth-story purge.
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
		const retry = setInterval(() => void ctx.mailer.flush().catch(() => {}), 60_000);
		retry.unref();
		// Youth stories: record expired consent and delete what is due (withdrawn, expired, unconsented).
		const purge = () => void purgeStories({ db: ctx.db.kysely }).catch((error) => console.error('Parity: story purge failed', error));
		purge();
		const purgeTimer = setInterval(purge, 60 * 60_000);
		purgeTimer.unref();
		process.once('sveltekit:shutdown' as 'exit', () => {
			clearInterval(retry);
			clearInterval(purgeTimer);
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

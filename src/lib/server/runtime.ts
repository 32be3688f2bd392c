import { config } from './config.js';
import { createContext, type AppContext } from './context.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import { sendDueReminders } from './submissions/cycles.service.js';

/**
 * The server process's one AppContext, created by the `init` hook: opens the database, applies
 * migrations, seeds the demo into an empty database (DEMO=true), starts the mail retry timer and
 * the hourly due-date reminders to partners (each partner is reminded once per cycle).
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
		const origin = config().ORIGIN ?? `http://localhost:${config().PORT}`;
		const remindDue = () => void sendDueReminders({ ctx, origin }).catch((error: unknown) => console.error('Parity: due-date reminders failed', error));
		const reminders = setInterval(remindDue, 3_600_000);
		reminders.unref();
		process.once('sveltekit:shutdown' as 'exit', () => {
			clearInterval(retry);
			clearInterval(reminders);
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

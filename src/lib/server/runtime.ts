import { config } from './config.js';
import { createContext, type AppContext } from './context.js';
import { seedDemoIfEmpty } from './demo/seed.js';
import { closeExpiredOpportunities } from './opportunities/opportunities.service.js';
import { sendOverdueReminders } from './lending/lending.service.js';

/**
 * The server process's one AppContext, created by the `init` hook: opens the database, applies
 * migrations, seeds the demo into an empty database (DEMO=true), starts the mail retry timer.
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
		// Opportunities close themselves once their deadline day is over (reads already treat them as
		// closed); overdue loans get at most one reminder a day.
		const sweep = () => {
			void closeExpiredOpportunities({ db: ctx.db.kysely }).catch((error) => console.error('Closing expired opportunities failed:', error));
			void sendOverdueReminders({ ctx }).catch((error) => console.error('Sending overdue reminders failed:', error));
		};
		sweep();
		const expiry = setInterval(sweep, 3_600_000);
		expiry.unref();
		process.once('sveltekit:shutdown' as 'exit', () => {
			clearInterval(retry);
			clearInterval(expiry);
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

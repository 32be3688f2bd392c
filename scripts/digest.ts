/**
 * `npm run digest` (meant for cron, e.g. Mondays at 7:00): sends each person who chose the weekly
 * digest one email with what is new for them since their last one. Safe to run again after an
 * interruption: nobody gets a second digest for the same week. Links start with ORIGIN.
 */
import { createContext } from '../src/lib/server/context.js';
import { config } from '../src/lib/server/config.js';
import { runDigest } from '../src/lib/server/announcements/announcements.service.js';

const origin = config().ORIGIN;
if (!origin) {
	console.error('Set ORIGIN (e.g. https://parity.example.org): digest emails link back to it.');
	process.exit(1);
}
const ctx = await createContext();
try {
	const { sent } = await runDigest({ ctx, origin });
	// Digests queued by an earlier run that stopped before delivering go out now.
	await ctx.mailer.flush();
	console.log(`Digests queued: ${sent}${ctx.mailer.delivers ? '' : ' (no SMTP_URL: held in the outbox)'}`);
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
} finally {
	await ctx.close();
}

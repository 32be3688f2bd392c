/**
 * `npm run reminders` (meant for cron, e.g. every 15 minutes): emails event reminders that are
 * due. Each reminder is marked sent in the transaction that queues it, so overlapping or repeated
 * runs never send one twice. Links in the emails start with ORIGIN, which must be set.
 */
import { createContext } from '../src/lib/server/context.js';
import { config } from '../src/lib/server/config.js';
import { sendDueReminders } from '../src/lib/server/events/events.service.js';

const origin = config().ORIGIN;
if (!origin) {
	console.error('Set ORIGIN (e.g. https://parity.example.org): reminder emails link back to it.');
	process.exit(1);
}
const ctx = await createContext();
try {
	const sent = await sendDueReminders({ ctx, origin });
	console.log(`Event reminders queued: ${sent}${ctx.mailer.delivers ? '' : ' (no SMTP_URL: held in the outbox)'}`);
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
} finally {
	await ctx.close();
}

import type { AppContext } from './context.js';
import { sendDueReminders } from './submissions/cycles.service.js';
import { purgeStories } from './stories/stories.service.js';
import { sendDueReminders as sendEventReminders } from './events/events.service.js';
import { closeExpiredOpportunities } from './opportunities/opportunities.service.js';
import { sendOverdueReminders } from './lending/lending.service.js';
import { sendStaleListingNotices } from './programs/stale-notices.service.js';

/**
 * Work the server does on a timer, in this process. Each task is idempotent (it records what it
 * did in the database), so running it twice, or in two processes, does no harm.
 */
export interface ScheduledWork {
	name: string;
	everyMs: number;
	/** Also run once when the server starts (work that must not wait an hour after a restart). */
	atStart?: boolean;
	run(args: { ctx: AppContext; origin: string }): Promise<unknown>;
}

const minute = 60_000;
const hour = 60 * minute;

export const scheduledWork: ScheduledWork[] = [
	{ name: 'mail retries', everyMs: minute, run: ({ ctx }) => ctx.mailer.flush() },
	// Each partner is reminded once per cycle before the due date.
	{ name: 'due-date reminders', everyMs: hour, run: ({ ctx, origin }) => sendDueReminders({ ctx, origin }) },
	// A day before each event (configurable per event), to everyone holding a seat.
	{ name: 'event reminders', everyMs: 5 * minute, run: ({ ctx, origin }) => sendEventReminders({ ctx, origin }) },
	// Youth stories: record expired consent and delete what is due (withdrawn, expired, unconsented).
	{ name: 'story purge', everyMs: hour, atStart: true, run: ({ ctx }) => purgeStories({ db: ctx.db.kysely }) },
	// Opportunities close themselves once their deadline day is over (reads already treat them as closed).
	{ name: 'closing expired opportunities', everyMs: hour, atStart: true, run: ({ ctx }) => closeExpiredOpportunities({ db: ctx.db.kysely }) },
	// Overdue loans get at most one reminder a day.
	{ name: 'overdue-loan reminders', everyMs: hour, atStart: true, run: ({ ctx }) => sendOverdueReminders({ ctx }) },
	// Program listings unconfirmed for a year: one notice to their partner per unconfirmed year.
	{ name: 'stale program listing notices', everyMs: 6 * hour, run: ({ ctx, origin }) => sendStaleListingNotices({ ctx, origin }) },
];

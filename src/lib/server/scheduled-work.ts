import type { AppContext } from './context.js';
import { sendDueReminders } from './submissions/cycles.service.js';
import { purgeStories } from './stories/stories.service.js';
import { sendDueReminders as sendEventReminders } from './events/events.service.js';
import { closeExpiredOpportunities } from './opportunities/opportunities.service.js';
import { sendOverdueReminders } from './lending/lending.service.js';
import { sendStaleListingNotices } from './programs/stale-notices.service.js';
import { sendScheduledDigest } from './announcements/announcements.service.js';
import { listEcosystems } from './ecosystems/ecosystems.repository.js';
import { removeAbandonedUploads } from './participants/participants.queue.js';
import { slotKey, type JobPolicy, type JobQueue } from './jobs/jobs.js';

/**
 * Work the server does on a timer, in this process. Each task is idempotent (it records what it
 * did in the database), so running it twice, or in two processes, does no harm.
 */
export interface ScheduledWork {
	name: string;
	everyMs: number;
	/** Also run once when the server starts (work that must not wait an hour after a restart). */
	atStart?: boolean;
	/**
	 * Each run becomes one job per ecosystem (`<name>/ecosystem`, data `{ ecosystemId }`), so each
	 * ecosystem's backbone admins see its runs, retries and errors; one ecosystem's failure does not
	 * hold up the others.
	 */
	perEcosystem?: boolean;
	/** Retries and back-off, when not the queue's defaults. */
	policy?: Partial<JobPolicy>;
	run(args: { ctx: AppContext; origin: string; ecosystemId?: string }): Promise<unknown>;
}

const minute = 60_000;
const hour = 60 * minute;

export const scheduledWork: ScheduledWork[] = [
	{ name: 'mail retries', everyMs: minute, run: ({ ctx }) => ctx.mailer.flush() },
	// Each partner is reminded once per cycle before the due date.
	{ name: 'due-date reminders', everyMs: hour, perEcosystem: true, run: ({ ctx, origin, ecosystemId }) => sendDueReminders({ ctx, origin, ecosystemId }) },
	// A day before each event (configurable per event), to everyone holding a seat.
	{ name: 'event reminders', everyMs: 5 * minute, perEcosystem: true, run: ({ ctx, origin, ecosystemId }) => sendEventReminders({ ctx, origin, ecosystemId }) },
	// Youth stories: record expired consent and delete what is due (withdrawn, expired, unconsented).
	{ name: 'story purge', everyMs: hour, atStart: true, perEcosystem: true, run: ({ ctx, ecosystemId }) => purgeStories({ db: ctx.db.kysely, ecosystemId }) },
	// Opportunities close themselves once their deadline day is over (reads already treat them as closed).
	{ name: 'closing expired opportunities', everyMs: hour, atStart: true, run: ({ ctx }) => closeExpiredOpportunities({ db: ctx.db.kysely }) },
	// Overdue loans get at most one reminder a day.
	{ name: 'overdue-loan reminders', everyMs: hour, atStart: true, run: ({ ctx }) => sendOverdueReminders({ ctx }) },
	// Program listings unconfirmed for a year: one notice to their partner per unconfirmed year.
	// The weekly digest: the hourly run sends only on Monday mornings in the ecosystem's time zone.
	{ name: 'weekly digest', everyMs: hour, perEcosystem: true, run: ({ ctx, origin, ecosystemId }) => sendScheduledDigest({ ctx, origin, ecosystemId }) },
	{ name: 'stale program listing notices', everyMs: 6 * hour, perEcosystem: true, run: ({ ctx, origin, ecosystemId }) => sendStaleListingNotices({ ctx, origin, ecosystemId }) },
	// Uploaded participant files whose import ended without removing them, or uploads cut off a day ago.
	{ name: 'abandoned upload files', everyMs: 6 * hour, perEcosystem: true, run: ({ ctx, ecosystemId }) => (ecosystemId ? removeAbandonedUploads({ db: ctx.db.kysely, ecosystemId }) : Promise.resolve(0)) },
];

/** The queue of one ecosystem's share of a periodic run. */
export const perEcosystemQueue = (work: Pick<ScheduledWork, 'name'>) => `${work.name}/ecosystem`;

/**
 * Puts the scheduled work on the durable queue: each item is a periodic job (once per period
 * across every server). A per-ecosystem item's periodic job only fans out: it sends one job per
 * ecosystem, keyed by period and ecosystem, so a retried or doubled fan-out sends each once.
 */
export async function scheduleWork(jobs: JobQueue, ctx: AppContext, origin: string, works: readonly ScheduledWork[] = scheduledWork, now: () => Date = () => new Date()): Promise<void> {
	for (const work of works) {
		if (work.perEcosystem) {
			await jobs.work<{ ecosystemId?: string }>(perEcosystemQueue(work), (data) => work.run({ ctx, origin, ecosystemId: data.ecosystemId }), work.policy);
			await jobs.work(work.name, async () => {
				const slot = slotKey(work.everyMs, now());
				let sent = 0;
				for (const ecosystem of await listEcosystems(ctx.db.kysely)) {
					if (await jobs.send(perEcosystemQueue(work), { ecosystemId: ecosystem.id }, { singletonKey: `${slot}:${ecosystem.id}` })) sent += 1;
				}
				return { ecosystems: sent };
			});
		} else {
			await jobs.work(work.name, () => work.run({ ctx, origin }), work.policy);
		}
		await jobs.every(work.name, work.everyMs);
		// Several servers starting in one period send one start-up run between them.
		if (work.atStart) await jobs.send(work.name, {}, { singletonKey: `start:${slotKey(work.everyMs, now())}` });
	}
}

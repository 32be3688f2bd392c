import * as m from '#lib/paraglide/messages.js';

/**
 * Readable names of the job queue's kinds for the admin jobs pages, in the current language, by
 * queue name (`queueName` of the scheduled work's name, or a job's own queue). A per-ecosystem
 * share of a scheduled run is its queue name followed by `/ecosystem`.
 */
const labels: Record<string, () => string> = {
	'participants.import': m.jobs_work_participants_import,
	'rollups.refresh': m.jobs_work_rollups_refresh,
	'abandoned-upload-files': m.jobs_work_abandoned_upload_files,
	'mail-retries': m.jobs_work_mail_retries,
	'due-date-reminders': m.jobs_work_due_date_reminders,
	'event-reminders': m.jobs_work_event_reminders,
	'story-purge': m.jobs_work_story_purge,
	'closing-expired-opportunities': m.jobs_work_closing_opportunities,
	'overdue-loan-reminders': m.jobs_work_overdue_loans,
	'weekly-digest': m.jobs_work_weekly_digest,
	'stale-program-listing-notices': m.jobs_work_stale_listings,
	'sqlite-backup': m.jobs_work_sqlite_backup
};

const PER_ECOSYSTEM = '/ecosystem';

/** The kind a queue name belongs to, when it has a readable name. */
export function jobKind(name: string): string | null {
	const base = name.endsWith(PER_ECOSYSTEM) ? name.slice(0, -PER_ECOSYSTEM.length) : name;
	return base in labels ? base : null;
}

/**
 * The job's readable name (the queue name itself for a kind without one). On the deployment-wide
 * page a per-ecosystem share says so; an ecosystem's own page lists nothing else.
 */
export function jobLabel(name: string, { perEcosystemNoted = false } = {}): string {
	const kind = jobKind(name);
	if (!kind) return name;
	const label = labels[kind]!();
	return perEcosystemNoted && name.endsWith(PER_ECOSYSTEM) ? m.jobs_work_per_ecosystem({ job: label }) : label;
}

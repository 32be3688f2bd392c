import type { Actor } from '../auth/roles.js';
import { requireAccess } from '../auth/access.js';
import type { JobQueue, JobView } from './jobs.js';

/** The deployment's background work, newest first: for the platform admin, never job data. */
export async function readRecentJobs({ jobs, actor, limit = 200 }: { jobs: JobQueue; actor: Actor; limit?: number }): Promise<{ backend: JobQueue['backend']; jobs: JobView[] }> {
	requireAccess(actor, 'platform.ecosystems.manage');
	return { backend: jobs.backend, jobs: await jobs.recent(limit) };
}

/**
 * One ecosystem's background work, newest first: for its backbone admins (the audit-log
 * permission, with two-factor sign-in), never job data and never another ecosystem's jobs.
 */
export async function readEcosystemJobs({ jobs, actor, ecosystemId, limit = 200 }: { jobs: JobQueue; actor: Actor; ecosystemId: string; limit?: number }): Promise<{ backend: JobQueue['backend']; jobs: JobView[] }> {
	requireAccess(actor, 'ecosystem.audit.read', { ecosystemId });
	return { backend: jobs.backend, jobs: await jobs.recent(limit, { ecosystemId }) };
}

import type { Actor } from '../auth/roles.js';
import { requireAccess } from '../auth/access.js';
import type { JobQueue, JobView } from './jobs.js';

/** The deployment's background work, newest first: for the platform admin, never job data. */
export async function readRecentJobs({ jobs, actor, limit = 200 }: { jobs: JobQueue; actor: Actor; limit?: number }): Promise<{ backend: JobQueue['backend']; jobs: JobView[] }> {
	requireAccess(actor, 'platform.ecosystems.manage');
	return { backend: jobs.backend, jobs: await jobs.recent(limit) };
}

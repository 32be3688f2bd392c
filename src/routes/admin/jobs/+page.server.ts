import type { PageServerLoad } from './$types';
import { jobQueue, runtime } from '#lib/server/runtime.js';
import { readRecentJobs } from '#lib/server/jobs/jobs.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDateTime } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	runtime();
	const { backend, jobs } = await guard(event, () => readRecentJobs({ jobs: jobQueue(), actor: event.locals.actor }));
	const when = (iso: string | null) => (iso ? formatDateTime(iso, event.locals.locale) : '');
	return {
		backend,
		jobs: jobs.map((job) => ({ ...job, createdOn: when(job.createdOn), startedOn: when(job.startedOn), completedOn: when(job.completedOn) }))
	};
};

import type { PageServerLoad } from './$types';
import { jobQueue, runtime } from '#lib/server/runtime.js';
import { readEcosystemJobs } from '#lib/server/jobs/jobs.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDateTime } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	runtime();
	const { backend, jobs } = await guard(event, () => readEcosystemJobs({ jobs: jobQueue(), actor: event.locals.actor, ecosystemId: ecosystem.id }));
	const when = (iso: string | null) => (iso ? formatDateTime(iso, event.locals.locale) : '');
	return {
		backend,
		jobs: jobs.map((job) => ({ ...job, createdOn: when(job.createdOn), startedOn: when(job.startedOn), completedOn: when(job.completedOn) }))
	};
};

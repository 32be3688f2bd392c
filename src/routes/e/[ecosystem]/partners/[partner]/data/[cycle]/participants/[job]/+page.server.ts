import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getImportJob } from '#lib/server/participants/participants.service.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const job = await guard(event, () =>
		getImportJob({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, jobId: event.params.job })
	);
	// Tables key their rows by id.
	const view = job.state === 'failed' ? { ...job, problems: job.problems.map((p, i) => ({ ...p, id: String(i) })) } : job;
	return { job: view, partnerSlug: event.params.partner, cycleId: event.params.cycle };
};

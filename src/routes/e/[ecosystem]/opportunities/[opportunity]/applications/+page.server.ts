import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listApplicationsForReview } from '#lib/server/opportunities/opportunities.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const view = await guard(event, () =>
		listApplicationsForReview({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.opportunity })
	);
	return {
		opportunity: { slug: view.opportunity.slug, title: localized(event.locals.locale, view.opportunity.title, view.opportunity.title_es), places: view.opportunity.places },
		placed: view.placed,
		applications: view.applications.map((a) => ({ id: a.id, name: a.applicant_name, email: a.applicant_email, age: a.age, grade: a.grade, zip: a.zip, status: a.status, withdrawn: a.withdrawn_at !== null, createdAt: a.created_at.slice(0, 10) }))
	};
};

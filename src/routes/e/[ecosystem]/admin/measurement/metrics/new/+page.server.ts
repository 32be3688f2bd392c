import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createMetric, prepareMetricForm } from '#lib/server/metrics/metrics.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { metricForm } from '../../form-input.server.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const options = await guard(event, () => prepareMetricForm({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { options };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { input, values } = metricForm(await event.request.formData());
		const outcome = await guard(event, () => createMetric({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/admin/measurement/metrics/${outcome.value.slug}?added=1`);
	}
};

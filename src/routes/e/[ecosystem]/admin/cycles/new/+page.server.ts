import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { openCycle, prepareCycleForm } from '#lib/server/submissions/cycles.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const form = await guard(event, () => prepareCycleForm({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { ...form, metrics: form.metrics.map((metric) => ({ id: metric.id, name: localized(event.locals.locale, metric.name, metric.name_es) })) };
};

const lists = ['metric_ids', 'partner_ids', 'sectors'] as const;

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const values = formToObject(form);
		const ticked = Object.fromEntries(lists.map((name) => [name, form.getAll(name).filter((v): v is string => typeof v === 'string')]));
		const outcome = await guard(event, () => openCycle({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: { ...values, ...ticked } }));
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, ...Object.fromEntries(lists.map((name) => [name, ticked[name]!.join(',')])) });
		redirect(303, `/e/${ecosystem.slug}/admin/cycles/${outcome.value.id}?opened=${outcome.value.partners}`);
	}
};

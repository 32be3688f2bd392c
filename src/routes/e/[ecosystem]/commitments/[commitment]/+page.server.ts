import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getCommitment, reportProgress } from '#lib/server/commitments/commitments.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const view = await guard(event, () => getCommitment({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, id: event.params.commitment }));
	const c = view.commitment;
	return {
		commitment: {
			id: c.id,
			title: localized(locale, c.title, c.title_es),
			description: localized(locale, c.description, c.description_es),
			partner: c.partner_name,
			partnerSlug: c.partner_slug,
			target: c.target,
			unit: localized(locale, c.unit, c.unit_es),
			dueYear: c.due_year,
			progress: c.progress ?? 0,
			percent: c.percent
		},
		updates: view.updates.map((u) => ({ id: u.id, progress: u.progress, note: localized(locale, u.note, u.note_es), date: u.created_at.slice(0, 10) })),
		canUpdate: view.canUpdate
	};
};

export const actions: Actions = {
	progress: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => reportProgress({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, id: event.params.commitment, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: true };
	}
};

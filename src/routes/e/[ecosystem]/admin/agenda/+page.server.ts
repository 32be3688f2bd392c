import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getAgendaForBackbone, sendActionReminders, setActionStatus } from '#lib/server/agenda/agenda.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const agenda = await guard(event, () =>
		getAgendaForBackbone({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, locale: event.locals.locale })
	);
	const titles = new Map(agenda.views.map((r) => [r.id, r.title]));
	return {
		results: agenda.views,
		actions: agenda.results.flatMap((r) =>
			r.actions.map((a) => ({ id: a.id, title: a.title, result: titles.get(r.row.id) ?? '', owner: a.owner_name ?? a.owner_email ?? '', due: a.due_on, status: a.status, overdue: a.overdue }))
		),
		strategiesWithoutPartners: agenda.strategiesWithoutPartners.map((s) => ({ id: s.id, title: s.title, result: s.resultTitle })),
		reminded: event.url.searchParams.get('reminded')
	};
};

export const actions: Actions = {
	status: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			setActionStatus({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, actionId: values.action_id ?? '', input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: true };
	},
	remind: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { sent } = await guard(event, () =>
			sendActionReminders({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, locale: event.locals.locale, origin: event.url.origin })
		);
		return { reminded: sent };
	}
};

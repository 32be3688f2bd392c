import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { closeNeed, connectNeedAndOffer, getNeedWithSuggestions } from '#lib/server/matchmaking/matchmaking.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const view = await guard(event, () => getNeedWithSuggestions({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, needId: event.params.need }));
	const n = view.need;
	return {
		need: { id: n.id, title: n.title, description: n.description, kind: n.kind, subject: n.subject, band: n.grade_band, zip: n.zip, from: n.needed_from, by: n.needed_by, focusShare: n.focus_share, poster: n.poster_name, school: n.school_name, isDemo: n.is_demo === 1, closedReason: n.closed_at ? n.closed_reason : null, closed: n.closed_at !== null },
		canClose: view.canClose,
		suggestions: view.suggestions,
		connections: view.connections.map((c) => ({ id: c.id, offer: c.offer_title, partner: c.partner_name, message: c.message, at: c.created_at.slice(0, 10) }))
	};
};

export const actions: Actions = {
	connect: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			connectNeedAndOffer({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, needId: event.params.need, offerId: values.offer ?? '', message: values.message, locale: event.locals.locale })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { connected: true };
	},
	close: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => closeNeed({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, needId: event.params.need, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { closed: true };
	}
};

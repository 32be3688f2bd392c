import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { applyToOpportunity, closeOpportunityEarly, getOpportunity } from '#lib/server/opportunities/opportunities.service.js';
import { GRADE_MAX, GRADE_MIN } from '#lib/server/opportunities/opportunities.js';
import { presentOpportunity } from '#lib/server/opportunities/present.js';
import { readSaved } from '#lib/server/opportunities/saved.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const opportunity = await guard(event, () => getOpportunity({ db: runtime().db.kysely, ecosystemId: ecosystem.id, slug: event.params.opportunity }));
	const scope = { ecosystemId: ecosystem.id, partnerId: opportunity.partner_id };
	return {
		opportunity: presentOpportunity(opportunity, event.locals.locale),
		grades: Array.from({ length: GRADE_MAX - GRADE_MIN + 1 }, (_, i) => GRADE_MIN + i),
		saved: readSaved(event.cookies, ecosystem.slug).includes(opportunity.slug),
		// Links only; the pages behind them check again.
		canReview: decide(event.locals.actor, 'partner.applications.review', scope) !== 'deny' && event.locals.actor.kind === 'user',
		canClose: decide(event.locals.actor, 'partner.opportunities.post', scope) === 'allow'
	};
};

export const actions: Actions = {
	apply: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = { ...formToObject(await event.request.formData()), locale: event.locals.locale };
		const outcome = await guard(event, () =>
			applyToOpportunity({ ctx: runtime(), ecosystemId: ecosystem.id, slug: event.params.opportunity, input: values, link: { origin: event.url.origin, ecosystemSlug: ecosystem.slug } })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		if (!outcome.value.applied) return { ineligible: outcome.value.reasons, values };
		return { applied: true };
	},
	close: async (event) => {
		const ecosystem = await ecosystemOf(event);
		await guard(event, () => closeOpportunityEarly({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.opportunity }));
		return { closed: true };
	}
};

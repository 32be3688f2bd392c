import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { postOpportunity, prepareOpportunityForm } from '#lib/server/opportunities/opportunities.service.js';
import { audiences, focusPopulations, GRADE_MAX, GRADE_MIN, opportunityKinds, payKinds, payPeriods } from '#lib/server/opportunities/opportunities.js';
import { careerAreas } from '#lib/server/careers/occupations.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { partners, occupations } = await guard(event, () =>
		prepareOpportunityForm({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id })
	);
	return {
		partners,
		occupationGroups: careerAreas.map((area) => ({ area, occupations: occupations.filter((o) => o.major_group === area).map((o) => ({ code: o.code, title: o.title })) })).filter((g) => g.occupations.length),
		kinds: [...opportunityKinds],
		audiences: [...audiences],
		payKinds: [...payKinds],
		payPeriods: [...payPeriods],
		focusPopulations: [...focusPopulations],
		grades: Array.from({ length: GRADE_MAX - GRADE_MIN + 1 }, (_, i) => GRADE_MIN + i)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const values = formToObject(form);
		const focus = form.getAll('focus').map(String);
		const outcome = await guard(event, () =>
			postOpportunity({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: values.partner ?? '', input: { ...values, focus } })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, focus: focus.join(',') });
		redirect(303, `/e/${ecosystem.slug}/opportunities/${outcome.value.slug}?posted=1`);
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { editOpportunity, getOpportunityForEdit } from '#lib/server/opportunities/opportunities.service.js';
import { audiences, focusPopulations, GRADE_MAX, GRADE_MIN, opportunityKinds, payKinds, payPeriods } from '#lib/server/opportunities/opportunities.js';
import { careerAreas } from '#lib/server/careers/occupations.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { opportunity: o, occupations } = await guard(event, () =>
		getOpportunityForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.opportunity })
	);
	const text = (v: string | number | null) => (v === null ? '' : String(v));
	return {
		slug: o.slug,
		title: o.title,
		closed: o.closed_at !== null,
		// The form as the poster last saved it, in the shape the form posts.
		initial: {
			issues: [],
			values: {
				kind: o.kind, audience: o.audience, title: o.title, title_es: text(o.title_es), description_md: o.description_md, description_md_es: text(o.description_md_es),
				occupation_code: text(o.occupation_code), min_age: text(o.min_age), max_age: text(o.max_age), min_grade: text(o.min_grade), max_grade: text(o.max_grade),
				zip_codes: (JSON.parse(o.zip_codes_json) as string[]).join(', '), focus: (JSON.parse(o.focus_json) as string[]).join(','), location: o.location,
				pay_kind: o.pay_kind, pay_amount: text(o.pay_amount), pay_period: text(o.pay_period), starts_on: text(o.starts_on), ends_on: text(o.ends_on),
				deadline: o.deadline, places: String(o.places)
			}
		},
		occupationGroups: careerAreas.map((area) => ({ area, occupations: occupations.filter((x) => x.major_group === area).map((x) => ({ code: x.code, title: x.title })) })).filter((g) => g.occupations.length),
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
			editOpportunity({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.opportunity, input: { ...values, focus } })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, focus: focus.join(',') });
		redirect(303, `/e/${ecosystem.slug}/opportunities/${event.params.opportunity}?edited=1`);
	}
};

import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getApplicationForReview, messageApplicant, reviewApplication } from '#lib/server/opportunities/opportunities.service.js';
import { applicationStatuses } from '#lib/server/opportunities/opportunities.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const view = await guard(event, () =>
		getApplicationForReview({
			db: runtime().db.kysely,
			actor: event.locals.actor,
			ecosystemId: ecosystem.id,
			slug: event.params.opportunity,
			applicationId: event.params.application
		})
	);
	const a = view.application;
	return {
		opportunity: { slug: view.opportunity.slug, title: localized(event.locals.locale, view.opportunity.title, view.opportunity.title_es) },
		application: {
			id: a.id,
			name: a.applicant_name,
			email: a.applicant_email,
			phone: a.applicant_phone,
			age: a.age,
			grade: a.grade,
			zip: a.zip,
			statement: a.statement,
			locale: a.locale,
			status: a.status,
			notes: a.notes,
			placedAt: a.placed_at,
			withdrawnAt: a.withdrawn_at,
			createdAt: a.created_at.slice(0, 10)
		},
		messages: view.messages.map((msg) => ({ id: msg.id, subject: msg.subject, body: msg.body, sentAt: msg.created_at.slice(0, 16).replace('T', ' ') })),
		statuses: [...applicationStatuses]
	};
};

const target = (event: Parameters<Actions[string]>[0], ecosystemId: string) => ({
	actor: event.locals.actor,
	ecosystemId,
	slug: event.params.opportunity!,
	applicationId: event.params.application!
});

export const actions: Actions = {
	review: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => reviewApplication({ db: runtime().db.kysely, ...target(event, ecosystem.id), input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { reviewed: true };
	},
	message: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => messageApplicant({ ctx: runtime(), ...target(event, ecosystem.id), input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { messaged: true };
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { deleteProgram, getProgramForEdit, updateProgram } from '#lib/server/programs/programs.service.js';
import { groupListIssues, programFormValues, programVocab } from '#lib/server/programs/programs-form.js';
import { programFormToInput } from '#lib/server/programs/programs.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const detail = await guard(event, () =>
		getProgramForEdit({
			db: runtime().db.kysely,
			actor: event.locals.actor,
			ecosystemId: ecosystem.id,
			partnerSlug: event.params.partner,
			programId: event.params.program
		})
	);
	return {
		partner: { slug: detail.partner.slug, name: detail.partner.name },
		program: { id: detail.program.id, name: detail.program.name },
		vocab: programVocab(),
		...programFormValues(detail)
	};
};

export const actions: Actions = {
	save: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { input, values } = programFormToInput(await event.request.formData());
		const outcome = await guard(event, () =>
			updateProgram({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				partnerSlug: event.params.partner,
				programId: event.params.program,
				input
			})
		);
		if (!outcome.ok) return invalidForm(groupListIssues(outcome.issues), values);
		redirect(303, `/e/${ecosystem.slug}/partners/${event.params.partner}/programs?done=saved`);
	},
	delete: async (event) => {
		const ecosystem = await ecosystemOf(event);
		await guard(event, () =>
			deleteProgram({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				partnerSlug: event.params.partner,
				programId: event.params.program
			})
		);
		redirect(303, `/e/${ecosystem.slug}/partners/${event.params.partner}/programs?done=deleted`);
	}
};

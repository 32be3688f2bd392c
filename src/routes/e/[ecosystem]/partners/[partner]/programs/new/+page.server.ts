import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createProgram, openNewProgramForm } from '#lib/server/programs/programs.service.js';
import { blankProgramForm, groupListIssues, programVocab } from '#lib/server/programs/programs-form.js';
import { programFormToInput } from '#lib/server/programs/programs.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { partner } = await guard(event, () =>
		openNewProgramForm({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner })
	);
	return { partner: { slug: partner.slug, name: partner.name }, vocab: programVocab(), ...blankProgramForm() };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { input, values } = programFormToInput(await event.request.formData());
		const outcome = await guard(event, () =>
			createProgram({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, input })
		);
		if (!outcome.ok) return invalidForm(groupListIssues(outcome.issues), values);
		redirect(303, `/e/${ecosystem.slug}/partners/${event.params.partner}/programs?done=saved`);
	}
};

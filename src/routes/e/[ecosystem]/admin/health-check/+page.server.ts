import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { closeRound, getPartnerAnswers, openRound } from '#lib/server/health-check/health-check.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const rounds = await guard(event, () => getPartnerAnswers({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { rounds };
};

export const actions: Actions = {
	open: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => openRound({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: true };
	},
	close: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		await guard(event, () => closeRound({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, roundId: values.round_id ?? '' }));
		return { saved: true };
	}
};

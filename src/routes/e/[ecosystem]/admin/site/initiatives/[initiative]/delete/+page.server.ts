import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { deleteInitiative, getInitiativeForEdit } from '#lib/server/ecosystems/ecosystems.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const initiative = await guard(event, () =>
		getInitiativeForEdit({
			db: runtime().db.kysely,
			actor: event.locals.actor,
			ecosystemId: ecosystem.id,
			initiativeId: event.params.initiative
		})
	);
	return { initiative: { id: initiative.id, title: initiative.title } };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		await guard(event, () =>
			deleteInitiative({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				initiativeId: event.params.initiative
			})
		);
		redirect(303, `/e/${ecosystem.slug}/admin/site?deleted=1#initiatives`);
	}
};

import type { Action, Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { listPartnerModerators, setPartnerModerator } from '#lib/server/stories/stories.service.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const people = await guard(event, () => listPartnerModerators({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { people };
};

const set =
	(trusted: boolean): Action =>
	async (event) => {
		const ecosystem = await ecosystemOf(event);
		const userId = String((await event.request.formData()).get('user_id') ?? '');
		await guard(event, () => setPartnerModerator({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, userId, trusted }));
		return { done: true };
	};

export const actions: Actions = { trust: set(true), untrust: set(false) };

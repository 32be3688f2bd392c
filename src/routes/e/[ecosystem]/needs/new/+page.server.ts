import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { postNeed } from '#lib/server/matchmaking/matchmaking.service.js';
import { gradeBands, needKinds, subjects } from '#lib/server/matchmaking/matchmaking.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { decide } from '#lib/server/auth/roles.js';
import { DomainError } from '#lib/server/errors.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	await guard(event, async () => {
		const decision = decide(event.locals.actor, 'ecosystem.needs.post', { ecosystemId: ecosystem.id });
		if (decision === 'unauthenticated') throw new DomainError('UNAUTHENTICATED');
		if (decision !== 'allow') throw new DomainError('FORBIDDEN');
	});
	return { kinds: [...needKinds], subjects: [...subjects], bands: [...gradeBands] };
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => postNeed({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/needs/${outcome.value.id}`);
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createInstrument, listInstruments } from '#lib/server/instruments/instruments.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const page = await guard(event, () => listInstruments({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		canManage: page.canManage,
		instruments: page.instruments.map((i) => ({ slug: i.slug, kind: i.kind, title: localized(locale, i.title, i.title_es), published: !!i.published_at, isDemo: i.is_demo === 1 }))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => createInstrument({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/instruments/${outcome.value.slug}`);
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createCreditType, listCreditTypes, listManagedOfferings } from '#lib/server/pd/pd.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { decide } from '#lib/server/auth/roles.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const db = runtime().db.kysely;
	const offerings = await guard(event, () => listManagedOfferings({ db, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	const backbone = decide(event.locals.actor, 'ecosystem.pd.manage', { ecosystemId: ecosystem.id }) === 'allow';
	return {
		offerings: offerings.map((o) => ({
			id: o.id,
			slug: o.slug,
			title: localized(locale, o.title, o.title_es),
			provider: o.partner_name ?? ecosystem.name,
			published: !!o.published_at
		})),
		creditTypes: backbone ? (await listCreditTypes({ db, ecosystemId: ecosystem.id })).map((c) => ({ id: c.id, code: c.code, name: c.name, name_es: c.name_es })) : null,
		added: event.url.searchParams.get('added') === '1'
	};
};

export const actions: Actions = {
	creditType: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = { ...formToObject(await event.request.formData()), which: 'credit' };
		const outcome = await guard(event, () =>
			createCreditType({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/pd/manage?added=1`);
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getItem, reserveItem } from '#lib/server/lending/lending.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { localized } from '#lib/server/content.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { item, calendar } = await guard(event, () => getItem({ db: runtime().db.kysely, ecosystemId: ecosystem.id, slug: event.params.item }));
	const locale = event.locals.locale;
	const weeks = Array.from({ length: Math.ceil(calendar.length / 7) }, (_, w) => calendar.slice(w * 7, w * 7 + 7));
	return {
		item: {
			slug: item.slug,
			name: localized(locale, item.name, item.name_es),
			description: localized(locale, item.description, item.description_es),
			quantity: item.quantity,
			condition: item.condition,
			pickupLocation: item.pickup_location,
			partner: { name: item.partner_name, slug: item.partner_slug },
			isDemo: item.is_demo === 1
		},
		weeks,
		canReserve: decide(event.locals.actor, 'ecosystem.lending.reserve', { ecosystemId: ecosystem.id }) === 'allow',
		signedIn: event.locals.actor.kind === 'user'
	};
};

export const actions: Actions = {
	reserve: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			reserveItem({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.item, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/lending/loans?reserved=${encodeURIComponent(outcome.value.id)}`);
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPartnerForEdit, updatePartnerProfileBySlug } from '#lib/server/partners/partners.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { partner, sectors } = await guard(event, () =>
		getPartnerForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.partner })
	);
	return {
		partner: {
			slug: partner.slug,
			name: partner.name,
			sector: partner.sector,
			summary: partner.summary,
			summary_es: partner.summary_es,
			description_md: partner.description_md,
			description_md_es: partner.description_md_es,
			website: partner.website,
			email: partner.email,
			phone: partner.phone,
			city: partner.city,
			zip: partner.zip
		},
		sectors,
		saved: event.url.searchParams.get('saved') === '1'
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			updatePartnerProfileBySlug({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				slug: event.params.partner,
				input: values
			})
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/partners/${event.params.partner}/edit?saved=1`);
	}
};

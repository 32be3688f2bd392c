import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { confirmProgramCurrent, listPartnerPrograms } from '#lib/server/programs/programs.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const { partner, programs } = await guard(event, () =>
		listPartnerPrograms({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner })
	);
	return {
		partner: { slug: partner.slug, name: partner.name },
		programs: programs.map((p) => ({
			id: p.id,
			name: localized(event.locals.locale, p.name, p.name_es),
			status: p.status,
			lastVerifiedAt: p.last_verified_at,
			verification: p.verification
		})),
		notice: event.url.searchParams.get('done')
	};
};

export const actions: Actions = {
	confirm: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const programId = String((await event.request.formData()).get('programId') ?? '');
		await guard(event, () =>
			confirmProgramCurrent({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, programId })
		);
		redirect(303, `/e/${ecosystem.slug}/partners/${event.params.partner}/programs?done=confirmed`);
	}
};

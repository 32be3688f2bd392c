import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { cancelStaffRegistration, getStaffRegistration, registerStaff } from '#lib/server/pd/pd.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formatDateTime } from '#lib/server/format.js';

/** A partner coordinator registers people on her staff for an offering, and cancels those registrations. */
export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const view = await guard(event, () => getStaffRegistration({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering }));
	return {
		offering: { slug: view.offering.slug, title: localized(locale, view.offering.title, view.offering.title_es), capacity: view.offering.capacity },
		partnerName: view.partnerName,
		seatsLeft: view.seatsLeft,
		unregistered: view.staff.filter((p) => !p.registration).map((p) => ({ userId: p.userId, name: p.name, email: p.email })),
		registered: view.staff
			.filter((p) => p.registration)
			.map((p) => ({ ...p.registration!, name: p.name, email: p.email, registeredAt: formatDateTime(p.registration!.registeredAt, locale) })),
		notice: event.url.searchParams.get('done')
	};
};

const done = async (event: RequestEvent, which: string) => {
	const ecosystem = await ecosystemOf(event);
	redirect(303, `/e/${ecosystem.slug}/pd/${event.params.offering}/staff?done=${which}`);
};

export const actions: Actions = {
	register: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const userIds = form.getAll('user_ids').map(String);
		const outcome = await guard(event, () =>
			registerStaff({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering, userIds, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { which: 'register' });
		return done(event, 'registered');
	},
	cancel: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const registrationId = String((await event.request.formData()).get('registration_id') ?? '');
		const outcome = await guard(event, () =>
			cancelStaffRegistration({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering, registrationId, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { which: 'cancel' });
		return done(event, 'cancelled');
	}
};

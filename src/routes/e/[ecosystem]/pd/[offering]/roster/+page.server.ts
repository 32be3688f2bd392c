import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getRoster, revokeCertificate, setAttendance, setPublished } from '#lib/server/pd/pd.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formatDateTime } from '#lib/server/format.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const roster = await guard(event, () =>
		getRoster({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering })
	);
	return {
		offering: {
			slug: roster.offering.slug,
			title: localized(locale, roster.offering.title, roster.offering.title_es),
			published: !!roster.offering.published_at,
			capacity: roster.offering.capacity
		},
		sessions: roster.sessions.map((s, i) => ({ id: s.id, number: i + 1, starts: formatDateTime(s.starts_at, locale) })),
		roster: roster.roster.map((r) => ({ id: r.id, name: r.name, email: r.email, completed: !!r.completed_at, attended: r.attended, certificate: r.certificate_code, revoked: !!r.certificate_revoked_at })),
		evaluations: roster.evaluations,
		saved: event.url.searchParams.get('saved'),
		notified: Number(event.url.searchParams.get('notified') ?? '0') || 0
	};
};

export const actions: Actions = {
	attendance: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values: Record<string, string | undefined> = { ...formToObject(await event.request.formData()), which: 'attendance' };
		const outcome = await guard(event, () =>
			setAttendance({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/pd/${event.params.offering}/roster?saved=attendance#person-${values.registration_id}`);
	},
	revoke: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values: Record<string, string | undefined> = { ...formToObject(await event.request.formData()), which: 'revoke' };
		const outcome = await guard(event, () =>
			revokeCertificate({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/pd/${event.params.offering}/roster?saved=revoked`);
	},
	publish: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const published = (await event.request.formData()).get('published') === 'yes';
		await guard(event, () =>
			setPublished({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering, published })
		);
		redirect(303, `/e/${ecosystem.slug}/pd/${event.params.offering}/roster?saved=${published ? 'published' : 'unpublished'}`);
	}
};

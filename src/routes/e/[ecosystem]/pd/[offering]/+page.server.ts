import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { cancelRegistration, complete, getOffering, register, submitEvaluation } from '#lib/server/pd/pd.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { renderMarkdown } from '#lib/server/markdown.js';
import { formatDateTime } from '#lib/server/format.js';
import { formToObject } from '#lib/server/validation.js';
import type { Outcome } from '#lib/server/errors.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const { offering: o, sessions, seatsLeft, participant, manager, coordinator, mine } = await guard(event, () =>
		getOffering({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.offering })
	);
	return {
		offering: {
			slug: o.slug,
			title: localized(locale, o.title, o.title_es),
			html: renderMarkdown(localized(locale, o.description_md, o.description_md_es)),
			provider: o.partner_name ?? ecosystem.name,
			topic: o.topic,
			format: o.format,
			audience: o.audience,
			subject: o.subject,
			gradeBands: o.grade_bands,
			hours: o.hours,
			credit: o.credit_type_name ? localized(locale, o.credit_type_name, o.credit_type_name_es) : null,
			costCents: o.cost_cents,
			capacity: o.capacity,
			threshold: o.attendance_threshold,
			reflectionRequired: o.reflection_required === 1,
			published: !!o.published_at,
			isDemo: o.is_demo === 1
		},
		sessions: sessions.map((s) => ({ id: s.id, starts: formatDateTime(s.starts_at, locale), ends: formatDateTime(s.ends_at, locale), location: s.location })),
		seatsLeft,
		participant,
		manager,
		coordinator,
		mine,
		signedIn: event.locals.actor.kind === 'user',
		notice: event.url.searchParams.get('done')
	};
};

/** Every action here acts on the signed-in person's own registration, then comes back to this page. */
async function act(event: RequestEvent, which: string, run: (args: { ecosystemId: string; input: Record<string, string | undefined> }) => Promise<Outcome<unknown>>) {
	const ecosystem = await ecosystemOf(event);
	const values = { ...formToObject(await event.request.formData()), which };
	const outcome = await guard(event, () => run({ ecosystemId: ecosystem.id, input: values }));
	if (!outcome.ok) return invalidForm(outcome.issues, values);
	redirect(303, `/e/${ecosystem.slug}/pd/${event.params.offering}?done=${which}`);
}

const scoped = (event: RequestEvent) => ({ db: runtime().db.kysely, actor: event.locals.actor, slug: event.params.offering });

export const actions: Actions = {
	register: (event) => act(event, 'register', ({ ecosystemId }) => register({ ...scoped(event), ecosystemId })),
	cancel: (event) => act(event, 'cancel', ({ ecosystemId }) => cancelRegistration({ ...scoped(event), ecosystemId })),
	complete: (event) => act(event, 'complete', ({ ecosystemId, input }) => complete({ ...scoped(event), ecosystemId, input })),
	evaluate: (event) => act(event, 'evaluate', ({ ecosystemId, input }) => submitEvaluation({ ...scoped(event), ecosystemId, input }))
};

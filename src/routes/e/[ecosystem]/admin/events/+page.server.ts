import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { decideProposedEvent, listEventsForStaff } from '#lib/server/events/events.service.js';
import { eventView } from '#lib/server/events/events-view.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const events = await guard(event, () => listEventsForStaff({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		events: events.map((e) => ({ ...eventView(e, event.locals.locale), counts: e.counts, checkedIn: e.checkedIn })),
		added: event.url.searchParams.get('added')
	};
};

async function decideOn(event: Parameters<Actions[string]>[0], decision: 'approve' | 'decline') {
	const ecosystem = await ecosystemOf(event);
	const form = await event.request.formData();
	const slug = String(form.get('event') ?? '');
	// Each proposal has its own comment box, named after it.
	const comment = String(form.get(`reason-${slug}`) ?? '');
	const outcome = await guard(event, () =>
		decideProposedEvent({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, slug, decision, comment, origin: event.url.origin })
	);
	if (!outcome.ok) return invalidForm(outcome.issues.map((i) => ({ ...i, field: `reason-${slug}` })), { [`reason-${slug}`]: comment });
	return { decided: decision };
}

export const actions: Actions = {
	approve: (event) => decideOn(event, 'approve'),
	decline: (event) => decideOn(event, 'decline')
};

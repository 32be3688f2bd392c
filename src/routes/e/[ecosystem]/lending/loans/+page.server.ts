import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { cancelReservation, listLoans, recordHandover } from '#lib/server/lending/lending.service.js';
import { isOverdue, returnConditions } from '#lib/server/lending/lending.js';
import { todayUtc } from '#lib/server/opportunities/opportunities.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const loans = await guard(event, () => listLoans({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	const today = todayUtc();
	const view = (r: (typeof loans.mine)[number]) => ({
		id: r.id,
		item: localized(event.locals.locale, r.item_name, r.item_name_es),
		itemSlug: r.item_slug,
		partner: r.partner_name,
		borrower: r.borrower_name,
		borrowerEmail: r.borrower_email,
		quantity: r.quantity,
		startsOn: r.starts_on,
		endsOn: r.ends_on,
		status: r.status,
		overdue: isOverdue(r, today),
		pickupNote: r.pickup_note,
		returnNote: r.return_note,
		returnCondition: r.return_condition
	});
	return {
		mine: loans.mine.map(view),
		lent: loans.lent.map(view),
		lends: loans.lends,
		returnConditions: [...returnConditions],
		reserved: event.url.searchParams.get('reserved')
	};
};

const reservationId = async (event: Parameters<Actions[string]>[0]) => {
	const form = formToObject(await event.request.formData());
	return { form, id: form.reservation ?? '' };
};

export const actions: Actions = {
	cancel: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { id } = await reservationId(event);
		await guard(event, () => cancelReservation({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, reservationId: id }));
		return { done: 'cancelled' };
	},
	pickup: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { form, id } = await reservationId(event);
		const outcome = await guard(event, () => recordHandover({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, reservationId: id, kind: 'pickup', input: form }));
		if (!outcome.ok) return invalidForm(outcome.issues, form);
		return { done: 'picked_up' };
	},
	return: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { form, id } = await reservationId(event);
		const outcome = await guard(event, () => recordHandover({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, reservationId: id, kind: 'return', input: form }));
		if (!outcome.ok) return invalidForm(outcome.issues, form);
		return { done: 'returned' };
	}
};

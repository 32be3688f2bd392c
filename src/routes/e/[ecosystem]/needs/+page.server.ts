import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listBoard, saveMatchmakingWeights } from '#lib/server/matchmaking/matchmaking.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { decide } from '#lib/server/auth/roles.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem, membership } = await event.parent();
	const board = await guard(event, () => listBoard({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		needs: board.needs.map((n) => ({ id: n.id, title: n.title, kind: n.kind, subject: n.subject, band: n.grade_band, zip: n.zip, school: n.school_name, by: n.needed_by, connections: n.connections, isDemo: n.is_demo === 1 })),
		offers: board.offers.map((o) => ({ id: o.id, title: o.title, kind: o.kind, partner: o.partner_name, subjects: o.subjects, bands: o.grade_bands, zip: o.zip, until: o.available_until, isDemo: o.is_demo === 1, canEdit: decide(event.locals.actor, 'partner.offers.post', { ecosystemId: ecosystem.id, partnerId: o.partner_id }) === 'allow' })),
		unanswered: board.unanswered?.map((n) => ({ id: n.id, title: n.title, school: n.school_name, waitingDays: n.waitingDays })) ?? null,
		weights: board.weights,
		canOffer: !!membership && membership.role !== 'educator'
	};
};

export const actions: Actions = {
	weights: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => saveMatchmakingWeights({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: true };
	}
};

import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { prepareParticipantUpload } from '#lib/server/participants/participants.service.js';
import { participantTemplate } from '#lib/server/participants/participants.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	await guard(event, () =>
		prepareParticipantUpload({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, cycleId: event.params.cycle })
	);
	return new Response(participantTemplate, {
		headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="participants-template.csv"' }
	});
};

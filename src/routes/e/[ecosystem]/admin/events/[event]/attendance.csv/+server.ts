import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { attendanceCsv } from '#lib/server/events/events.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';

/** Attendance export: personal data, so never cached. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const { csv, filename } = await guard(event, () =>
		attendanceCsv({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.event })
	);
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'cache-control': 'private, no-store',
			'content-disposition': `attachment; filename="${filename}"`
		}
	});
};

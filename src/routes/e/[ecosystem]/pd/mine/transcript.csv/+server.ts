import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { transcriptCsv } from '#lib/server/pd/pd.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';

/** The signed-in educator's transcript of hours, one row per certificate. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const csv = await guard(event, () => transcriptCsv({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return new Response(csv, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'cache-control': 'private, no-store',
			'content-disposition': `attachment; filename="${ecosystem.slug}-pd-transcript.csv"`
		}
	});
};

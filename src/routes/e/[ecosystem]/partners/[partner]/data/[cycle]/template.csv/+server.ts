import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getEcosystem } from '#lib/server/ecosystems/ecosystems.service.js';
import { cycleTemplate } from '#lib/server/submissions/submissions.service.js';

/** The cycle's counts template: Excel-friendly CSV (byte-order mark, CRLF), one row per metric and group. */
export const GET: RequestHandler = async (event) => {
	const db = runtime().db.kysely;
	const { body, fileName } = await guard(event, async () => {
		const ecosystem = await getEcosystem({ db, slug: event.params.ecosystem });
		return cycleTemplate({ db, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, cycleId: event.params.cycle, locale: event.locals.locale });
	});
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${fileName}"`,
			'cache-control': 'private, no-store'
		}
	});
};

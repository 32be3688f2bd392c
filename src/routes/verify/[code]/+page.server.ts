import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { verifyCertificate } from '#lib/server/pd/pd.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDate } from '#lib/server/format.js';

/** Anyone can check a certificate's code; each client has a budget of lookups (see the service). */
export const load: PageServerLoad = async (event) => {
	const locale = event.locals.locale;
	event.setHeaders({ 'cache-control': 'no-store' });
	const result = await guard(event, () =>
		verifyCertificate({ db: runtime().db.kysely, code: event.params.code.slice(0, 64), client: event.getClientAddress() })
	);
	if (!result.found) return { result: { found: false as const, code: result.code } };
	return {
		result: {
			...result,
			firstSessionOn: formatDate(result.firstSessionOn, locale),
			lastSessionOn: formatDate(result.lastSessionOn, locale),
			issuedAt: formatDate(result.issuedAt, locale)
		}
	};
};

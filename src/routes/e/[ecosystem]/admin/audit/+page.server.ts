import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { readAuditLog } from '#lib/server/audit/audit.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDateTime } from '#lib/server/format.js';

/** readAuditLog returns pages of this size; a full page means there may be older entries. */
const PAGE_SIZE = 100;

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const requested = Number.parseInt(event.url.searchParams.get('page') ?? '1', 10);
	const page = Number.isFinite(requested) && requested >= 1 ? Math.min(requested, 100_000) : 1;
	const entries = await guard(event, () =>
		readAuditLog({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, page })
	);
	return {
		page,
		hasOlder: entries.length >= PAGE_SIZE,
		entries: entries.map((entry) => ({
			id: entry.id,
			when: formatDateTime(entry.createdAt, event.locals.locale),
			who: entry.actorEmail,
			action: entry.action,
			summary: entry.summary
		}))
	};
};

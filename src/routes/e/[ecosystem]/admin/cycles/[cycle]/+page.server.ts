import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getCycleBoard, remindPartnersNow } from '#lib/server/submissions/cycles.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDate, formatDateTime } from '#lib/server/format.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const board = await guard(event, () => getCycleBoard({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, cycleId: event.params.cycle }));
	return {
		cycle: { id: board.cycle.id, name: board.cycle.name, year: board.cycle.year, due: formatDate(board.cycle.due_on, locale), period: `${formatDate(board.cycle.period_start, locale)} – ${formatDate(board.cycle.period_end, locale)}`, instructions: board.cycle.instructions },
		metrics: board.metrics.map((metric) => localized(locale, metric.name, metric.name_es)),
		rows: board.rows.map((row) => ({ ...row, remindedAt: formatDateTime(row.remindedAt, locale), submittedAt: row.submission ? formatDateTime(row.submission.createdAt, locale) : '' })),
		opened: event.url.searchParams.get('opened')
	};
};

export const actions: Actions = {
	remind: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const reminded = await guard(event, () =>
			remindPartnersNow({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, cycleId: event.params.cycle, origin: event.url.origin })
		);
		return { reminded };
	}
};

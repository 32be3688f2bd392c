import type { PageServerLoad } from './$types';

import { runtime } from '#lib/server/runtime.js';
import { overlapAndCoverage } from '#lib/server/programs/overlap.service.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const report = await guard(event, () => overlapAndCoverage({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	// Maps do not survive serialisation: hand the page plain rows.
	const rows = (matrix: typeof report.bySubject) => [...matrix.entries()].map(([row, cells]) => ({ row, cells: report.sectors.map((s) => ({ sector: s, ...cells.get(s)! })) }));
	return {
		programCount: report.programCount,
		pairs: report.pairs,
		sectors: report.sectors,
		bySubject: rows(report.bySubject),
		strategies: report.strategies,
		byStrategy: rows(report.byStrategy)
	};
};

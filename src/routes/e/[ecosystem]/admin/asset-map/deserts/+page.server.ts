import type { PageServerLoad } from './$types';

import { runtime } from '#lib/server/runtime.js';
import { ageBands, programDeserts } from '#lib/server/geo/geo.service.js';
import { bandLabel, bands, desertMap, focusLabel, formatAmount } from '#lib/server/geo/deserts-view.js';
import { formats, subjects } from '#lib/server/programs/programs.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const query = Object.fromEntries(event.url.searchParams);
	const d = await guard(event, () => programDeserts({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, query }));
	const num = (n: number | null) => (n === null ? '—' : formatAmount(n, locale));
	return {
		filters: d.filters,
		filterIssues: d.filterIssues,
		vocab: { subjects: [...subjects], formats: [...formats], ages: Object.keys(ageBands) },
		measure: d.measure,
		programsWithoutSeats: d.programsWithoutSeats,
		ecosystemRate: d.ecosystemRate === null ? null : num(d.ecosystemRate),
		focus: focusLabel(d.focusKeys, locale),
		mapKind: d.mapKind,
		zipCount: d.places.length,
		legend: bands.map((band) => ({ band, label: bandLabel(band, locale), count: d.rows.filter((r) => r.band === band).length })),
		rows: d.rows.map((r) => ({
			zip: r.zip,
			rank: r.rank,
			youth: num(r.focusYouth),
			missing: r.missingGroups,
			seats: num(r.seats),
			programs: num(r.programs),
			rate: num(r.rate),
			shortfall: num(r.shortfall),
			band: r.band,
			bandLabel: bandLabel(r.band, locale)
		})),
		sources: d.youthSources,
		map: desertMap(d, locale)
	};
};

import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { findPrograms, renderFinderMap } from '#lib/server/programs/finder.service.js';
import { radiusChoices } from '#lib/server/programs/finder.js';
import { programCard } from '#lib/server/programs/programs-view.js';
import { programVocab } from '#lib/server/programs/programs-form.js';
import { timesOfDay } from '#lib/server/programs/programs.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const db = runtime().db.kysely;
	const locale = event.locals.locale;
	const found = await findPrograms({ db, ecosystemId: ecosystem.id, params: event.url.searchParams });
	const map = found.origin
		? await renderFinderMap({
				db,
				ecosystemId: ecosystem.id,
				results: found.results,
				origin: found.origin,
				title: m.programs_map_label({ count: found.results.reduce((n, r) => n + r.locations.length, 0), zip: found.origin.zip }, { locale })
			})
		: null;
	return {
		query: found.query,
		dropped: found.dropped,
		unknownZip: found.unknownZip,
		originZip: found.origin?.zip ?? null,
		total: found.total,
		more: found.more,
		page: found.page,
		pageCount: found.pageCount,
		results: found.results.map((r) => programCard(locale, r.program, r.locations, r.schedules, r.distance)),
		map,
		vocab: { ...programVocab(), radii: [...radiusChoices], times: [...timesOfDay] }
	};
};

import { error } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getDashboardView } from '#lib/server/dashboard/dashboard.service.js';
import { findEcosystemById } from '#lib/server/ecosystems/ecosystems.repository.js';
import { localized } from '#lib/server/content.js';

export const load: PageServerLoad = async ({ parent, locals, setHeaders }) => {
	// Not stored by browsers: a revalidated page comes back as a 304, and the 304 currently carries
	// the default-deny CSP (server.js / hooks), which browsers merge into the cached page and then
	// block its stylesheets. The rendered view is cached on the server instead.
	setHeaders({ 'cache-control': 'no-store' });
	const { ecosystem } = await parent();
	const db = runtime().db.kysely;
	const [view, row] = await Promise.all([getDashboardView({ db, ecosystemId: ecosystem.id, locale: locals.locale }), findEcosystemById(db, ecosystem.id)]);
	if (!view || !row) error(404, { message: 'There is no ecosystem at that address.' });
	return { view, goal: localized(locals.locale, row.goal, row.goal_es) };
};

/**
 * The public dashboard of one ecosystem. Public data: anyone may read it, so there is no
 * permission check; every number has been suppressed (dashboard.ts) before it leaves here.
 *
 * Rendering (assembly, suppression, the Plot charts) is cached per ecosystem, data version and
 * language; a request then costs the few small queries of `dashboardDataVersion` and a lookup.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Executor } from '../audit/audit.repository.js';
import { localized, type Locale } from '../content.js';
import { DomainError } from '../errors.js';
import { getEcosystem } from '../ecosystems/ecosystems.service.js';
import * as repo from './dashboard.repository.js';
import { assembleDashboard, type Dashboard, type DashboardInput } from './dashboard.js';
import { buildDashboardView, isChartKey, type ChartView, type DashboardView } from './dashboard-view.js';

/** The measurement rows the public figures are computed from (null: no such ecosystem). */
export async function loadDashboardInput(db: Executor, ecosystemId: string): Promise<DashboardInput | null> {
	const ecosystem = await repo.findDashboardEcosystem(db, ecosystemId);
	if (!ecosystem) return null;
	const [metrics, populations, benchmarkValues, metricValues] = await Promise.all([
		repo.listDashboardMetrics(db, ecosystemId),
		repo.listDashboardPopulations(db, ecosystemId),
		repo.listDashboardBenchmarkValues(db, ecosystemId),
		repo.listDashboardMetricValues(db, ecosystemId)
	]);
	return { ecosystem: { ...ecosystem, suppression_threshold: Number(ecosystem.suppression_threshold) }, metrics, populations, benchmarkValues, metricValues };
}

/** Reads and assembles (no cache): for tests and the CSV/embeds' source of truth. */
export async function loadDashboard({ db, ecosystemId }: { db: Kysely<Database>; ecosystemId: string }): Promise<Dashboard | null> {
	const input = await loadDashboardInput(db, ecosystemId);
	return input && assembleDashboard(input);
}

const cache = new Map<string, DashboardView>();
const maxCached = 64;

/** The cached view and the ecosystem row it was built for (null: no such ecosystem). */
async function viewAndEcosystem(
	db: Kysely<Database>,
	ecosystemId: string,
	locale: Locale
): Promise<{ view: DashboardView; ecosystem: repo.DashboardEcosystemRow } | null> {
	const [ecosystem, version] = await Promise.all([repo.findDashboardEcosystem(db, ecosystemId), repo.dashboardDataVersion(db, ecosystemId)]);
	if (!ecosystem) return null;
	// The settings are part of the key in case a change to them does not touch updated_at.
	const key = [ecosystemId, locale, version, ecosystem.suppression_threshold, ecosystem.goal_year, ecosystem.focus_groups_json].join('\u0000');
	const hit = cache.get(key);
	if (hit) return { view: hit, ecosystem };
	const dashboard = await loadDashboard({ db, ecosystemId });
	if (!dashboard) return null;
	const view = buildDashboardView(dashboard, locale);
	for (const old of cache.keys()) {
		if (old.startsWith(ecosystemId + '\u0000' + locale + '\u0000')) cache.delete(old);
	}
	if (cache.size >= maxCached) cache.delete(cache.keys().next().value!);
	cache.set(key, view);
	return { view, ecosystem };
}

/** The dashboard in one language, cached per (ecosystem, data version, language). */
export async function getDashboardView({
	db,
	ecosystemId,
	locale
}: {
	db: Kysely<Database>;
	ecosystemId: string;
	locale: Locale;
}): Promise<DashboardView | null> {
	return (await viewAndEcosystem(db, ecosystemId, locale))?.view ?? null;
}

/** What the dashboard page shows: the view and the ecosystem's goal, both in the page's language. */
export async function getDashboardPage({
	db,
	ecosystemId,
	locale
}: {
	db: Kysely<Database>;
	ecosystemId: string;
	locale: Locale;
}): Promise<{ view: DashboardView; goal: string }> {
	const found = await viewAndEcosystem(db, ecosystemId, locale);
	if (!found) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	return { view: found.view, goal: localized(locale, found.ecosystem.goal, found.ecosystem.goal_es) };
}

/**
 * One chart of an ecosystem's public dashboard (for its CSV download and its embed), with the
 * ecosystem it belongs to. Fails with a 404 DomainError for an unknown ecosystem, an unknown
 * chart key, or a chart the ecosystem has no data for yet.
 */
export async function getPublicChart({ db, slug, chart, locale }: { db: Kysely<Database>; slug: string; chart: string; locale: Locale }): Promise<{
	chart: ChartView;
	ecosystem: { id: string; slug: string; name: string };
}> {
	if (!isChartKey(chart)) throw new DomainError('NOT_FOUND', 'There is no chart at that address.');
	const ecosystem = await getEcosystem({ db, slug });
	const view = await getDashboardView({ db, ecosystemId: ecosystem.id, locale });
	const found = view?.charts.find((c) => c.key === chart);
	if (!found) throw new DomainError('NOT_FOUND', 'This ecosystem has no data for that chart yet.');
	return { chart: found, ecosystem: { id: ecosystem.id, slug: ecosystem.slug, name: localized(locale, ecosystem.name, ecosystem.name_es) } };
}

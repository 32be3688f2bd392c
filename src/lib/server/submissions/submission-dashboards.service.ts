/**
 * The two dashboards of partner data: a partner's own numbers beside the network's (suppressed so
 * the partner cannot work out another partner's small counts by subtracting its own), and the
 * backbone's view of who reported what, with data-quality flags (partner-level: two-factor only).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { DomainError } from '../errors.js';
import { findPartnerBySlug, listPartners } from '../partners/partners.repository.js';
import { listMetrics } from '../metrics/metrics.repository.js';
import { findDashboardEcosystem } from '../dashboard/dashboard.repository.js';
import { resolveThreshold } from '../measurement/suppression.js';
import * as repo from './submissions.repository.js';
import { cycleMetricOf, latestAccepted, qualityFlags, suppressByFamily, sumByMetricGroup, type QualityFlag } from './submissions.js';

export interface NetworkCell {
	own: number | null;
	/** The network's sum, or 'suppressed' when showing it would reveal other partners' small counts. */
	network: number | 'suppressed' | null;
}

/**
 * The network's figure beside the partner's own, for one metric and year. The partner knows its
 * own counts, so what the network figure reveals is the rest (network − own): the rest is
 * suppressed like every public figure, and the network figure is shown only where the rest may be.
 */
export function networkBesideOwn(own: ReadonlyMap<string, number>, network: ReadonlyMap<string, number>, threshold: number): Map<string, NetworkCell> {
	const rest = new Map([...network].map(([key, value]) => [key, Math.max(0, value - (own.get(key) ?? 0))]));
	const published = suppressByFamily(rest, threshold);
	const out = new Map<string, NetworkCell>();
	for (const key of new Set([...own.keys(), ...network.keys()])) {
		const total = network.get(key);
		out.set(key, { own: own.get(key) ?? null, network: total === undefined ? null : published.get(key) === 'suppressed' ? 'suppressed' : total });
	}
	return out;
}

/** A partner's people: its accepted numbers by metric, year and group, beside the network's. */
export async function getPartnerDashboard({ db, actor, ecosystemId, partnerSlug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; partnerSlug: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await findPartnerBySlug(db, ecosystemId, partnerSlug);
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	requireAccess(actor, 'partner.data.submit', { ecosystemId, partnerId: partner.id });
	const [ecosystem, metrics, everyone] = await Promise.all([findDashboardEcosystem(db, ecosystemId), listMetrics(db, ecosystemId), repo.listAcceptedCells(db, ecosystemId, {})]);
	const accepted = everyone.filter((c) => c.partnerId === partner.id);
	const threshold = resolveThreshold(Number(ecosystem?.suppression_threshold ?? 11));
	// The partner's latest accepted numbers of each year (one year may have several cycles).
	const byYear = new Map<number, typeof accepted>();
	for (const cell of accepted) byYear.set(cell.year, [...(byYear.get(cell.year) ?? []), cell]);
	const ownCells = [...byYear.values()].flatMap((cells) => latestAccepted(cells).map((c) => ({ ...c, year: cells[0]!.year })));
	const sections = metrics
		.filter((metric) => ownCells.some((c) => c.metricId === metric.id))
		.map((metric) => {
			const years = [...new Set(ownCells.filter((c) => c.metricId === metric.id).map((c) => c.year))].sort((a, b) => b - a);
			return {
				metric: { id: metric.id, name: metric.name, name_es: metric.name_es, unit: metric.unit },
				years: years.map((year) => {
					const own = new Map(ownCells.filter((c) => c.metricId === metric.id && c.year === year).map((c) => [c.groupKey, c.value]));
					const sums = sumByMetricGroup(latestAccepted(everyone.filter((c) => c.metricId === metric.id && c.year === year))).get(metric.id) ?? new Map();
					const network = new Map([...sums].map(([key, sum]) => [key, sum.value]));
					return { year, cells: networkBesideOwn(own, network, threshold) };
				})
			};
		});
	return { partner: { id: partner.id, slug: partner.slug, name: partner.name }, threshold, sections };
}

/**
 * Backbone staff with two-factor sign-in: per cycle (newest first, at most `cycles`), each
 * partner's status and the warning signs in its latest version; and each partner's totals by
 * year for every metric, to spot a partner whose numbers move oddly.
 */
export async function getDataQuality({ db, actor, ecosystemId, cycles: howMany = 3 }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; cycles?: number }) {
	requireAccess(actor, 'ecosystem.submissions.review', { ecosystemId });
	const [cycles, partners, latest, accepted, metrics] = await Promise.all([
		repo.listCycles(db, ecosystemId),
		listPartners(db, ecosystemId),
		repo.listLatestSubmissions(db, ecosystemId),
		repo.listAcceptedCells(db, ecosystemId, {}),
		listMetrics(db, ecosystemId)
	]);
	const partnerName = new Map(partners.map((p) => [p.id, p.name]));
	const recent = [];
	for (const cycle of cycles.slice(0, howMany)) {
		const cycleMetrics = (await repo.listCycleMetrics(db, ecosystemId, cycle.id)).map(cycleMetricOf);
		const asked = await repo.listCyclePartners(db, ecosystemId, cycle.id);
		const rows: { partnerId: string; partner: string; status: string; submissionId: string | null; version: number | null; flags: QualityFlag[] }[] = [];
		for (const p of asked) {
			const submission = latest.find((s) => s.cycle_id === cycle.id && s.partner_id === p.partner_id);
			const flags = submission
				? qualityFlags({
						metrics: cycleMetrics,
						cells: await repo.listSubmissionCells(db, ecosystemId, submission.id),
						previous: latestAccepted(accepted.filter((c) => c.partnerId === p.partner_id && c.year < cycle.year))
					})
				: [];
			rows.push({ partnerId: p.partner_id, partner: p.name, status: submission?.status ?? 'not_submitted', submissionId: submission?.id ?? null, version: submission?.version ?? null, flags });
		}
		recent.push({ cycle, metrics: cycleMetrics, rows });
	}
	// Each partner's accepted total ('all') per metric and year.
	const years = [...new Set(accepted.map((c) => c.year))].sort((a, b) => a - b);
	const totals = metrics
		.filter((metric) => accepted.some((c) => c.metricId === metric.id))
		.map((metric) => {
			const cells = accepted.filter((c) => c.metricId === metric.id && c.groupKey === 'all');
			const partnerIds = [...new Set(cells.map((c) => c.partnerId))];
			return {
				metric: { id: metric.id, name: metric.name, name_es: metric.name_es },
				rows: partnerIds
					.map((partnerId) => ({
						partnerId,
						partner: partnerName.get(partnerId) ?? '',
						byYear: years.map((year) => latestAccepted(cells.filter((c) => c.partnerId === partnerId && c.year === year))[0]?.value ?? null)
					}))
					.sort((a, b) => a.partner.localeCompare(b.partner))
			};
		});
	return { recent, years, totals };
}

/**
 * Demo partner submissions (SYNTHETIC, labelled so in every cycle name and submission note): the
 * network figures of the synthetic stages in demo-measurement.ts, split among the partners of the
 * matching sector, submitted to one collection cycle per school year (2019–2025) and accepted, so
 * the dashboard's partner figures are exactly the rollup of accepted submissions. One partner's
 * first 2021 version was returned and corrected. The current cycle is open: some partners are
 * waiting for review (one with a tenfold typo, one with a group larger than its total), one was
 * returned, some have not submitted yet.
 */
import type { Executor } from '../audit/audit.repository.js';
import { listMetrics } from '../metrics/metrics.repository.js';
import { createSubmissionVersion, insertCycle, setSubmissionReview } from '../submissions/submissions.repository.js';
import { refreshRollups } from '../submissions/cycles.service.js';
import type { Cell } from '../submissions/submissions.js';
import { demoMeasurement } from './demo-measurement.js';

const stageSector: Record<string, string> = { k12_course_taking: 'k12', ost_participation: 'ost', postsecondary: 'higher_ed' };
const races = ['black', 'hispanic', 'asian', 'white'] as const;
const sexes = ['female', 'male'] as const;
const NOTE = 'Synthetic demo submission (not real data).';

/** Splits a whole number among weights, exactly (largest remainder), so the parts add up to it. */
export function apportion(total: number, weights: readonly number[]): number[] {
	const sum = weights.reduce((a, b) => a + b, 0);
	const exact = weights.map((w) => (total * w) / sum);
	const parts = exact.map(Math.floor);
	const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
	const left = total - parts.reduce((a, b) => a + b, 0);
	for (let k = 0; k < left; k++) parts[order[k % order.length]![1]]! += 1;
	return parts;
}

/**
 * One year's network figures of a metric (race × sex cells, sex totals including people of other
 * or unreported race, all) split into each partner's cells, consistent within each partner
 * (its race and sex totals are the sums of its cells) and adding up exactly to the network's.
 */
export function splitAmongPartners(network: ReadonlyMap<string, number>, weights: readonly number[]): Map<string, number>[] {
	const out = weights.map(() => new Map<string, number>());
	for (const sex of sexes) {
		let known = 0;
		for (const race of races) {
			const value = network.get(`${race}:${sex}`) ?? 0;
			known += value;
			apportion(value, weights).forEach((part, i) => out[i]!.set(`${race}:${sex}`, part));
		}
		apportion(Math.max(0, (network.get(sex) ?? 0) - known), weights).forEach((other, i) => {
			const cells = out[i]!;
			cells.set(sex, races.reduce((sum, race) => sum + cells.get(`${race}:${sex}`)!, 0) + other);
		});
	}
	for (const cells of out) {
		for (const race of races) cells.set(race, cells.get(`${race}:female`)! + cells.get(`${race}:male`)!);
		cells.set('all', cells.get('female')! + cells.get('male')!);
	}
	return out;
}

/** Each partner's weight in a year: fixed shares that drift a little, so partners' trends differ. */
const weightsFor = (count: number, year: number) => Array.from({ length: count }, (_, i) => (count - i) * 10 + ((year * (i + 3)) % 7));

export async function insertDemoSubmissions(
	db: Executor,
	args: {
		ecosystemId: string;
		slug: string;
		partners: readonly { id: string; slug: string; sector: string }[];
		/** The person who submits for a partner, when the demo has one. */
		submitterOf: (partnerSlug: string) => string | null;
		reviewerId: string | null;
		now?: Date;
	}
): Promise<void> {
	const demo = demoMeasurement[args.slug];
	if (!demo) return;
	const metricIds = new Map((await listMetrics(db, args.ecosystemId)).map((m) => [m.slug, m.id]));
	const asked = demo.metrics
		.filter((m) => m.origin === 'partners' && args.partners.some((p) => p.sector === stageSector[m.stage]))
		.map((m) => ({ ...m, id: metricIds.get(m.slug)!, partners: args.partners.filter((p) => p.sector === stageSector[m.stage]) }));
	if (asked.length === 0) return;
	const partnersAsked = [...new Set(asked.flatMap((m) => m.partners))];
	const years = [...new Set(asked.flatMap((m) => m.values.map((v) => v.year)))].sort((a, b) => a - b);

	/** Each partner's cells of every asked metric in a year, split from the network's figures. */
	const cellsOf = (year: number, scale = 1): Map<string, Cell[]> => {
		const byPartner = new Map<string, Cell[]>();
		for (const metric of asked) {
			const source = metric.values.filter((v) => v.year === Math.min(year, years.at(-1)!));
			const network = new Map(source.map((v) => [v.group, Math.round(v.value * scale)]));
			splitAmongPartners(network, weightsFor(metric.partners.length, year)).forEach((cells, i) => {
				const partnerId = metric.partners[i]!.id;
				byPartner.set(partnerId, [...(byPartner.get(partnerId) ?? []), ...[...cells].map(([groupKey, value]) => ({ metricId: metric.id, groupKey, value }))]);
			});
		}
		return byPartner;
	};
	const submit = (cycleId: string, partner: { id: string; slug: string }, cells: Cell[]) =>
		createSubmissionVersion(db, args.ecosystemId, { cycleId, partnerId: partner.id, method: 'grid', submittedByUserId: args.submitterOf(partner.slug), note: NOTE, cells });
	const review = (id: string, status: 'accepted' | 'returned', at: string, comment = '') =>
		args.reviewerId ? setSubmissionReview(db, args.ecosystemId, id, { status, reviewerId: args.reviewerId, comment, at }) : Promise.resolve(false);

	for (const year of years) {
		const cycleId = await insertCycle(db, args.ecosystemId, {
			name: `${year - 1}–${String(year).slice(2)} school year (synthetic demo data)`,
			year,
			periodStart: `${year - 1}-07-01`,
			periodEnd: `${year}-06-30`,
			dueOn: `${year}-07-31`,
			instructions: 'Synthetic demo cycle: count each young person once per metric.',
			createdBy: args.reviewerId,
			metricIds: asked.map((m) => m.id),
			partnerIds: partnersAsked.map((p) => p.id)
		});
		const cells = cellsOf(year);
		for (const [index, partner] of partnersAsked.entries()) {
			const mine = cells.get(partner.id) ?? [];
			if (year === 2021 && index === 1) {
				// The first version doubled the total by mistake; returned, then corrected.
				const first = await submit(cycleId, partner, mine.map((c) => (c.groupKey === 'all' ? { ...c, value: c.value * 2 } : c)));
				await review(first.id, 'returned', `${year}-08-03T15:00:00.000Z`, 'The total is twice the sum of women and men. Please check the “Everyone” row.');
			}
			const created = await submit(cycleId, partner, mine);
			await review(created.id, 'accepted', `${year}-08-10T15:00:00.000Z`);
		}
		await refreshRollups(db, args.ecosystemId, year);
	}

	// The current cycle, open now and due in two weeks.
	const now = args.now ?? new Date();
	const current = years.at(-1)! + 1;
	const cycleId = await insertCycle(db, args.ecosystemId, {
		name: `${current - 1}–${String(current).slice(2)} school year (synthetic demo data)`,
		year: current,
		periodStart: `${current - 1}-07-01`,
		periodEnd: `${current}-06-30`,
		dueOn: new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 10),
		instructions: 'Synthetic demo cycle: count each young person once per metric.',
		createdBy: args.reviewerId,
		metricIds: asked.map((m) => m.id),
		partnerIds: partnersAsked.map((p) => p.id)
	});
	const cells = cellsOf(current, 1.04);
	for (const [index, partner] of partnersAsked.entries()) {
		if (args.submitterOf(partner.slug) && partner.sector === 'ost') continue; // left for the demo partner to submit
		let mine = cells.get(partner.id) ?? [];
		if (index % 4 === 3) continue; // not submitted yet
		if (index === 0) mine = mine.map((c) => (c.groupKey === 'hispanic:female' ? { ...c, value: c.value * 10 } : c)); // a typo: one zero too many
		if (index === 2) mine = mine.map((c) => (c.groupKey === 'black:male' ? { ...c, value: c.value + (mine.find((x) => x.groupKey === 'male')?.value ?? 0) } : c));
		const created = await submit(cycleId, partner, mine);
		if (index === 1) await review(created.id, 'returned', now.toISOString(), 'Please add the counts by race and sex for your spring sessions too.');
	}
}

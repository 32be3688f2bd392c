/**
 * The self-check trend: the network's average rung per condition over rounds, as Observable Plot
 * SVG rendered on the server with the dashboard's helpers (CSP-safe, named and described by the
 * figure around it). Only rounds whose aggregate is shown (enough answers) are drawn, so the chart
 * reveals nothing the table does not.
 */
import * as Plot from '@observablehq/plot';
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../content.js';
import { createDocument, finish, groupPalette, type ChartFrame } from '../dashboard/dashboard-charts.js';
import { conditions } from '../ecosystems/ecosystems.js';
import type { RoundAggregate } from './health-check.js';

export interface HealthTrendChart {
	svg: string;
	legend: { label: string; color: string }[];
	/** Rounds drawn, in order. */
	rounds: string[];
}

export function conditionName(condition: string, locale: Locale): string {
	const o = { locale };
	switch (condition) {
		case 'common_agenda': return m.condition_common_agenda({}, o);
		case 'shared_measurement': return m.condition_shared_measurement({}, o);
		case 'mutually_reinforcing_activities': return m.condition_mutually_reinforcing_activities({}, o);
		case 'continuous_communication': return m.condition_continuous_communication({}, o);
		case 'backbone_support': return m.condition_backbone_support({}, o);
		default: return condition;
	}
}

/** Null when no round has enough answers to be shown. */
export function renderHealthTrend(args: { rounds: readonly { title: string; aggregate: RoundAggregate }[]; locale: Locale; frame: ChartFrame }): HealthTrendChart | null {
	const shown = args.rounds.filter((r) => r.aggregate.shown);
	if (!shown.length) return null;
	const points = shown.flatMap((round) =>
		round.aggregate.conditions.flatMap((c) => (c.mean === null ? [] : [{ round: round.title, condition: conditionName(c.condition, args.locale), mean: c.mean }]))
	);
	const names = conditions.map((c) => conditionName(c, args.locale));
	const colour = (i: number) => groupPalette[i % groupPalette.length]!;
	const svg = Plot.plot({
		document: createDocument(),
		width: args.frame.width ?? 720,
		height: 300,
		marginLeft: 40,
		marginRight: 20,
		marginBottom: 40,
		x: { type: 'point', domain: shown.map((r) => r.title), label: null, padding: 0.3 },
		y: { domain: [1, 5], ticks: [1, 2, 3, 4, 5], grid: true, label: null },
		color: { domain: names, range: names.map((_, i) => colour(i)) },
		marks: [
			Plot.line(points, { x: 'round', y: 'mean', stroke: 'condition', strokeWidth: 2.5 }),
			Plot.dot(points, { x: 'round', y: 'mean', fill: 'condition', r: 4, stroke: 'white' })
		]
	});
	return { svg: finish(svg as unknown as Element, args.frame), legend: names.map((label, i) => ({ label, color: colour(i) })), rounds: shown.map((r) => r.title) };
}

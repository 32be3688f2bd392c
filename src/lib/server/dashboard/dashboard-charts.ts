/**
 * Server-rendered SVG charts (Observable Plot over linkedom's DOM), readable without JavaScript.
 *
 * The page's CSP allows only stylesheets from 'self', so every <style> element and style
 * attribute Plot writes is removed here and the charts are styled by classes in app.css
 * (`.chart-svg`). Colours are SVG presentation attributes, which the CSP does not restrict.
 * The SVG is an image (role="img") named by the chart's title and described by its text; the
 * numbers themselves are in the data table beside each chart.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

/** Line and dot colours: each at least 4.5:1 on white, and apart in hue and lightness. */
export const groupPalette = ['#0b5c8f', '#a4400f', '#1e6b34', '#6b3fa0', '#7a5a00', '#4a5361', '#a3231b', '#00695c'];
export const sharePalette = ['#0b5c8f', '#9aa5b1'];

export interface ChartFrame {
	/** id of the element holding the chart's title (names the SVG). */
	titleId: string;
	/** id of the element holding the chart's description. */
	descriptionId: string;
	width?: number;
}

/** A fresh linkedom document for one Plot chart (shared with the agenda's charts). */
export function createDocument() {
	return parseHTML('<!doctype html><html><body></body></html>').document;
}

/** Plot's SVG without inline styles, named and described by the surrounding figure. */
export function finish(svg: Element, frame: ChartFrame): string {
	for (const style of [...svg.querySelectorAll('style')]) style.remove();
	for (const element of [svg, ...svg.querySelectorAll('[style]')]) element.removeAttribute('style');
	// Plot names its layers ("line", "rule"); inside an image they are not allowed and not needed.
	for (const element of svg.querySelectorAll('[aria-label]')) element.removeAttribute('aria-label');
	svg.removeAttribute('aria-description');
	svg.removeAttribute('aria-label');
	// Sized by its viewBox alone, so it fits its container even if the stylesheet fails to load.
	svg.removeAttribute('width');
	svg.removeAttribute('height');
	svg.setAttribute('class', 'chart-svg');
	svg.setAttribute('role', 'img');
	svg.setAttribute('aria-labelledby', frame.titleId);
	svg.setAttribute('aria-describedby', frame.descriptionId);
	svg.setAttribute('focusable', 'false');
	return svg.outerHTML;
}

export interface IndexPoint {
	label: string;
	year: number;
	index: number;
	lower: number | null;
	upper: number | null;
}

export function renderIndexChart(args: {
	frame: ChartFrame;
	points: IndexPoint[];
	/** Group labels in legend order; colours follow it. */
	groups: string[];
	goalYear: number;
	/** Each group's path from its baseline to 1.0 in the goal year. */
	trajectories: { label: string; fromYear: number; fromIndex: number }[];
	formatIndex: (value: number) => string;
	parityLabel: string;
}): string {
	const { points, groups, goalYear, trajectories } = args;
	const highest = Math.max(1.2, ...points.map((p) => p.upper ?? p.index));
	const years = points.map((p) => p.year);
	const first = years.length ? Math.min(...years) : goalYear - 1;
	// Groups share years, so each group's points sit slightly apart to keep the intervals readable.
	const offset = (label: string) => (groups.indexOf(label) - (groups.length - 1) / 2) * 0.1;
	const shifted = points.map((p) => ({ ...p, x: p.year + offset(p.label) }));
	const ticks: number[] = [];
	for (let year = first; year < goalYear; year += goalYear - first > 8 ? 2 : 1) ticks.push(year);
	if (goalYear - (ticks.at(-1) ?? 0) < 2) ticks.pop();
	ticks.push(goalYear);
	const trajectoryLines = trajectories.flatMap((t) => [
		{ label: t.label, year: t.fromYear + offset(t.label), index: t.fromIndex },
		{ label: t.label, year: goalYear, index: 1 }
	]);
	const svg = Plot.plot({
		document: createDocument(),
		width: args.frame.width ?? 720,
		height: 340,
		marginLeft: 44,
		marginRight: 20,
		x: { domain: [first - 0.4, goalYear], tickFormat: 'd', label: null, ticks },
		y: { domain: [0, Math.ceil(highest * 10) / 10], grid: true, label: null, tickFormat: args.formatIndex },
		color: { domain: groups, range: groupPalette },
		marks: [
			Plot.ruleY([1], { stroke: '#1b1f24', strokeDasharray: '6 4', strokeWidth: 1.5 }),
			Plot.text([{ year: goalYear, index: 1 }], {
				x: 'year',
				y: 'index',
				text: () => args.parityLabel,
				textAnchor: 'end',
				dy: -8,
				fill: '#1b1f24'
			}),
			Plot.line(trajectoryLines, { x: 'year', y: 'index', z: 'label', stroke: 'label', strokeDasharray: '2 4', strokeOpacity: 0.7 }),
			Plot.ruleX(
				shifted.filter((p) => p.lower !== null && p.upper !== null),
				{ x: 'x', y1: 'lower', y2: 'upper', stroke: 'label', strokeOpacity: 0.5, strokeWidth: 3 }
			),
			Plot.line(shifted, { x: 'x', y: 'index', z: 'label', stroke: 'label', strokeWidth: 2.5 }),
			Plot.dot(shifted, { x: 'x', y: 'index', fill: 'label', r: 4, stroke: 'white' })
		]
	});
	return finish(svg as unknown as Element, args.frame);
}

export function renderSharesChart(args: {
	frame: ChartFrame;
	/** Per group, the stage share and the population share (0–1). */
	rows: { label: string; stageShare: number; populationShare: number }[];
	stageLabel: string;
	populationLabel: string;
	formatPercent: (share: number) => string;
}): string {
	const data = args.rows.flatMap((r) => [
		{ label: r.label, measure: args.stageLabel, share: r.stageShare },
		{ label: r.label, measure: args.populationLabel, share: r.populationShare }
	]);
	const highest = Math.max(0.1, ...data.map((d) => d.share));
	const svg = Plot.plot({
		document: createDocument(),
		width: args.frame.width ?? 720,
		height: Math.max(120, args.rows.length * 64 + 40),
		marginLeft: 190,
		marginRight: 60,
		x: { domain: [0, highest * 1.1], grid: true, label: null, tickFormat: (v: number) => args.formatPercent(v) },
		y: { domain: [args.stageLabel, args.populationLabel], axis: null, padding: 0.15 },
		fy: { domain: args.rows.map((r) => r.label), label: null, axis: 'left', padding: 0.25 },
		color: { domain: [args.stageLabel, args.populationLabel], range: sharePalette },
		marks: [
			Plot.barX(data, { x: 'share', y: 'measure', fy: 'label', fill: 'measure' }),
			Plot.text(data, {
				x: 'share',
				y: 'measure',
				fy: 'label',
				text: (d: { share: number }) => args.formatPercent(d.share),
				textAnchor: 'start',
				dx: 4,
				fill: '#1b1f24'
			}),
			Plot.ruleX([0])
		]
	});
	return finish(svg as unknown as Element, args.frame);
}

export function renderPipelineChart(args: {
	frame: ChartFrame;
	/** The steps in order: one per metric (key: its id; label: its name, distinct). */
	steps: { key: string; label: string }[];
	/** index null: not published at that step (the line breaks there). */
	points: { label: string; step: string; index: number | null }[];
	groups: string[];
	formatIndex: (value: number) => string;
	parityLabel: string;
}): string {
	const highest = Math.max(1.2, ...args.points.map((p) => p.index ?? 0));
	const labelOf = new Map(args.steps.map((s) => [s.key, s.label]));
	const keys = args.steps.map((s) => s.key);
	const width = args.frame.width ?? 720;
	// Metric names can be long: wrap each tick label within its step's width (lineWidth is in ems, 10px).
	const lineWidth = Math.max(6, Math.floor(width / Math.max(1, keys.length) / 10) - 1);
	const svg = Plot.plot({
		document: createDocument(),
		width,
		height: 380,
		marginLeft: 44,
		marginRight: 30,
		marginBottom: 76,
		x: { type: 'point', domain: keys, label: null, padding: 0.4 },
		y: { domain: [0, Math.ceil(highest * 10) / 10], grid: true, label: null, tickFormat: args.formatIndex },
		color: { domain: args.groups, range: groupPalette },
		marks: [
			Plot.axisX({ tickFormat: (key: string) => labelOf.get(key) ?? key, lineWidth, label: null }),
			Plot.ruleY([1], { stroke: '#1b1f24', strokeDasharray: '6 4', strokeWidth: 1.5 }),
			Plot.text([{ step: keys.at(-1), index: 1 }], { x: 'step', y: 'index', text: () => args.parityLabel, dy: -8, textAnchor: 'middle', fill: '#1b1f24' }),
			Plot.line(args.points, { x: 'step', y: 'index', z: 'label', stroke: 'label', strokeWidth: 2.5 }),
			Plot.dot(
				args.points.filter((p) => p.index !== null),
				{ x: 'step', y: 'index', fill: 'label', r: 4, stroke: 'white' }
			)
		]
	});
	return finish(svg as unknown as Element, args.frame);
}

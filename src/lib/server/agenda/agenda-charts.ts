/**
 * The turn-the-curve chart: history, the forecast if nothing changes with its band, and the
 * target line. Rendered on the server by Observable Plot through the dashboard's helpers (same
 * CSP-safe SVG, named and described by the figure around it).
 */
import * as Plot from '@observablehq/plot';
import { createDocument, finish, groupPalette, type ChartFrame } from '../dashboard/dashboard-charts.js';
import type { ForecastPoint, Point } from './turn-the-curve.js';

export const curveColours = { history: groupPalette[0]!, forecast: groupPalette[1]!, target: '#1b1f24', band: '#f3c9a8' } as const;

export function renderCurveChart(args: {
	frame: ChartFrame;
	history: Point[];
	/** The forecast starts from the last observed point so the two lines join. */
	forecast: ForecastPoint[];
	targets: Point[];
	formatValue: (value: number) => string;
}): string {
	const { history, forecast, targets } = args;
	const last = history.at(-1);
	const forecastLine = last && forecast.length ? [{ year: last.year, value: last.value }, ...forecast] : [];
	const band = forecast.filter((p) => p.lower !== null && p.upper !== null);
	const bandArea = last && band.length ? [{ year: last.year, lower: last.value, upper: last.value }, ...band] : [];
	const all = [...history.map((p) => p.value), ...targets.map((p) => p.value), ...forecast.map((p) => p.value), ...band.flatMap((p) => [p.lower!, p.upper!])];
	const years = [...history, ...targets, ...forecast].map((p) => p.year);
	const low = Math.min(0, ...all);
	const high = Math.max(...all, 0.1);
	const first = years.length ? Math.min(...years) : 2020;
	const lastYear = years.length ? Math.max(...years) : 2030;
	const svg = Plot.plot({
		document: createDocument(),
		width: args.frame.width ?? 720,
		height: 320,
		marginLeft: 52,
		marginRight: 20,
		x: { domain: [first - 0.4, lastYear + 0.4], tickFormat: 'd', label: null, ticks: Math.min(10, lastYear - first + 1) },
		y: { domain: [low, high * 1.1], grid: true, label: null, tickFormat: args.formatValue },
		marks: [
			Plot.areaY(bandArea, { x: 'year', y1: 'lower', y2: 'upper', fill: curveColours.band, fillOpacity: 0.6 }),
			Plot.line(targets, { x: 'year', y: 'value', stroke: curveColours.target, strokeDasharray: '6 4', strokeWidth: 1.5 }),
			Plot.dot(targets, { x: 'year', y: 'value', stroke: curveColours.target, r: 2.5, fill: 'white' }),
			Plot.line(forecastLine, { x: 'year', y: 'value', stroke: curveColours.forecast, strokeDasharray: '2 4', strokeWidth: 2 }),
			Plot.line(history, { x: 'year', y: 'value', stroke: curveColours.history, strokeWidth: 2.5 }),
			Plot.dot(history, { x: 'year', y: 'value', fill: curveColours.history, r: 4, stroke: 'white' })
		]
	});
	return finish(svg as unknown as Element, args.frame);
}

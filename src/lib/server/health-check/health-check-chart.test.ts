import { describe, expect, it } from 'vitest';
import { aggregateRound } from './health-check.js';
import { renderHealthTrend } from './health-check-chart.js';

const answers = (level: number) => ({ common_agenda: level, shared_measurement: level, mutually_reinforcing_activities: level, continuous_communication: 2, backbone_support: 5 });
const frame = { titleId: 'health-chart-title', descriptionId: 'health-chart-desc' };

describe('the self-check trend chart', () => {
	it('draws nothing while no round has enough answers', () => {
		expect(renderHealthTrend({ rounds: [{ title: 'Spring 2026', aggregate: aggregateRound([answers(1), answers(2)]) }], locale: 'en', frame })).toBeNull();
	});

	it('draws one line per condition over the shown rounds only, as CSP-safe SVG named by its figure', () => {
		const chart = renderHealthTrend({
			rounds: [
				{ title: 'Spring 2026', aggregate: aggregateRound([answers(1), answers(2), answers(3)]) },
				{ title: 'Fall 2026', aggregate: aggregateRound([answers(4)]) },
				{ title: 'Spring 2027', aggregate: aggregateRound([answers(3), answers(4), answers(5)]) }
			],
			locale: 'es',
			frame
		})!;
		expect(chart.rounds).toEqual(['Spring 2026', 'Spring 2027']);
		expect(chart.legend.map((l) => l.label)).toEqual(['Agenda común', 'Medición compartida', 'Actividades que se refuerzan mutuamente', 'Comunicación continua', 'Apoyo de una organización central']);
		expect(chart.svg).toMatch(/^<svg[^>]*role="img"[^>]*>/);
		expect(chart.svg).toContain('aria-labelledby="health-chart-title"');
		expect(chart.svg).not.toContain('style=');
		expect(chart.svg).not.toContain('Fall 2026');
		expect(chart.svg.match(/<path [^>]*stroke="#/g)?.length).toBe(5);
	});
});

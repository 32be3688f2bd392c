/**
 * The annual progress report as a PDF, drawn with pdf-lib from the same `AnnualReport` the web page
 * shows (so the same, already suppressed, numbers and the same wording). Every figure is real text
 * (one text run per table cell), so a screen reader, a search or a test can read it back; charts are
 * simple drawn lines and bars next to their tables.
 *
 * Fonts: the PDF standard fonts (Helvetica) use WinAnsi encoding, which covers Spanish (á é í ó ú ü
 * ñ ¿ ¡ « »). A character outside it is written without its accent when that fits, otherwise "?".
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../content.js';
import { formatValue } from '../agenda/agenda-view.js';
import type { Point } from '../agenda/turn-the-curve.js';
import type { AnnualReport } from './reports.service.js';

const pageSize: [number, number] = [612, 792]; // US Letter, points
const margin = 48;
const width = pageSize[0] - 2 * margin;
const ink = rgb(0.106, 0.122, 0.141);
const muted = rgb(0.33, 0.36, 0.4);
const rule = rgb(0.75, 0.77, 0.8);
const historyColour = rgb(0.0, 0.357, 0.588);
const targetColour = rgb(0.106, 0.122, 0.141);
const barColour = rgb(0.0, 0.357, 0.588);

/** Text the standard fonts can encode: accents kept when WinAnsi has them, dropped otherwise. */
export function encodable(font: PDFFont, text: string): string {
	let out = '';
	for (const char of text.replace(/[\u2009\u202f]/g, ' ')) {
		if (fits(font, char)) {
			out += char;
			continue;
		}
		const bare = char.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
		out += bare !== '' && [...bare].every((c) => fits(font, c)) ? bare : '?';
	}
	return out;
}

function fits(font: PDFFont, char: string): boolean {
	try {
		font.encodeText(char);
		return true;
	} catch {
		return false;
	}
}

interface Column {
	label: string;
	/** Share of the table's width. */
	weight: number;
	numeric?: boolean;
}

class Writer {
	page!: PDFPage;
	y = 0;
	constructor(
		readonly pdf: PDFDocument,
		readonly regular: PDFFont,
		readonly bold: PDFFont
	) {
		this.newPage();
	}

	newPage() {
		this.page = this.pdf.addPage(pageSize);
		this.y = pageSize[1] - margin;
	}

	/** Starts a new page unless `height` points still fit on this one. */
	ensure(height: number) {
		if (this.y - height < margin) this.newPage();
	}

	wrap(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
		const lines: string[] = [];
		for (const paragraph of encodable(font, text).split('\n')) {
			let line = '';
			for (const word of paragraph.split(/\s+/).filter(Boolean)) {
				const candidate = line ? `${line} ${word}` : word;
				if (line && font.widthOfTextAtSize(candidate, size) > maxWidth) {
					lines.push(line);
					line = word;
				} else line = candidate;
			}
			lines.push(line);
		}
		return lines;
	}

	paragraph(text: string, { size = 10, bold = false, color = ink, gap = 6 }: { size?: number; bold?: boolean; color?: RGB; gap?: number } = {}) {
		const font = bold ? this.bold : this.regular;
		for (const line of this.wrap(text, font, size, width)) {
			this.ensure(size * 1.35);
			this.y -= size * 1.35;
			if (line) this.page.drawText(line, { x: margin, y: this.y + size * 0.3, size, font, color });
		}
		this.y -= gap;
	}

	heading(text: string, size: number) {
		this.ensure(size * 2 + 60); // never leave a heading alone at the foot of a page
		this.y -= size * 0.6;
		this.paragraph(text, { size, bold: true, gap: 4 });
	}

	table(caption: string, columns: Column[], rows: string[][]) {
		const size = 8.5;
		const lineHeight = size * 1.3;
		const total = columns.reduce((s, c) => s + c.weight, 0);
		const widths = columns.map((c) => (c.weight / total) * width);
		// A figure is never split over two lines (it would be two text runs): it shrinks to fit instead.
		const fitted = (cell: string, font: PDFFont, i: number) => {
			const room = widths[i]! - 6;
			const natural = font.widthOfTextAtSize(encodable(font, cell), size);
			return natural <= room ? size : Math.max(5, (size * room) / natural);
		};
		const drawRow = (cells: string[], font: PDFFont, header = false) => {
			const keepWhole = cells.map((_, i) => !header && Boolean(columns[i]!.numeric) && i > 0);
			const sizes = cells.map((cell, i) => (keepWhole[i] ? fitted(cell, font, i) : size));
			const wrapped = cells.map((cell, i) => (keepWhole[i] ? [encodable(font, cell)] : this.wrap(cell, font, size, widths[i]! - 6)));
			const height = Math.max(...wrapped.map((l) => l.length)) * lineHeight + 4;
			this.ensure(height);
			let x = margin;
			wrapped.forEach((lines, i) => {
				lines.forEach((line, n) => {
					if (!line) return;
					const cellSize = sizes[i]!;
					const right = columns[i]!.numeric && i > 0;
					const textWidth = font.widthOfTextAtSize(line, cellSize);
					this.page.drawText(line, { x: right ? x + widths[i]! - 3 - textWidth : x + 3, y: this.y - (n + 1) * lineHeight + 2, size: cellSize, font, color: ink });
				});
				x += widths[i]!;
			});
			this.y -= height;
			this.page.drawLine({ start: { x: margin, y: this.y }, end: { x: margin + width, y: this.y }, thickness: 0.4, color: rule });
		};
		this.paragraph(caption, { size: 9, bold: true, color: muted, gap: 2 });
		drawRow(
			columns.map((c) => c.label),
			this.bold,
			true
		);
		for (const row of rows) drawRow(row, this.regular);
		this.y -= 10;
	}

	/** History (solid) and targets (dashed) on shared axes; only published points reach here. */
	lineChart(history: Point[], targets: Point[], format: (v: number) => string) {
		const all = [...history, ...targets];
		if (!all.length) return;
		const height = 130;
		this.ensure(height + 30);
		const left = margin + 44;
		const plotWidth = width - 60;
		const top = this.y - 8;
		const bottom = top - height;
		const years = all.map((p) => p.year);
		const first = Math.min(...years);
		const last = Math.max(...years);
		const low = Math.min(0, ...all.map((p) => p.value));
		const high = Math.max(...all.map((p) => p.value), 0.1) * 1.1;
		const x = (year: number) => left + (last === first ? plotWidth / 2 : ((year - first) / (last - first)) * plotWidth);
		const y = (value: number) => bottom + ((value - low) / (high - low)) * height;
		const axis = { thickness: 0.6, color: muted };
		this.page.drawLine({ start: { x: left, y: bottom }, end: { x: left + plotWidth, y: bottom }, ...axis });
		this.page.drawLine({ start: { x: left, y: bottom }, end: { x: left, y: top }, ...axis });
		const label = (text: string, lx: number, ly: number) => this.page.drawText(encodable(this.regular, text), { x: lx, y: ly, size: 7, font: this.regular, color: muted });
		label(format(low), margin, bottom - 2);
		label(format(high), margin, top - 6);
		label(String(first), left - 8, bottom - 11);
		if (last !== first) label(String(last), left + plotWidth - 16, bottom - 11);
		const polyline = (points: Point[], colour: RGB, dashed: boolean) => {
			for (let i = 1; i < points.length; i++) {
				this.page.drawLine({
					start: { x: x(points[i - 1]!.year), y: y(points[i - 1]!.value) },
					end: { x: x(points[i]!.year), y: y(points[i]!.value) },
					thickness: dashed ? 1 : 2,
					color: colour,
					dashArray: dashed ? [4, 3] : undefined
				});
			}
		};
		polyline(targets, targetColour, true);
		polyline(history, historyColour, false);
		for (const p of history) this.page.drawCircle({ x: x(p.year), y: y(p.value), size: 2.5, color: historyColour });
		this.y = bottom - 18;
	}

	/** Horizontal bars with their label and count written out. */
	bars(rows: { label: string; value: number }[]) {
		const max = Math.max(1, ...rows.map((r) => r.value));
		const labelWidth = 150;
		for (const row of rows) {
			this.ensure(16);
			this.y -= 14;
			this.page.drawText(encodable(this.regular, row.label), { x: margin, y: this.y + 2, size: 9, font: this.regular, color: ink });
			const barWidth = ((width - labelWidth - 40) * row.value) / max;
			this.page.drawRectangle({ x: margin + labelWidth, y: this.y, width: barWidth, height: 10, color: barColour });
			this.page.drawText(String(row.value), { x: margin + labelWidth + barWidth + 4, y: this.y + 2, size: 9, font: this.regular, color: ink });
		}
		this.y -= 10;
	}
}

function sectorName(sector: string, locale: Locale): string {
	const o = { locale };
	const names: Record<string, string> = {
		k12: m.sector_k12({}, o),
		ost: m.sector_ost({}, o),
		higher_ed: m.sector_higher_ed({}, o),
		employer: m.sector_employer({}, o),
		government: m.sector_government({}, o),
		philanthropy: m.sector_philanthropy({}, o),
		community: m.sector_community({}, o)
	};
	return names[sector] ?? sector;
}

/** The report in its own language (`report.locale`), as PDF bytes. */
export async function annualReportPdf(report: AnnualReport): Promise<Uint8Array> {
	const locale = report.locale;
	const o = { locale };
	const pdf = await PDFDocument.create();
	const title = m.report_title({ year: String(report.year) }, o);
	pdf.setTitle(`${title} · ${report.ecosystemName}`);
	pdf.setAuthor(report.ecosystemName);
	pdf.setLanguage(locale === 'es' ? 'es-US' : 'en-US');
	pdf.setProducer('Parity');
	pdf.setCreator('Parity');
	const w = new Writer(pdf, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));

	w.paragraph(report.ecosystemName, { size: 10, color: muted, gap: 2 });
	w.paragraph(title, { size: 20, bold: true, gap: 4 });
	w.paragraph(m.report_generated({ date: report.generatedOn }, o), { size: 9, color: muted });
	if (report.isDemo) w.paragraph(m.report_demo_note({}, o), { size: 9 });

	w.heading(m.dash_goal_heading({ year: String(report.goalYear) }, o), 14);
	if (report.goal) w.paragraph(report.goal);
	if (report.cards.length) {
		w.table(
			m.report_headline_caption({ metric: report.headlineMetric ?? '' }, o),
			[
				{ label: m.dash_col_group({}, o), weight: 3 },
				{ label: m.dash_col_year({}, o), weight: 1, numeric: true },
				{ label: m.dash_col_index({}, o), weight: 1.5, numeric: true },
				{ label: m.agenda_col_status({}, o), weight: 3 }
			],
			report.cards.map((c) => [c.label, c.year === null ? '—' : String(c.year), c.index, c.statusText])
		);
	}

	const chart = report.indexChart;
	if (chart) {
		w.heading(chart.title, 12);
		w.paragraph(chart.description, { size: 9, color: muted });
		w.table(
			chart.table.caption,
			// Columns as wide as their longest cell, so figures keep the body size.
			chart.table.columns.map((c, i) => ({ label: c.label, weight: Math.max(5, ...chart.table.rows.map((r) => (r.cells[i] ?? '').length)), numeric: c.numeric ?? c.count ?? false })),
			chart.table.rows.map((r) => r.cells)
		);
	}

	w.heading(m.report_results_heading({}, o), 14);
	if (!report.results.length) w.paragraph(m.agenda_none_published({}, o));
	for (const result of report.results) {
		w.heading(result.title, 12);
		w.paragraph(result.statement);
		for (const indicator of result.indicators) {
			w.paragraph(
				`${indicator.name}: ${indicator.latest === null ? m.dash_not_available({}, o) : `${indicator.latest} (${indicator.latestYear})`} · ${indicator.statusText}`,
				{ bold: true, size: 10 }
			);
			if (indicator.projection) w.paragraph(indicator.projection, { size: 9 });
			const curve = report.curves[indicator.id];
			if (curve) w.lineChart(curve.history, curve.targets, (v) => formatValue(v, curve.unit, locale));
			w.table(
				indicator.curve.table.caption,
				indicator.curve.table.columns.map((label, i) => ({ label, weight: i === 4 ? 2 : 1, numeric: i > 0 })),
				indicator.curve.table.rows.map((r) => r.cells)
			);
		}
		if (result.strategies.length) {
			w.paragraph(m.agenda_strategies_heading({}, o), { bold: true, size: 10, gap: 2 });
			for (const strategy of result.strategies) w.paragraph(`• ${strategy.title} — ${m.agenda_partner_count({ count: String(strategy.activities.length) }, o)}`, { size: 9, gap: 2 });
			w.y -= 6;
		}
	}

	w.heading(m.report_partners_heading({ count: String(report.partners.total) }, o), 14);
	w.bars(report.partners.bySector.map((r) => ({ label: sectorName(r.sector, locale), value: r.count })));
	w.y -= 10;

	const figures = [
		{ label: m.report_col_figure({}, o), weight: 4 },
		{ label: m.report_col_count({}, o), weight: 1, numeric: true }
	];
	w.heading(m.report_programs_heading({}, o), 14);
	w.table(
		m.report_programs_caption({ date: report.generatedOn }, o),
		figures,
		report.programs.map((f) => [f.label, f.value])
	);
	w.heading(m.report_events_heading({ year: String(report.year) }, o), 14);
	w.table(
		m.report_events_caption({ year: String(report.year) }, o),
		figures,
		report.events.map((f) => [f.label, f.value])
	);

	w.heading(m.report_stories_heading({}, o), 14);
	w.paragraph(report.storyScope === 'print' ? m.report_stories_intro_print({}, o) : m.report_stories_intro_web({}, o), { size: 9, color: muted });
	if (!report.stories.length) w.paragraph(m.report_stories_none({}, o));
	for (const group of report.stories) {
		w.paragraph(m.report_stories_metric({ metric: group.metricName }, o), { bold: true, size: 11, gap: 2 });
		if (group.indicators.length) w.paragraph(m.report_stories_indicators({ names: group.indicators.join(', ') }, o), { size: 9, color: muted, gap: 4 });
		for (const story of group.stories) {
			w.paragraph(`“${story.text}”`, { size: 10, gap: 2 });
			w.paragraph(`— ${m.report_story_by({ name: story.name, age: story.ageBand }, o)}`, { size: 9, color: muted, gap: 8 });
		}
	}
	w.paragraph(m.agenda_suppression_note({ threshold: String(report.threshold) }, o), { size: 8, color: muted });

	return pdf.save();
}

/** The embeddable page of one chart: self-contained HTML, no script, one hashed stylesheet. */
import { createHash } from 'node:crypto';
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../content.js';
import type { ChartView } from './dashboard-view.js';

const css = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;padding:12px;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',Arial,sans-serif;color:#1b1f24;background:#fff;line-height:1.5}
h1{font-size:1.2rem;margin:0 0 4px}
p{margin:0 0 8px;max-width:70ch}
.muted{color:#4a5361;font-size:.875rem}
.chart-svg{display:block;max-width:100%;height:auto;font-size:12px;overflow:visible}
.chart-svg text,.chart-svg tspan{white-space:pre}
.legend{display:flex;flex-wrap:wrap;gap:4px 16px;list-style:none;padding:0;margin:8px 0;font-size:.875rem}
.legend li{display:inline-flex;align-items:center;gap:6px}
.legend svg{flex:none}
details{margin:8px 0}
summary{cursor:pointer;color:#0b5c8f;font-weight:600}
.table-wrap{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.8rem}
caption{text-align:left;font-weight:600;padding-bottom:4px}
th,td{text-align:left;padding:4px 8px;border-bottom:1px solid #d3d8df;vertical-align:top}
th{background:#f5f6f8}
.num{text-align:right;font-variant-numeric:tabular-nums}
a{color:#0b5c8f}
a:focus-visible,summary:focus-visible{outline:3px solid #c4490a;outline-offset:2px}`;

const cssHash = createHash('sha256').update(css).digest('base64');

/** Other sites may frame this page (and only this page); nothing else is allowed to load. */
export const embedCsp = `default-src 'none'; style-src 'sha256-${cssHash}'; img-src 'self' data:; frame-ancestors *; base-uri 'none'; form-action 'none'`;

const escape = (text: string) =>
	text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');

export function legendHtml(chart: ChartView, locale: Locale): string {
	return `<ul class="legend" aria-label="${escape(m.dash_legend({}, { locale }))}">${chart.legend
		.map(
			(item) =>
				`<li><svg width="24" height="12" aria-hidden="true" focusable="false">${
					item.kind === 'line'
						? `<line x1="0" y1="6" x2="24" y2="6" stroke="${item.color}" stroke-width="3"/><circle cx="12" cy="6" r="4" fill="${item.color}"/>`
						: `<rect x="0" y="0" width="24" height="12" fill="${item.color}"/>`
				}</svg>${escape(item.label)}</li>`
		)
		.join('')}</ul>`;
}

export function renderEmbedPage(args: { chart: ChartView; locale: Locale; ecosystemName: string; dashboardUrl: string; csvUrl: string }): string {
	const { chart, locale } = args;
	const o = { locale };
	const { table } = chart;
	const head = table.columns.map((c) => `<th scope="col"${c.numeric ? ' class="num"' : ''}${c.count ? ' data-count' : ''}>${escape(c.label)}</th>`).join('');
	const rows = table.rows
		.map(
			(row) =>
				`<tr>${row.cells
					.map((cell, i) => (i === 0 ? `<th scope="row">${escape(cell)}</th>` : `<td${table.columns[i]?.numeric ? ' class="num"' : ''}>${escape(cell)}</td>`))
					.join('')}</tr>`
		)
		.join('');
	return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(chart.title)} · ${escape(args.ecosystemName)}</title>
<style>${css}</style>
</head>
<body>
<main>
<h1 id="chart-${chart.key}-title">${escape(chart.title)}</h1>
<p class="muted">${escape(args.ecosystemName)}</p>
<p id="chart-${chart.key}-desc">${escape(chart.description)}</p>
${legendHtml(chart, locale)}
${chart.svg}
<details>
<summary>${escape(m.dash_table_caption({ title: chart.title }, o))}</summary>
<div class="table-wrap"><table><caption>${escape(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${rows}</tbody></table></div>
</details>
${chart.notes.map((note) => `<p class="muted">${escape(note)}</p>`).join('\n')}
${chart.sources.map((source) => `<p class="muted">${escape(m.dash_embed_source({ source }, o))}</p>`).join('\n')}
<p><a href="${escape(args.dashboardUrl)}" target="_blank" rel="noopener">${escape(m.dash_full_dashboard({}, o))}</a> · <a href="${escape(args.csvUrl)}">${escape(m.dash_download_csv({}, o))}</a></p>
</main>
</body>
</html>
`;
}

import { expect, it } from 'vitest';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { readPdfText } from '../testing/pdf.js';
import { insertDemoMeasurement } from '../demo/demo-measurement.js';
import { getDashboardPage } from '../dashboard/dashboard.service.js';
import { createIndicator, createResult } from '../agenda/agenda.service.js';
import { getAnnualReport } from './reports.service.js';
import { annualReportPdf, encodable } from './report-pdf.js';

/** PDF.js and Intl may differ in the kind of space they use; the figures must not. */
const norm = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

it('writes Spanish letters with the standard fonts unchanged', async () => {
	const pdf = await PDFDocument.create();
	const font = await pdf.embedFont(StandardFonts.Helvetica);
	expect(encodable(font, '¿Cuántos años? ¡Índice de Acceso! áéíóú ÁÉÍÓÚ ñÑ ü «»')).toBe('¿Cuántos años? ¡Índice de Acceso! áéíóú ÁÉÍÓÚ ñÑ ü «»');
	expect(encodable(font, 'Łódź 1\u202f234 ≥')).toBe('?ódz 1 234 ?');
});

describeEachDatabase('the annual report as a PDF', (get) => {
	it('carries the dashboard’s numbers in English and Spanish, and a suppressed cell as “suppressed”', async () => {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		await insertDemoMeasurement(db, eco.id, 'philadelphia');
		await makePartner(db, eco.id, { name: 'Brick and Bolt' });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const result = await createResult({
			db,
			actor: staff,
			ecosystemId: eco.id,
			input: { title: 'Black Philadelphians in STEM careers', statement: 'Black Philadelphians enter STEM careers in proportion to their share of the population.', published: 'on' }
		});
		if (!result.ok) throw new Error('no result');
		const metric = await db.selectFrom('metric').select('id').where('ecosystem_id', '=', eco.id).where('slug', '=', 'stem-workforce').executeTakeFirstOrThrow();
		const index = await createIndicator({
			db,
			actor: staff,
			ecosystemId: eco.id,
			input: { result_id: result.value.id, name: 'Black STEM workforce index', source: 'access_index', metric_id: metric.id, group_key: 'black', unit: 'index', polarity: 'up', baseline_year: '2015', target_year: '2030', final_target: '1' }
		});
		const small = await createIndicator({
			db,
			actor: staff,
			ecosystemId: eco.id,
			input: { result_id: result.value.id, name: 'Apprentices placed', source: 'manual', unit: 'people', polarity: 'up', target_year: '2030', values: '2022: 40\n2023: 7\n2024: 55' }
		});
		expect([index.ok, small.ok]).toEqual([true, true]);

		for (const [locale, suppressedWord, accented] of [
			['en', 'Suppressed', 'Access Index'],
			['es', 'Suprimido', 'Índice de Acceso']
		] as const) {
			const bytes = await annualReportPdf(await getAnnualReport({ db, ecosystemId: eco.id, locale }));
			const text = await readPdfText(bytes);
			const lines = text.lines.map(norm);
			expect(text.language).toBe(locale === 'es' ? 'es-US' : 'en-US');
			expect(text.title).toContain(locale === 'es' ? 'Informe' : 'Annual progress report');

			// The dashboard, read on its own: every headline index and every cell of its index table.
			const dashboard = await getDashboardPage({ db, ecosystemId: eco.id, locale });
			expect(dashboard.view.cards.length).toBeGreaterThan(0);
			for (const card of dashboard.view.cards) {
				expect(lines, `${locale} ${card.label}`).toContain(norm(card.index));
				expect(lines).toContain(norm(card.label));
			}
			const table = dashboard.view.charts.find((c) => c.key === 'index')!.table;
			for (const row of table.rows) for (const cell of row.cells) if (cell) expect(lines, `${locale} ${row.id}`).toContain(norm(cell));
			expect(lines).toContain(accented);

			// The indicator's curve table: 2023's count of 7 is shown as suppressed, never as 7.
			const i2023 = lines.indexOf('2023', lines.findIndex((l) => l.includes('Apprentices placed') && l.includes(locale === 'es' ? 'valores' : 'values')));
			expect(lines.slice(i2023, i2023 + 3), lines.slice(i2023 - 20, i2023 + 5).join('|')).toContain(suppressedWord);
			expect(lines).toContain('40');
			expect(lines).toContain('55');
			expect(lines).not.toContain('7');
		}
	});
});

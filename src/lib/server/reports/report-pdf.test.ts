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
import { makeEvent, uniqueEmail } from '../testing/factories.js';
import { makeProgram } from '../testing/program-factories.js';
import { insertRegistration, setCheckedIn } from '../events/events.repository.js';
import { findPrograms } from '../programs/finder.service.js';
import { moderateStory, submitStory } from '../stories/stories.service.js';
import { randomToken } from '../util.js';

/** PDF.js and Intl may differ in the kind of space they use; the figures must not. */
const norm = (s: string) => s.replace(/[\s\u00a0\u202f]+/g, ' ').trim();

/** The text run right after the one that reads `label` (a figures table's label and its number). */
const valueAfter = (lines: string[], label: string) => {
	const i = lines.indexOf(label);
	return i < 0 ? `(no “${label}” in the PDF)` : lines.slice(i + 1).find((l) => l !== '');
};

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
			const bytes = await annualReportPdf(await getAnnualReport({ db, ecosystemId: eco.id, locale, storyScope: 'print' }));
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

	it('counts the finder’s programs, the year’s events and participation (small counts suppressed), and prints only stories consented for print', async () => {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		await insertDemoMeasurement(db, eco.id, 'philadelphia');
		const partner = await makePartner(db, eco.id, { name: 'Brick and Bolt' });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const metric = await db.selectFrom('metric').select('id').where('ecosystem_id', '=', eco.id).where('slug', '=', 'stem-workforce').executeTakeFirstOrThrow();
		const result = await createResult({ db, actor: staff, ecosystemId: eco.id, input: { title: 'STEM careers', statement: 'Black Philadelphians enter STEM careers.', published: 'on' } });
		if (!result.ok) throw new Error('no result');
		const indicator = await createIndicator({
			db,
			actor: staff,
			ecosystemId: eco.id,
			input: { result_id: result.value.id, name: 'Black STEM workforce index', source: 'access_index', metric_id: metric.id, group_key: 'black', unit: 'index', polarity: 'up', baseline_year: '2015', target_year: '2030', final_target: '1' }
		});
		expect(indicator.ok).toBe(true);

		// Programs: three families can find (two give a capacity: 20 + 35 seats), one stale past its grace period, one no longer running.
		await makeProgram(db, eco.id, partner, { capacity: '20' });
		await makeProgram(db, eco.id, partner, { capacity: '35' });
		await makeProgram(db, eco.id, partner, { capacity: undefined });
		await makeProgram(db, eco.id, partner, { capacity: '500' }, { now: new Date(Date.now() - 3 * 365 * 86_400_000).toISOString() });
		const stopped = await makeProgram(db, eco.id, partner, { capacity: '400' });
		await db.updateTable('program').set({ status: 'inactive' }).where('id', '=', stopped).execute();

		// Events: the report's year is the year of `now` (February at the earliest, so that January's events are over).
		const now = new Date(Math.max(Date.now(), Date.UTC(new Date().getUTCFullYear(), 1, 1, 12)));
		const year = now.getUTCFullYear();
		const register = async (eventId: string, confirmed: number, checkedIn: number, others: ('waitlisted' | 'cancelled')[] = []) => {
			let position = 0;
			for (const status of [...Array<'confirmed'>(confirmed).fill('confirmed'), ...others]) {
				const id = await insertRegistration(db, eco.id, {
					event_id: eventId,
					user_id: null,
					name: 'Attendee',
					email: uniqueEmail('attendee'),
					locale: 'en',
					status,
					position: ++position,
					answers_json: '{}',
					accessibility_request: null,
					language_request: null,
					token_hash: randomToken()
				});
				if (status === 'confirmed' && position <= checkedIn) expect(await setCheckedIn(db, eco.id, eventId, id, now.toISOString())).toBe(true);
			}
		};
		const held = await makeEvent(db, eco.id, { starts_at: `${year}-01-10T23:00:00.000Z`, ends_at: `${year}-01-11T01:00:00.000Z` });
		await register(held.id, 12, 5, ['waitlisted', 'waitlisted', 'cancelled']);
		const heldToo = await makeEvent(db, eco.id, { starts_at: `${year}-01-20T23:00:00.000Z`, ends_at: `${year}-01-21T01:00:00.000Z` });
		await register(heldToo.id, 3, 1);
		const cancelled = await makeEvent(db, eco.id, { status: 'cancelled', starts_at: `${year}-01-15T23:00:00.000Z`, ends_at: `${year}-01-16T01:00:00.000Z` });
		await register(cancelled.id, 4, 0);
		const lastYear = await makeEvent(db, eco.id, { starts_at: `${year - 1}-12-10T23:00:00.000Z`, ends_at: `${year - 1}-12-11T01:00:00.000Z` });
		await register(lastYear.id, 20, 20);
		const underway = await makeEvent(db, eco.id, { starts_at: new Date(now.getTime() - 3_600_000).toISOString(), ends_at: new Date(now.getTime() + 3_600_000).toISOString() });
		await register(underway.id, 20, 20);

		// Stories, adults' (no parent needed), both linked to the indicator's metric: one consented for print, one only for the web.
		const story = async (text: string, scopes: string[]) => {
			const submitted = await submitStory({
				ctx,
				ecosystemId: eco.id,
				band: '18_24',
				input: { display_name: 'Jayla', story_text: text, interests: ['robotics'], scopes, assent: 'yes', language: 'en', parent_email: undefined },
				origin: 'http://localhost',
				locale: 'en'
			});
			if (!submitted.ok) throw new Error(JSON.stringify(submitted.issues));
			const { storyId } = submitted.value;
			expect(await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId, action: 'approve', input: { scopes }, locale: 'en' })).toEqual({ ok: true, value: null });
			expect((await moderateStory({ db, actor: staff, ecosystemId: eco.id, storyId, action: 'link', input: { target: `metric:${metric.id}` }, locale: 'en' })).ok).toBe(true);
			return storyId;
		};
		const printable = await story('The robotics club showed me I belong in engineering.', ['wall', 'print']);
		const webOnly = await story('My mentor got me my first lab internship this summer.', ['wall']);

		// The finder, asked on its own, sees the same three programs.
		expect((await findPrograms({ db, ecosystemId: eco.id, params: new URLSearchParams(), now })).total).toBe(3);

		// The web page's report has both stories (the wall's use); the PDF's has only the one consented for print.
		const page = await getAnnualReport({ db, ecosystemId: eco.id, locale: 'en', storyScope: 'wall', now });
		expect(page.stories.flatMap((g) => g.stories.map((s) => s.id)).sort()).toEqual([printable, webOnly].sort());
		expect(page.stories[0]!.indicators).toEqual(['Black STEM workforce index']);

		for (const [locale, labels] of [
			['en', { listed: 'Programs listed', seats: 'Seats offered (by the 2 programs that give a capacity)', held: 'Events held', registrations: 'Confirmed registrations', checkedIn: 'Attendees checked in', suppressed: 'Suppressed' }],
			['es', { listed: 'Programas publicados', seats: 'Plazas ofrecidas (por los 2 programas que indican su capacidad)', held: 'Eventos celebrados', registrations: 'Inscripciones confirmadas', checkedIn: 'Asistentes registrados a la llegada', suppressed: 'Suprimido' }]
		] as const) {
			const report = await getAnnualReport({ db, ecosystemId: eco.id, locale, storyScope: 'print', now });
			const viewed = await getAnnualReport({ db, ecosystemId: eco.id, locale, storyScope: 'wall', now });
			// Page and PDF show the same figures.
			expect(report.programs).toEqual(viewed.programs);
			expect(report.events).toEqual(viewed.events);
			const lines = (await readPdfText(await annualReportPdf(report))).lines.map(norm);
			expect(valueAfter(lines, labels.listed), locale).toBe('3');
			expect(valueAfter(lines, labels.seats), locale).toBe('55');
			expect(valueAfter(lines, labels.held), locale).toBe('2');
			expect(valueAfter(lines, labels.registrations), locale).toBe('15');
			// Six people checked in: fewer than the threshold of 11, so never the number.
			expect(valueAfter(lines, labels.checkedIn), locale).toBe(labels.suppressed);
			expect(lines).toContain(locale === 'es' ? `Eventos y participación en ${year}` : `Events and participation in ${year}`);
			const text = lines.join(' ');
			expect(text).toContain('The robotics club showed me I belong in engineering.');
			expect(text).toContain(locale === 'es' ? 'Jayla · De 18 a 24' : 'Jayla · 18 to 24');
			expect(text).toContain('Black STEM workforce index');
			expect(text).not.toContain('first lab internship');
		}
	});
});

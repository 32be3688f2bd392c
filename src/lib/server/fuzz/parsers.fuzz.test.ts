import { Readable } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import ICAL from 'ical.js';
import { parseCountsCsv } from '../submissions/submissions-csv.js';
import { readParticipantStream } from '../participants/participants.stream.js';
import { CensusError, parseCensusJson } from '../census/census.js';
import { readCensusCsv } from '../census/census-csv.js';
import { servicesIn, fromHsdsService } from '../hsds/hsds.js';
import { tablesToServices } from '../hsds/hsds-csv.js';
import { renderMarkdown } from '../markdown.js';
import { eventsCalendar } from '../events/events-calendar.js';
import type { PublicEvent } from '../events/events.service.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, csvField, csvText, foreignBytes, fuzzParams, isPlainMessage, megabyteLine, nastyFragment, within } from './fuzz.js';
import { regressions } from './regressions.js';

/**
 * Every parser of outside input, fed random and hostile input: each answers with its typed result
 * or typed, plain-language problems — never an exception of another kind, never a hang.
 * Seeds that once failed are replayed first (regressions.ts).
 */

const countsHeader = fc.oneof(fc.constant<string[]>(['metric', 'group', 'value']), fc.array(csvField, { maxLength: 5 }));
const participantHeader = fc.oneof(
	fc.constant<string[]>(['pseudonym', 'race_ethnicity', 'sex', 'zip', 'program', 'start_date', 'end_date', 'grade']),
	fc.constant<string[]>(['pseudonym', 'race_1997', 'hispanic', 'sex', 'zip', 'program', 'start_date']),
	fc.array(csvField, { maxLength: 10 })
);
const censusHeader = fc.oneof(
	fc.constant<string[]>(['GEO_ID', 'NAME', 'C23002B_001E', 'C23002B_001M', 'state', 'county']),
	fc.array(fc.oneof(csvField, fc.constantFrom('GEO_ID', 'NAME', 'C23001_001E', 'C23001_001M', 'state')), { maxLength: 8 })
);


vi.setConfig({ testTimeout: FUZZ_TIMEOUT_MS });
describe(`fuzzing the parsers of outside input (${FUZZ_RUNS} cases each)`, () => {
	it('partner counts CSV: cells or every problem, never a throw', () => {
		fc.assert(
			fc.property(fc.oneof(csvText(countsHeader), fc.string({ maxLength: 300 }), foreignBytes.map((b) => b.toString('utf8'))), (text) => {
				const { cells, problems } = parseCountsCsv(text);
				expect(Array.isArray(cells)).toBe(true);
				for (const problem of problems) expect(isPlainMessage(problem.message), problem.message).toBe(true);
			}),
			fuzzParams(regressions.countsCsv)
		);
		// One megabyte on one line is read (or refused) in bounded time.
		const { problems } = parseCountsCsv(`metric,group,value\n${megabyteLine('m,')},1\n`);
		expect(problems.every((p) => isPlainMessage(p.message))).toBe(true);
	});

	it('participant-level CSV stream: an outcome with plain problems, never a rejection or a hang', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(csvText(participantHeader).map((t) => Buffer.from(t)), foreignBytes), fc.integer({ min: 1, max: 64 }), async (bytes, chunk) => {
				const chunks: Buffer[] = [];
				for (let i = 0; i < bytes.length; i += chunk) chunks.push(bytes.subarray(i, i + chunk));
				const outcome = await within(5000, readParticipantStream(Readable.from(chunks), { batchSize: 7 }));
				expect(outcome.rowsRead).toBeGreaterThanOrEqual(0);
				for (const problem of outcome.problems.shown) expect(isPlainMessage(problem.message), problem.message).toBe(true);
			}),
			fuzzParams(regressions.participantCsv.map((text) => [Buffer.from(text), 16] as [Buffer, number]))
		);
		const long = await within(20_000, readParticipantStream(Readable.from([Buffer.from(`pseudonym,sex\n${megabyteLine('p')},female\n`)])));
		expect(long.problems.shown.every((p) => isPlainMessage(p.message))).toBe(true);
	}, Math.max(600_000, FUZZ_TIMEOUT_MS));

	it('Census CSV: a table, or a CensusError listing plain problems', async () => {
		await fc.assert(
			fc.asyncProperty(fc.oneof(csvText(censusHeader), foreignBytes.map((b) => b.toString('latin1'))), async (text) => {
				try {
					const table = await within(5000, readCensusCsv(text));
					expect(table).toBeDefined();
				} catch (error) {
					expect(error).toBeInstanceOf(CensusError);
					for (const problem of (error as CensusError).problems) expect(isPlainMessage(problem.message), problem.message).toBe(true);
				}
			}),
			fuzzParams(regressions.censusCsv)
		);
	}, Math.max(600_000, FUZZ_TIMEOUT_MS));

	it('Census API JSON: a table, or a CensusError listing plain problems', () => {
		const censusLike = fc.oneof(
			fc.jsonValue(),
			fc.tuple(fc.array(fc.oneof(fc.string(), fc.constantFrom('NAME', 'C23001_001E', 'C23001_001M', 'state', 'county')), { maxLength: 6 }), fc.array(fc.array(fc.oneof(fc.string(), fc.integer(), fc.constant(null), nastyFragment), { maxLength: 6 }), { maxLength: 6 })).map(([header, rows]) => [header, ...rows])
		);
		fc.assert(
			fc.property(censusLike, (body) => {
				try {
					parseCensusJson(body);
				} catch (error) {
					expect(error).toBeInstanceOf(CensusError);
					for (const problem of (error as CensusError).problems) expect(isPlainMessage(problem.message), problem.message).toBe(true);
				}
			}),
			fuzzParams(regressions.censusJson)
		);
	});

	it('HSDS JSON: any document maps to services with warnings, never a throw', () => {
		const hsdsLike = fc.oneof(
			fc.jsonValue(),
			fc.record({ contents: fc.array(fc.oneof(fc.jsonValue(), fc.record({ name: fc.oneof(fc.string(), fc.integer()), cost_options: fc.jsonValue(), schedules: fc.jsonValue(), service_at_locations: fc.jsonValue(), languages: fc.jsonValue(), attributes: fc.jsonValue() }, { requiredKeys: [] })), { maxLength: 4 }) })
		);
		fc.assert(
			fc.property(hsdsLike, (document) => {
				for (const { at, service, organization } of servicesIn(document)) {
					const mapped = fromHsdsService(at, service, organization);
					expect(typeof mapped.organization.name).toBe('string');
					for (const warning of mapped.warnings) expect(isPlainMessage(warning), warning).toBe(true);
				}
			}),
			fuzzParams(regressions.hsdsJson)
		);
	});

	it('HSDS CSV data package: services or plain issues, never a throw', () => {
		const files = fc.dictionary(fc.constantFrom('services.csv', 'organizations.csv', 'locations.csv', 'service_at_locations.csv', 'schedules.csv', 'cost_options.csv', 'languages.csv', 'other.csv'), csvText(fc.array(fc.oneof(csvField, fc.constantFrom('id', 'name', 'organization_id', 'service_id', 'location_id', 'amount')), { maxLength: 6 })), { maxKeys: 5 });
		fc.assert(
			fc.property(files, (tables) => {
				const { services, issues } = tablesToServices(tables);
				expect(Array.isArray(services)).toBe(true);
				for (const issue of issues) expect(isPlainMessage(issue.message), issue.message).toBe(true);
			}),
			fuzzParams(regressions.hsdsCsv)
		);
	});

	it('Markdown: any text renders without scripts, event handlers or javascript: links', () => {
		const markdownish = fc.array(
			fc.oneof(
				fc.string({ maxLength: 20 }),
				nastyFragment,
				fc.constantFrom('# ', '**', '_', '[x](', ')', '![i](', '<a href="javascript:alert(1)">x</a>', '<img src=x onerror=alert(1)>', '<iframe src=//x>', '```', '> ', '- ', '1. ', '[x](javascript:alert(1))', '[x](JaVaScRiPt:alert(1))', '[x](data:text/html;base64,PHNjcmlwdD4=)', '<svg onload=alert(1)>', '&#x6A;avascript:', '\n\n')
			),
			{ maxLength: 30 }
		).map((parts) => parts.join(''));
		fc.assert(
			fc.property(markdownish, (source) => {
				const html = renderMarkdown(source);
				expect(html).not.toMatch(/<script|<iframe|<svg|<img[^>]*\son\w+=|<\w+[^>]*\son\w+\s*=/i);
				expect(html).not.toMatch(/href="\s*(javascript|data|vbscript):/i);
			}),
			fuzzParams(regressions.markdown)
		);
	});

	it('iCalendar: any event text gives a calendar a maintained parser reads back unchanged', () => {
		const text = fc.array(fc.oneof(fc.string({ maxLength: 30 }), nastyFragment, fc.constantFrom(';', ':', '\\', 'BEGIN:VEVENT', 'END:VCALENDAR', '\r\nX-INJECTED:1')), { maxLength: 6 }).map((p) => p.join(''));
		fc.assert(
			fc.property(text, text, fc.constantFrom('America/New_York', 'America/Los_Angeles'), (title, description, zone) => {
				const event = {
					id: 'e1',
					slug: 'e1',
					starts_at: '2031-03-08T23:00:00.000Z',
					ends_at: '2031-03-09T01:00:00.000Z',
					time_zone: zone,
					updated_at: '2031-01-01T00:00:00.000Z',
					location: 'Room 1',
					format: 'in_person'
				} as unknown as PublicEvent;
				const ics = eventsCalendar({ name: 'Fuzz', events: [event], eventUrl: () => 'https://parity.example/e/x/events/e1', title: () => title, description: () => description });
				const component = new ICAL.Component(ICAL.parse(ics));
				const vevents = component.getAllSubcomponents('vevent');
				expect(vevents).toHaveLength(1);
				const clean = (s: string) => s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/\r\n?/g, '\n');
				expect(clean(String(vevents[0]!.getFirstPropertyValue('summary') ?? ''))).toBe(clean(title));
				expect(component.getAllProperties().map((p) => p.name)).not.toContain('x-injected');
			}),
			fuzzParams(regressions.icalendar)
		);
	});
});

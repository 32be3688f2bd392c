import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { auditActions } from '../testing/assertions.js';
import { storedParticipantRows } from '../testing/participant-csv.js';
import type { Executor } from '../audit/audit.repository.js';
import { raceEthnicityGroups } from '../metrics/metrics.js';
import { listSubmissionCells, listSubmissionVersions } from '../submissions/submissions.repository.js';
import { aggregateParticipants, readHeader, readParticipantRow, type ParticipantRow } from './participants.js';
import { getImportJob, runParticipantImport, startParticipantImport, viewImportJob } from './participants.service.js';
import { partOfPseudonym } from './participants.batch.js';

const header = 'pseudonym,program,race_ethnicity,sex,zip,grade_band,age_band,disability,english_learner,low_income,started_on,ended_on';

async function counts(db: Executor, ecosystemId: string) {
	const n = async (table: 'submission' | 'submission_value') =>
		Number((await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', ecosystemId).executeTakeFirstOrThrow()).n);
	return { submissions: await n('submission'), cells: await n('submission_value'), rows: await storedParticipantRows(db, ecosystemId) };
}

describeEachDatabase('participant imports', (get) => {
	async function setup() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'ost', disaggregations: ['race_ethnicity', 'sex', 'zip', 'low_income', 'grade_band'] });
		const hours = await makeMetric(db, eco.id, { slug: 'hours', unit: 'hours', disaggregations: [] });
		const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id, hours.id], partnerIds: [partner.id] });
		const keisha = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
		return { ctx, db, eco, partner, metric, cycle, keisha };
	}

	async function importText(s: Awaited<ReturnType<typeof setup>>, text: string, actor = s.keisha, peopleInMemory?: number) {
		const { jobId, target } = await startParticipantImport({
			db: s.db, actor, ecosystemId: s.eco.id, partnerSlug: s.partner.slug, cycleId: s.cycle.id, fileName: 'people.csv', bytesTotal: Buffer.byteLength(text)
		});
		let opened = 0;
		const open = () => {
			if (opened++ > 0) throw new Error('the import reads the file once');
			return Readable.from([Buffer.from(text)]);
		};
		const outcome = await runParticipantImport({ db: s.db, actor, jobId, target, fileName: 'people.csv', open, peopleInMemory });
		return { jobId, outcome };
	}

	it('stores the rows and the counts Parity makes from them, as one new version', async () => {
		const s = await setup();
		const text = [
			header,
			'p-1,Robotics,black,female,19104,6-8,,no,no,yes,2026-01-10,2026-05-30',
			'p-1,Coding club,black,female,19104,6-8,,no,no,yes,2026-02-01,',
			'p-2,Robotics,hispanic;white,male,19143,9-12,,,,no,,',
			'p-3,Robotics,,female,,,,,,,,'
		].join('\n');
		const { jobId, outcome } = await importText(s, text);
		expect(outcome).toMatchObject({ ok: true, rows: 4 });
		const [version] = await listSubmissionVersions(s.db, s.eco.id, s.cycle.id, s.partner.id);
		expect(version).toMatchObject({ version: 1, method: 'participants', status: 'submitted', row_count: 4, file_name: 'people.csv' });
		const cells = Object.fromEntries((await listSubmissionCells(s.db, s.eco.id, version!.id)).map((c) => [c.groupKey, c.value]));
		expect(cells).toEqual({
			all: 3, black: 1, hispanic: 1, female: 2, male: 1, 'black:female': 1, 'hispanic:male': 1,
			'zip=19104': 1, 'zip=19143': 1, 'low_income=yes': 1, 'low_income=no': 1, 'grade_band=6-8': 1, 'grade_band=9-12': 1
		});
		expect(await counts(s.db, s.eco.id)).toMatchObject({ submissions: 1, rows: 4 });
		const job = await getImportJob({ db: s.db, actor: s.keisha, ecosystemId: s.eco.id, partnerSlug: s.partner.slug, jobId });
		expect(job).toEqual({ state: 'succeeded', rowsRead: 4, submissionId: version!.id, fileName: 'people.csv' });
		expect(await auditActions(s.db, s.eco.id)).toEqual(['submission.participants']);

		// A new file is a new version; the first is kept, superseded.
		await importText(s, `${header}\np-9,,asian,male,,,,,,,,`);
		expect((await listSubmissionVersions(s.db, s.eco.id, s.cycle.id, s.partner.id)).map((v) => [v.version, v.status])).toEqual([[2, 'submitted'], [1, 'superseded']]);
	});

	it('a file with mistakes on several rows: every one listed with row and column, nothing stored', async () => {
		const s = await setup();
		const text = [header, 'p-1,,black,female,1910,,,,,,,', 'p-2,,purple,x,19104,,,,,maybe,,', 'p-3,,white,male,19104,,,,,,2026-13-01,', 'p-4,,,,,,,,,,,'].join('\n');
		const { jobId, outcome } = await importText(s, text);
		expect(outcome.ok).toBe(false);
		const job = await getImportJob({ db: s.db, actor: s.keisha, ecosystemId: s.eco.id, partnerSlug: s.partner.slug, jobId });
		if (job.state !== 'failed') throw new Error(`expected a failed job, got ${job.state}`);
		expect(job.problems.map((p) => [p.row, p.column, p.value])).toEqual([
			[2, 'zip', '1910'],
			[3, 'race_ethnicity', 'purple'],
			[3, 'sex', 'x'],
			[3, 'low_income', 'maybe'],
			[4, 'started_on', '2026-13-01']
		]);
		expect(job.total).toBe(5);
		expect(await counts(s.db, s.eco.id)).toEqual({ submissions: 0, cells: 0, rows: 0 });
	});

	it('mistakes after thousands of rows already written: every one listed, the written rows rolled back', async () => {
		const s = await setup();
		// Past several 1,024-row batches, so rows were written before the first mistake was read.
		const good = Array.from({ length: 3000 }, (_, i) => `p-${i},,black,female,19104,,,,,,,`);
		good[2500] = 'p-2500,,black,female,191O4,,,,,,,';
		const text = [header, ...good, 'p-x,,black,female,19104,,,,,,2026-02-30,', 'p-7,,black,male,19104,,,,,,,'].join('\n');
		const { jobId, outcome } = await importText(s, text);
		expect(outcome.ok).toBe(false);
		const job = await getImportJob({ db: s.db, actor: s.keisha, ecosystemId: s.eco.id, partnerSlug: s.partner.slug, jobId });
		if (job.state !== 'failed') throw new Error(`expected a failed job, got ${job.state}`);
		expect(job.problems.map((p) => [p.row, p.column, p.value])).toEqual([
			[2502, 'zip', '191O4'],
			[3002, 'started_on', '2026-02-30'],
			[3003, 'sex', 'male']
		]);
		expect(await counts(s.db, s.eco.id)).toEqual({ submissions: 0, cells: 0, rows: 0 });
		expect(await auditActions(s.db, s.eco.id)).toEqual([]);
	});

	it('refuses a file with a column that looks like a direct identifier before reading any row', async () => {
		const s = await setup();
		const { outcome } = await importText(s, 'pseudonym,Student Name,zip\np-1,Ada Lovelace,19104');
		expect(outcome).toMatchObject({ ok: false, problems: [{ row: 1, column: 'Student Name', message: expect.stringMatching(/direct identifier/) }] });
		expect(await counts(s.db, s.eco.id)).toEqual({ submissions: 0, cells: 0, rows: 0 });
	});

	it('a person whose rows disagree refuses the whole file, counted in memory or (past the limit) from its stored rows, written and rolled back', async () => {
		const s = await setup();
		const text = `${header}\np-1,,black,female,,,,,,,,\np-2,,asian,male,,,,,,,,\np-1,,black,male,,,,,,,,\np-3,,white,,,,,,,,,\np-2,,white,male,,,,,,,,\np-3,,white,,,,,,,,,`;
		for (const peopleInMemory of [undefined, 1]) {
			const { outcome } = await importText(s, text, s.keisha, peopleInMemory);
			// The same problems in row order however the people were counted (one pass, or several passes over the stored rows).
			expect(outcome).toMatchObject({
				ok: false,
				total: 2,
				problems: [
					{ row: 4, column: 'sex', message: expect.stringMatching(/p-1 is female on row 2 but male here/) },
					{ row: 6, column: 'race_ethnicity', message: expect.stringMatching(/p-2 is asian on row 3 but white here/) }
				]
			});
			expect(await counts(s.db, s.eco.id)).toEqual({ submissions: 0, cells: 0, rows: 0 });
		}
	});

	it('counting people from the stored rows past the in-memory limit gives the same cells, in one pass or several', async () => {
		const s = await setup();
		const lines = Array.from({ length: 60 }, (_, i) => `p-${i % 25},Robotics,${raceEthnicityGroups[i % 25 % 8]},${['female', 'male', ''][i % 25 % 3]},1910${i % 25 % 4},6-8,,,,${['yes', 'no', ''][i % 25 % 3]},,`);
		const cellsOf = async (peopleInMemory?: number) => {
			const { outcome } = await importText(s, [header, ...lines].join('\n'), s.keisha, peopleInMemory);
			if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
			return Object.fromEntries((await listSubmissionCells(s.db, s.eco.id, outcome.submissionId)).map((c) => [c.groupKey, c.value]));
		};
		const inMemory = await cellsOf();
		expect(inMemory.all).toBe(25);
		for (const peopleInMemory of [10, 1, 24]) expect(await cellsOf(peopleInMemory)).toEqual(inMemory);
	});

	it('counting from stored rows gives the same cells when the people fall unevenly into the passes', async () => {
		const s = await setup();
		// Ten people whose pseudonyms all fall in the same one of 4 passes: that pass draws more than
		// twice its share, so the passes are doubled until the people spread out.
		const names: string[] = [];
		for (let i = 0; names.length < 10; i++) if (partOfPseudonym(`p-${i}`, 4) === 0) names.push(`p-${i}`);
		const text = [header, ...names.map((p, i) => `${p},,${raceEthnicityGroups[i % 8]},${i % 2 ? 'male' : 'female'},1910${i % 3},,,,,,,`)].join('\n');
		const cellsOf = async (peopleInMemory?: number) => {
			const { outcome } = await importText(s, text, s.keisha, peopleInMemory);
			if (!outcome.ok) throw new Error(JSON.stringify(outcome.problems));
			return Object.fromEntries((await listSubmissionCells(s.db, s.eco.id, outcome.submissionId)).map((c) => [c.groupKey, c.value]));
		};
		const inMemory = await cellsOf();
		expect(inMemory.all).toBe(10);
		expect(await cellsOf(3)).toEqual(inMemory);
	});

	it('the import counts random rows as the in-memory reference does, in memory and from stored rows', async () => {
		const s = await setup();
		const columns = header.split(',');
		const { map } = readHeader(columns);
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.record({ id: fc.integer({ min: 0, max: 12 }), race: fc.constantFrom('', ...raceEthnicityGroups), sex: fc.constantFrom('', 'female', 'male'), zip: fc.constantFrom('', '19104', '97201'), li: fc.constantFrom('', 'yes', 'no') }), { minLength: 1, maxLength: 25 }),
				async (drawn) => {
					const first = new Map<number, (typeof drawn)[number]>();
					for (const d of drawn) if (!first.has(d.id)) first.set(d.id, d);
					const lines = drawn.map((d) => {
						const p = first.get(d.id)!;
						return `p${d.id},,${p.race},${p.sex},${p.zip},,,,,${p.li},,`;
					});
					const rows = lines.map((line, i) => readParticipantRow(line.split(','), map, i + 2, columns.length).row as ParticipantRow);
					const expected = aggregateParticipants(rows, ['race_ethnicity', 'sex', 'zip', 'low_income', 'grade_band']);
					if (!expected.ok) throw new Error('the drawn rows disagree');
					// In memory, and from the stored rows in several passes (at most 3 people in memory).
					for (const peopleInMemory of [undefined, 3]) {
						const { outcome } = await importText(s, [header, ...lines].join('\n'), s.keisha, peopleInMemory);
						if (!outcome.ok) throw new Error('import refused consistent rows');
						const stored = await listSubmissionCells(s.db, s.eco.id, outcome.submissionId);
						expect(Object.fromEntries(stored.map((c) => [c.groupKey, c.value]))).toEqual(Object.fromEntries(expected.cells));
					}
				}
			),
			{ numRuns: 8 }
		);
	});

	it('refuses people without the right, and another ecosystem’s partner or job is not found', async () => {
		const s = await setup();
		const educator = await makeActor(s.ctx, { role: 'educator', ecosystemId: s.eco.id });
		await expect(importText(s, `${header}\np-1,,,,,,,,,,,`, educator)).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const { jobId } = await importText(s, `${header}\np-1,,,,,,,,,,,`);

		const other = await setup();
		// Keisha's job, looked up through another ecosystem's partner: not found.
		await expect(getImportJob({ db: s.db, actor: other.keisha, ecosystemId: other.eco.id, partnerSlug: other.partner.slug, jobId })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		// Another ecosystem's partner, addressed from Keisha's ecosystem: not found.
		await expect(startParticipantImport({ db: s.db, actor: s.keisha, ecosystemId: s.eco.id, partnerSlug: other.partner.slug, cycleId: s.cycle.id, fileName: 'x.csv', bytesTotal: 1 })).rejects.toMatchObject({ code: 'PARTNER_NOT_FOUND' });
		// Keisha's partner, but the other ecosystem's cycle: not found.
		await expect(startParticipantImport({ db: s.db, actor: s.keisha, ecosystemId: s.eco.id, partnerSlug: s.partner.slug, cycleId: other.cycle.id, fileName: 'x.csv', bytesTotal: 1 })).rejects.toMatchObject({ status: 404 });
		expect(await counts(s.db, other.eco.id)).toEqual({ submissions: 0, cells: 0, rows: 0 });
	});
});

describe('viewImportJob', () => {
	const job = {
		id: 'j', ecosystem_id: 'e', cycle_id: 'c', partner_id: 'p', kind: 'participants' as const, file_name: 'f.csv', problems_json: null, submission_id: null,
		created_by_user_id: null, created_at: '2026-12-01T10:00:00.000Z', updated_at: '2026-12-01T10:00:00.000Z', bytes_total: 1000, bytes_read: 250, rows_read: 40, metric_id: null
	};
	const now = new Date('2026-12-01T10:01:00.000Z');
	it.each([
		[{ status: 'queued' as const, bytes_read: 0 }, { state: 'queued', percent: 0 }],
		[{ status: 'running' as const }, { state: 'checking', percent: 25, rowsRead: 40 }],
		[{ status: 'running' as const, bytes_read: 1000 }, { state: 'saving', percent: 100 }],
		[{ status: 'running' as const, updated_at: '2026-12-01T09:00:00.000Z' }, { state: 'interrupted' }],
		[{ status: 'failed' as const, problems_json: '{"problems":[{"row":2,"column":"zip","value":"1","message":"m"}],"total":7}' }, { state: 'failed', total: 7 }]
	])('%j → %j', (change, expected) => {
		expect(viewImportJob({ ...job, ...change }, now)).toMatchObject(expected);
	});
});

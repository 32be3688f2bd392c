import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { afterEach, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { participantCsvHeader, participantCsvLine } from '../testing/participant-csv.js';
import type { Executor } from '../audit/audit.repository.js';
import { createJobQueue } from '../jobs/index.js';
import { queueName, type JobPolicy, type JobQueue } from '../jobs/jobs.js';
import { readEcosystemJobs } from '../jobs/jobs.service.js';
import { receiveUpload, UPLOAD_CHUNK_BYTES } from './participants.upload.js';
import { PARTICIPANT_IMPORT_QUEUE, participantUploadSink, queueUploadedParticipantFile, removeAbandonedUploads, runQueuedParticipantImport, workParticipantImports } from './participants.queue.js';
import { countFileChunks, readFileChunks, recordUploadedFile } from './import-files.repository.js';

const twoFactor = { forAdmins: 'required', demo: false } as const;
const child = fileURLToPath(new URL('../testing/participant-queue-child.ts', import.meta.url));

/** A valid participant file of `rows` rows (about 80 bytes each). */
function participantFile(rows: number, seed = 1): string {
	const lines = [participantCsvHeader];
	for (let i = 0; i < rows; i++) lines.push(participantCsvLine(i, seed));
	return `${lines.join('\n')}\n`;
}

/** The request a browser sends from the upload form (JavaScript off). */
function uploadRequest(file: { text: string | Uint8Array<ArrayBuffer>; name: string }, metric = 'ost'): Request {
	const form = new FormData();
	form.set('metric', metric);
	form.set('file', new Blob([file.text], { type: 'text/csv' }), file.name);
	return new Request('http://localhost/upload', { method: 'POST', body: form });
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs = 60_000): Promise<void> {
	const end = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > end) throw new Error('timed out waiting for the import');
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

async function stored(db: Executor, ecosystemId: string, cycleId?: string) {
	let submissions = db.selectFrom('submission').select((eb) => eb.fn.countAll().as('n')).where('ecosystem_id', '=', ecosystemId);
	if (cycleId) submissions = submissions.where('cycle_id', '=', cycleId);
	const rows = await db
		.selectFrom('participant_batch')
		.innerJoin('submission', 'submission.id', 'participant_batch.submission_id')
		.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('participant_batch.row_count'), eb.lit(0)).as('n'))
		.where('participant_batch.ecosystem_id', '=', ecosystemId)
		.$if(!!cycleId, (q) => q.where('submission.cycle_id', '=', cycleId!))
		.executeTakeFirstOrThrow();
	return { submissions: Number((await submissions.executeTakeFirstOrThrow()).n), rows: Number(rows.n) };
}

const importStatus = async (db: Executor, ecosystemId: string, id: string) =>
	(await db.selectFrom('import_job').select('status').where('ecosystem_id', '=', ecosystemId).where('id', '=', id).executeTakeFirst())?.status;

describeEachDatabase('participant files imported by the job queue', (get) => {
	const queues: JobQueue[] = [];
	const open = async (options: { expiryCheckSeconds?: number } = {}) => {
		const queue = createJobQueue(get().ctx.db, { pollMs: 50, pollingIntervalSeconds: 0.5, ...options });
		await queue.start();
		queues.push(queue);
		return queue;
	};
	// Each test's workers stop with it: a worker left running would take the next test's jobs.
	afterEach(async () => {
		for (const queue of queues.splice(0)) await queue.stop();
	});

	async function setup(cycles = 1) {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'ost', disaggregations: ['race_ethnicity', 'sex', 'zip'] });
		const cycleList: Awaited<ReturnType<typeof makeCycle>>[] = [];
		for (let i = 0; i < cycles; i++) cycleList.push(await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id], name: `Cycle ${i}` }));
		const actor = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
		const call = (cycleId: string) => ({ db, actor, ecosystemId: eco.id, partnerSlug: partner.slug, cycleId });
		/** The form's upload, stored; not yet queued. */
		const upload = async (text: string | Uint8Array<ArrayBuffer>, cycleId = cycleList[0]!.id, options: { maxBytes?: number; name?: string } = {}) =>
			receiveUpload(uploadRequest({ text, name: options.name ?? 'people.csv' }), 'file', participantUploadSink(call(cycleId)), options.maxBytes);
		return { db, eco, partner, cycles: cycleList, cycle: cycleList[0]!, actor, call, upload };
	}

	it("an upload's file lands in ~1 MB chunks as it arrives, and the job imports it and removes them", async () => {
		const s = await setup();
		const text = participantFile(32_000);
		const bytes = Buffer.byteLength(text);
		expect(bytes).toBeGreaterThan(2 * UPLOAD_CHUNK_BYTES);
		const upload = await s.upload(text);
		expect(upload).toMatchObject({ tooLarge: false, notText: null, file: { name: 'people.csv', bytes } });
		const id = upload.file!.id;
		const chunks = await s.db.selectFrom('import_file_chunk').select(['seq', 'ecosystem_id', 'bytes']).where('import_job_id', '=', id).orderBy('seq').execute();
		expect(chunks.map((c) => c.seq)).toEqual([0, 1, 2]);
		expect(chunks.every((c) => c.ecosystem_id === s.eco.id)).toBe(true);
		expect(chunks.map((c) => c.bytes.byteLength)).toEqual([UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES, bytes - 2 * UPLOAD_CHUNK_BYTES]);
		expect(Buffer.concat(chunks.map((c) => Buffer.from(c.bytes))).toString()).toBe(text);
		expect(await importStatus(s.db, s.eco.id, id)).toBe('queued');

		const queue = await open();
		await workParticipantImports(queue, s.db, { twoFactor });
		const queued = await queueUploadedParticipantFile({ ...s.call(s.cycle.id), jobs: queue, importJobId: id, metric: 'ost', bytes });
		expect(queued).toEqual({ ok: true, value: { jobId: id } });
		await until(async () => (await importStatus(s.db, s.eco.id, id)) === 'succeeded');
		expect(await stored(s.db, s.eco.id)).toEqual({ submissions: 1, rows: 32_000 });
		expect(await countFileChunks(s.db, s.eco.id, id)).toEqual({ chunks: 0, bytes: 0 });
		const job = await s.db.selectFrom('import_job').select(['bytes_total', 'bytes_read', 'rows_read', 'metric_id']).where('id', '=', id).executeTakeFirstOrThrow();
		expect([Number(job.bytes_total), Number(job.bytes_read), Number(job.rows_read)]).toEqual([bytes, bytes, 32_000]);

		// The queue's job names the ecosystem, so its backbone admins see it.
		const admin = await makeActor(get().ctx, { role: 'backbone_admin', ecosystemId: s.eco.id });
		await until(async () => (await readEcosystemJobs({ jobs: queue, actor: admin, ecosystemId: s.eco.id })).jobs.some((j) => j.state === 'completed'));
		const seen = (await readEcosystemJobs({ jobs: queue, actor: admin, ecosystemId: s.eco.id })).jobs;
		expect(seen).toMatchObject([{ name: queueName(PARTICIPANT_IMPORT_QUEUE), state: 'completed', retryCount: 0 }]);
	}, 120_000);

	it('two workers on the same queue import each file once', async () => {
		const s = await setup(4);
		const [a, b] = [await open(), await open()];
		await workParticipantImports(a, s.db, { twoFactor });
		await workParticipantImports(b, s.db, { twoFactor });
		const ids: string[] = [];
		for (const [n, cycle] of s.cycles.entries()) {
			const text = participantFile(2_000 + n, n + 1);
			const upload = await s.upload(text, cycle.id);
			const queued = await queueUploadedParticipantFile({ ...s.call(cycle.id), jobs: n % 2 ? a : b, importJobId: upload.file!.id, metric: 'ost', bytes: upload.file!.bytes });
			expect(queued.ok).toBe(true);
			ids.push(upload.file!.id);
		}
		await until(async () => (await Promise.all(ids.map((id) => importStatus(s.db, s.eco.id, id)))).every((status) => status === 'succeeded'));
		// Give a duplicate the time to show itself.
		await new Promise((resolve) => setTimeout(resolve, 1_500));
		for (const [n, cycle] of s.cycles.entries()) expect(await stored(s.db, s.eco.id, cycle.id)).toEqual({ submissions: 1, rows: 2_000 + n });
		const jobs = (await a.recent(500, { ecosystemId: s.eco.id })).filter((j) => j.name === queueName(PARTICIPANT_IMPORT_QUEUE));
		expect(jobs.map((j) => j.state)).toEqual(['completed', 'completed', 'completed', 'completed']);
	}, 120_000);

	it('two attempts at one import running side by side (one taken for dead) store it once', async () => {
		const s = await setup();
		const text = participantFile(6_000);
		const upload = await s.upload(text);
		const id = upload.file!.id;
		await recordUploadedFile(s.db, s.eco.id, id, { metricId: (await s.db.selectFrom('metric').select('id').where('ecosystem_id', '=', s.eco.id).where('slug', '=', 'ost').executeTakeFirstOrThrow()).id, bytesTotal: upload.file!.bytes });
		const data = { ecosystemId: s.eco.id, importJobId: id };
		const results = await Promise.all([runQueuedParticipantImport({ db: s.db, data, twoFactor }), runQueuedParticipantImport({ db: s.db, data, twoFactor })]);
		// Each attempt reports the one stored outcome (the second found it committed by the first).
		expect(results).toEqual([{ import: 'succeeded', rows: 6_000 }, { import: 'succeeded', rows: 6_000 }]);
		expect(await stored(s.db, s.eco.id)).toEqual({ submissions: 1, rows: 6_000 });
		expect(await importStatus(s.db, s.eco.id, id)).toBe('succeeded');
		expect(await countFileChunks(s.db, s.eco.id, id)).toEqual({ chunks: 0, bytes: 0 });
		// A third attempt (the queue retrying after the commit) only finds the import finished.
		expect(await runQueuedParticipantImport({ db: s.db, data, twoFactor })).toEqual({ import: 'already finished', status: 'succeeded' });
		expect(await stored(s.db, s.eco.id)).toEqual({ submissions: 1, rows: 6_000 });
	}, 120_000);

	it('a worker killed in the middle of an import: nothing stored, and the retry imports it once', async () => {
		const s = await setup();
		const { url, dialect } = get();
		const text = participantFile(30_000);
		const upload = await s.upload(text);
		const id = upload.file!.id;
		const policy: Partial<JobPolicy> = { expireInSeconds: 3, retryDelaySeconds: 1, retryLimit: 2 };
		// The sender: on SQLite the job row takes its policy from the queue that sends it (which is
		// not started here, so it works nothing); on PostgreSQL the worker's declaration sets it.
		const sender = createJobQueue(get().ctx.db, { pollMs: 50, pollingIntervalSeconds: 0.5, expiryCheckSeconds: 1 });
		queues.push(sender);
		if (dialect === 'sqlite') await workParticipantImports(sender, s.db, { twoFactor, policy });

		const worker = spawn(process.execPath, ['--import', 'tsx', child, JSON.stringify({ databaseUrl: url, bytes: upload.file!.bytes, policy })], { stdio: ['ignore', 'pipe', 'pipe'] });
		let stderr = '';
		worker.stderr.on('data', (d) => (stderr += d));
		const lines = createInterface({ input: worker.stdout });
		const seen: string[] = [];
		const killed = new Promise<NodeJS.Signals | null>((resolve) => worker.on('close', (_code, signal) => resolve(signal)));
		const saw = (line: string) => until(() => seen.includes(line) || worker.exitCode !== null, 60_000);
		lines.on('line', (line) => {
			seen.push(line);
			if (line === 'saving') worker.kill('SIGKILL');
		});
		await saw('ready');
		expect(seen, stderr).toContain('ready');
		expect((await queueUploadedParticipantFile({ ...s.call(s.cycle.id), jobs: sender, importJobId: id, metric: 'ost', bytes: upload.file!.bytes })).ok).toBe(true);
		await saw('saving');
		expect(seen, stderr).toContain('saving');
		expect(await killed).toBe('SIGKILL');
		expect(seen).toContain('saving');
		// Killed inside the import's transaction: nothing of it, the file still there for the retry.
		expect(await stored(s.db, s.eco.id)).toEqual({ submissions: 0, rows: 0 });
		expect(await importStatus(s.db, s.eco.id, id)).toBe('running');
		expect((await countFileChunks(s.db, s.eco.id, id)).bytes).toBe(upload.file!.bytes);

		// A surviving server's worker takes the expired attempt up again.
		await workParticipantImports(sender, s.db, { twoFactor, policy });
		await sender.start();
		await until(async () => (await importStatus(s.db, s.eco.id, id)) === 'succeeded', 90_000);
		await until(async () => (await sender.recent(50, { ecosystemId: s.eco.id })).some((j) => j.state === 'completed'), 30_000);
		expect(await stored(s.db, s.eco.id)).toEqual({ submissions: 1, rows: 30_000 });
		expect(await countFileChunks(s.db, s.eco.id, id)).toEqual({ chunks: 0, bytes: 0 });
		const [job] = await sender.recent(50, { ecosystemId: s.eco.id });
		expect(job).toMatchObject({ name: queueName(PARTICIPANT_IMPORT_QUEUE), state: 'completed', retryCount: 1 });
	}, 180_000);

	it('a refused file: every problem recorded, nothing stored, its chunks removed', async () => {
		const s = await setup();
		const queue = await open();
		await workParticipantImports(queue, s.db, { twoFactor });
		const text = `${participantCsvHeader}\np-1,,purple,female,19104,,,,,,,\np-2,,white,x,19104,,,,,,,\n`;
		const upload = await s.upload(text);
		const id = upload.file!.id;
		expect((await countFileChunks(s.db, s.eco.id, id)).chunks).toBe(1);
		await queueUploadedParticipantFile({ ...s.call(s.cycle.id), jobs: queue, importJobId: id, metric: 'ost', bytes: upload.file!.bytes });
		await until(async () => (await importStatus(s.db, s.eco.id, id)) === 'failed');
		const job = await s.db.selectFrom('import_job').select('problems_json').where('id', '=', id).executeTakeFirstOrThrow();
		expect(JSON.parse(job.problems_json!)).toMatchObject({ total: 2 });
		expect(await stored(s.db, s.eco.id)).toEqual({ submissions: 0, rows: 0 });
		expect(await countFileChunks(s.db, s.eco.id, id)).toEqual({ chunks: 0, bytes: 0 });
		// The file's problems are the import's outcome, not a failure of the job.
		await until(async () => (await queue.recent(20, { ecosystemId: s.eco.id })).some((j) => j.state === 'completed'));
	}, 60_000);

	it('refuses a bad choice of metric at once and keeps nothing of the file', async () => {
		const s = await setup();
		const queue = await open();
		const upload = await s.upload(participantFile(10));
		const outcome = await queueUploadedParticipantFile({ ...s.call(s.cycle.id), jobs: queue, importJobId: upload.file!.id, metric: 'no-such-metric', bytes: upload.file!.bytes });
		expect(outcome).toMatchObject({ ok: false, issues: [{ field: 'metric', message: expect.stringContaining('Choose the metric') }] });
		expect(await importStatus(s.db, s.eco.id, upload.file!.id)).toBeUndefined();
		expect(await countFileChunks(s.db, s.eco.id, upload.file!.id)).toEqual({ chunks: 0, bytes: 0 });
		expect(await queue.recent(20, { ecosystemId: s.eco.id })).toEqual([]);
	});

	it('keeps nothing of a file that is too large, not text, or empty', async () => {
		const s = await setup();
		const before = await s.db.selectFrom('import_job').select('id').where('ecosystem_id', '=', s.eco.id).execute();
		const big = await s.upload(participantFile(40_000), s.cycle.id, { maxBytes: 1_500_000 });
		expect(big).toMatchObject({ tooLarge: true, file: null, fileName: 'people.csv' });
		const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, ...new Array(200).fill(1)]);
		const picture = await s.upload(png, s.cycle.id, { name: 'photo.csv' });
		expect(picture).toMatchObject({ file: null, fileName: 'photo.csv' });
		expect(picture.notText).not.toBeNull();
		expect(await s.upload('')).toMatchObject({ file: null });
		expect(await s.db.selectFrom('import_job').select('id').where('ecosystem_id', '=', s.eco.id).execute()).toEqual(before);
		expect(await s.db.selectFrom('import_file_chunk').select('seq').where('ecosystem_id', '=', s.eco.id).execute()).toEqual([]);
	}, 60_000);

	it("an upload in one ecosystem is never read by another's job", async () => {
		const mine = await setup();
		const theirs = await setup();
		const text = participantFile(500);
		const upload = await mine.upload(text);
		const id = upload.file!.id;
		const metricId = (await mine.db.selectFrom('metric').select('id').where('ecosystem_id', '=', mine.eco.id).where('slug', '=', 'ost').executeTakeFirstOrThrow()).id;
		await recordUploadedFile(mine.db, mine.eco.id, id, { metricId, bytesTotal: upload.file!.bytes });
		// A job naming the other ecosystem and this file's import finds nothing to read or run.
		expect(await runQueuedParticipantImport({ db: mine.db, data: { ecosystemId: theirs.eco.id, importJobId: id }, twoFactor })).toEqual({ import: 'not found' });
		let read = 0;
		for await (const piece of readFileChunks(mine.db, theirs.eco.id, id)) read += (piece as Buffer).length;
		expect(read).toBe(0);
		expect(await countFileChunks(mine.db, theirs.eco.id, id)).toEqual({ chunks: 0, bytes: 0 });
		// The other ecosystem's sweep of abandoned files leaves it alone.
		await removeAbandonedUploads({ db: mine.db, ecosystemId: theirs.eco.id, now: new Date(Date.now() + 7 * 86_400_000) });
		expect((await countFileChunks(mine.db, mine.eco.id, id)).bytes).toBe(upload.file!.bytes);
		expect(await stored(mine.db, theirs.eco.id)).toEqual({ submissions: 0, rows: 0 });
		// Its own job imports it, into its own ecosystem only.
		expect(await runQueuedParticipantImport({ db: mine.db, data: { ecosystemId: mine.eco.id, importJobId: id }, twoFactor })).toEqual({ import: 'succeeded', rows: 500 });
		expect(await stored(mine.db, mine.eco.id)).toEqual({ submissions: 1, rows: 500 });
		expect(await stored(mine.db, theirs.eco.id)).toEqual({ submissions: 0, rows: 0 });
	}, 60_000);

	it('the sweep removes the files of abandoned uploads after a day, and of finished imports', async () => {
		const s = await setup();
		const cut = await s.upload(participantFile(100));
		const now = new Date();
		expect(await removeAbandonedUploads({ db: s.db, ecosystemId: s.eco.id, now })).toBe(0);
		expect(await removeAbandonedUploads({ db: s.db, ecosystemId: s.eco.id, now: new Date(now.getTime() + 25 * 3_600_000) })).toBe(1);
		expect(await countFileChunks(s.db, s.eco.id, cut.file!.id)).toEqual({ chunks: 0, bytes: 0 });
		// A queued import whose file went is refused plainly, never imported from part of a file.
		const metricId = (await s.db.selectFrom('metric').select('id').where('ecosystem_id', '=', s.eco.id).where('slug', '=', 'ost').executeTakeFirstOrThrow()).id;
		await recordUploadedFile(s.db, s.eco.id, cut.file!.id, { metricId, bytesTotal: cut.file!.bytes });
		expect(await runQueuedParticipantImport({ db: s.db, data: { ecosystemId: s.eco.id, importJobId: cut.file!.id }, twoFactor })).toEqual({ import: 'failed', problems: 1 });
		const job = await s.db.selectFrom('import_job').select(['status', 'problems_json']).where('id', '=', cut.file!.id).executeTakeFirstOrThrow();
		expect(job.status).toBe('failed');
		expect(job.problems_json).toContain('no longer complete');
		expect(await stored(s.db, s.eco.id)).toEqual({ submissions: 0, rows: 0 });
	});
});

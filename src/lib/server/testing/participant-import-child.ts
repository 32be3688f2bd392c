/**
 * A separate process that imports a participant file, for the test that kills an import midway
 * and for `npm run bench` (which reads its peak memory). Run with tsx:
 *   tsx participant-import-child.ts <json arguments>
 * It prints `saving` once the second pass (the write transaction) is a third of the way through
 * the file, and `done {json}` at the end.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { createContext } from '../context.js';
import type { SignedInActor } from '../auth/roles.js';
import { runParticipantImport, startParticipantImport } from '../participants/participants.service.js';

interface Args {
	databaseUrl: string;
	ecosystemId: string;
	partnerSlug: string;
	cycleId: string;
	actor: SignedInActor;
	file: string;
	bytes: number;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const ctx = await createContext({ databaseUrl: args.databaseUrl, migrate: false, secret: 'x'.repeat(40), origin: 'http://localhost' });
const started = performance.now();
const { jobId, target } = await startParticipantImport({
	db: ctx.db.kysely, actor: args.actor, ecosystemId: args.ecosystemId, partnerSlug: args.partnerSlug, cycleId: args.cycleId, fileName: 'generated.csv', bytesTotal: args.bytes
});
console.log(`job ${jobId}`);
let opened = 0;
const open = () => {
	const pass = ++opened;
	let read = 0;
	let told = false;
	const watch = new Transform({
		transform(chunk: Buffer, _encoding, done) {
			read += chunk.length;
			if (pass === 2 && !told && read > args.bytes / 3) {
				told = true;
				console.log('saving');
			}
			done(null, chunk);
		}
	});
	return createReadStream(args.file).pipe(watch);
};
const outcome = await runParticipantImport({ db: ctx.db.kysely, actor: args.actor, jobId, target, open, fileName: 'generated.csv' });
const usage = process.resourceUsage();
const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
console.log(`done ${JSON.stringify({ ok: outcome.ok, ms: Math.round(performance.now() - started), cpuMs, maxRssKb: usage.maxRSS })}`);
await ctx.close();

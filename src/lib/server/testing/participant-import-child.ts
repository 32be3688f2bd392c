/**
 * A separate process that imports a participant file, for the test that kills an import midway
 * and for `npm run bench` (which reads its peak memory). Run with tsx:
 *   tsx participant-import-child.ts <json arguments>
 * It prints `saving` once the import (one pass, in the write transaction) is a third of the way through
 * the file, and `done {json}` at the end. With `pauseWhenSaving` (the kill test) it then waits a
 * few seconds before reading on, so the kill lands while the transaction is open however fast the
 * import is.
 */
import { createReadStream } from 'node:fs';
import { Transform } from 'node:stream';
import { openDatabase } from '../db/connection.js';
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
	pauseWhenSaving?: boolean;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
// Only the database: an import needs no mailer or sign-in machinery, and loading them would count
// their memory as the import's.
const database = openDatabase(args.databaseUrl);
// Peak memory before the import starts (Node, tsx and the modules loaded), to tell the import's own share.
const baseRssKb = process.resourceUsage().maxRSS;
const started = performance.now();
const { jobId, target } = await startParticipantImport({
	db: database.kysely, actor: args.actor, ecosystemId: args.ecosystemId, partnerSlug: args.partnerSlug, cycleId: args.cycleId, fileName: 'generated.csv', bytesTotal: args.bytes
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
			if (pass === 1 && !told && read > args.bytes / 3) {
				told = true;
				console.log('saving');
				if (args.pauseWhenSaving) {
					setTimeout(() => done(null, chunk), 5000);
					return;
				}
			}
			done(null, chunk);
		}
	});
	return createReadStream(args.file).pipe(watch);
};
const outcome = await runParticipantImport({ db: database.kysely, actor: args.actor, jobId, target, open, fileName: 'generated.csv' });
const usage = process.resourceUsage();
const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
console.log(`done ${JSON.stringify({ ok: outcome.ok, ms: Math.round(performance.now() - started), cpuMs, maxRssKb: usage.maxRSS, baseRssKb })}`);
await database.close();

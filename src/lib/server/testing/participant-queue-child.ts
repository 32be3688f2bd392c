/**
 * A separate process that works the participant-import queue, for the test that kills a worker
 * in the middle of an import (participants.queue.test.ts). Run with tsx:
 *   tsx participant-queue-child.ts <json arguments>
 * It prints `ready` once it works the queue, and `saving` once the import it took is a third of the
 * way through the file; it then waits (the import's transaction open) until it is killed.
 */
import { Transform } from 'node:stream';
import { openDatabase } from '../db/connection.js';
import { createJobQueue } from '../jobs/index.js';
import type { JobPolicy } from '../jobs/jobs.js';
import { workParticipantImports } from '../participants/participants.queue.js';

interface Args {
	databaseUrl: string;
	bytes: number;
	policy: Partial<JobPolicy>;
}

const args = JSON.parse(process.argv[2] ?? '{}') as Args;
const database = openDatabase(args.databaseUrl);
const jobs = createJobQueue(database, { pollMs: 50, pollingIntervalSeconds: 0.5 });
await jobs.start();
await workParticipantImports(jobs, database.kysely, {
	twoFactor: { forAdmins: 'required', demo: false },
	policy: args.policy,
	throughFile: (file) => {
		let read = 0;
		let told = false;
		return file.pipe(
			new Transform({
				transform(chunk: Buffer, _encoding, done) {
					read += chunk.length;
					if (!told && read > args.bytes / 3) {
						told = true;
						console.log('saving');
						return; // never goes on: the test kills this process here
					}
					done(null, chunk);
				}
			})
		);
	}
});
console.log('ready');
// The queue's timers do not hold a process open (a server's HTTP listener does): this one waits to be killed.
setInterval(() => undefined, 60_000);

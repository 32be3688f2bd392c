/**
 * A second process writing to a SQLite database without pause, for the backup-under-load test:
 * `node --import tsx audit-writer-child.ts <file>` inserts audit rows numbered 1, 2, 3… (each its
 * own transaction, in `entity_id`, zero-padded so text order is number order) until it is sent
 * SIGTERM, printing `ready` after the first and `wrote <n>` when it stops.
 */
import { DatabaseSync } from 'node:sqlite';
import { randomUUID } from 'node:crypto';

const file = process.argv[2];
if (!file) throw new Error('usage: audit-writer-child.ts <sqlite file>');
const db = new DatabaseSync(file);
db.exec('PRAGMA busy_timeout = 5000');
const insert = db.prepare(
	"insert into audit_log (id, ecosystem_id, actor_user_id, actor_email, action, entity_type, entity_id, summary, detail_json, created_at) values (?, null, null, null, 'load.write', 'load', ?, ?, null, ?)"
);
let n = 0;
let stopping = false;
process.on('SIGTERM', () => (stopping = true));
const write = () => {
	if (stopping) {
		db.close();
		console.log(`wrote ${n}`);
		process.exit(0);
	}
	// A few rows per turn, then yield, so the other connections get the write lock between turns.
	for (let i = 0; i < 5; i += 1) {
		n += 1;
		insert.run(randomUUID(), String(n).padStart(9, '0'), `write ${n}`, new Date().toISOString());
	}
	if (n === 5) console.log('ready');
	setTimeout(write, 1);
};
write();

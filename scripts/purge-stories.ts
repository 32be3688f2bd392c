/**
 * `npm run stories:purge`: the youth-story purge the server also runs every hour. Records expired
 * consent, deletes withdrawn, expired and declined stories whose deletion date has passed, and
 * under-13 (and teenage) submissions whose parent never consented in time. For deployments that
 * run scheduled work outside the web process (cron, a systemd timer).
 */
import { openDatabase } from '../src/lib/server/db/connection.js';
import { migrateToLatest } from '../src/lib/server/db/migrate.js';
import { purgeStories } from '../src/lib/server/stories/stories.service.js';

const db = openDatabase(process.env.DATABASE_URL || undefined);
try {
	await migrateToLatest(db.kysely);
	const { expired, deleted } = await purgeStories({ db: db.kysely });
	console.log(`Youth stories: ${expired} consent(s) expired, ${deleted} stor${deleted === 1 ? 'y' : 'ies'} deleted.`);
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
} finally {
	await db.close();
}

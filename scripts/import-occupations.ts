/**
 * `npm run import:occupations [-- path/to/onet_all_stem_occupations.csv]`: loads O*NET's "All
 * STEM occupations" list (2018 SOC codes at O*NET-SOC level) into DATABASE_URL. Safe to run
 * again: codes are refreshed in place. Default file: ../shared/data/taxonomy/, beside the checkout.
 */
import { openDatabase } from '../src/lib/server/db/connection.js';
import { migrateToLatest } from '../src/lib/server/db/migrate.js';
import { importOccupationsFile, SHARED_ONET_FILE } from '../src/lib/server/careers/careers.service.js';

const file = process.argv[2] ?? SHARED_ONET_FILE;
const db = openDatabase(process.env.DATABASE_URL || undefined);
try {
	await migrateToLatest(db.kysely);
	const outcome = await importOccupationsFile({ db: db.kysely, file });
	if (outcome.ok) console.log(`Imported ${outcome.imported} STEM occupations from ${file}.`);
	else {
		console.error(`Nothing imported from ${file}:\n  ${outcome.problems.join('\n  ')}`);
		process.exitCode = 1;
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
} finally {
	await db.close();
}

/**
 * `npm run import:occupations [-- onet.csv [slbr1.csv]]`: loads O*NET's "All STEM occupations"
 * list (2018 SOC codes at O*NET-SOC level) and, for the career pathway pages, NCSES table SLBR-1
 * (employed adults by occupation and education) into DATABASE_URL. Safe to run again: rows are
 * refreshed in place. Default files: ../shared/data/taxonomy/ and ../shared/data/stem-workforce/.
 */
import { openDatabase } from '../src/lib/server/db/connection.js';
import { migrateToLatest } from '../src/lib/server/db/migrate.js';
import { importAreaEducationFile, importOccupationsFile, SHARED_EDUCATION_FILE, SHARED_ONET_FILE } from '../src/lib/server/careers/careers.service.js';

const file = process.argv[2] ?? SHARED_ONET_FILE;
const educationFile = process.argv[3] ?? SHARED_EDUCATION_FILE;
const db = openDatabase(process.env.DATABASE_URL || undefined);
try {
	await migrateToLatest(db.kysely);
	const outcome = await importOccupationsFile({ db: db.kysely, file });
	if (outcome.ok) console.log(`Imported ${outcome.imported} STEM occupations from ${file}.`);
	else {
		console.error(`Nothing imported from ${file}:\n  ${outcome.problems.join('\n  ')}`);
		process.exitCode = 1;
	}
	const education = await importAreaEducationFile({ db: db.kysely, file: educationFile });
	if (education.ok) console.log(`Imported the education of STEM workers for ${education.imported} career areas from ${educationFile}.`);
	else {
		console.error(`Nothing imported from ${educationFile}:\n  ${education.problems.join('\n  ')}`);
		process.exitCode = 1;
	}
} catch (error) {
	console.error(error instanceof Error ? error.message : String(error));
	process.exitCode = 1;
} finally {
	await db.close();
}

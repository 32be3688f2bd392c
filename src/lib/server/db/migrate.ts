import { Migrator, type Migration, type MigrationResultSet } from 'kysely/migration';
import type { Kysely } from 'kysely';
import * as foundation from './migrations/2026-11-25T1500-foundation.js';
import * as measurement from './migrations/2026-11-25T1700-measurement.js';
import * as submissions from './migrations/2026-12-01T2100-submissions.js';
import * as assetMap from './migrations/2026-12-01T2110-asset-map.js';
import * as youthStories from './migrations/2026-12-01T2120-youth-stories.js';
import * as communication from './migrations/2026-12-01T2130-communication.js';
import * as submissionsReview from './migrations/2026-12-01T2140-submissions-review.js';
import * as agenda from './migrations/2026-12-01T2200-agenda.js';
import * as educators from './migrations/2026-12-01T2210-educators.js';
import * as careers from './migrations/2026-12-01T2220-careers.js';
import * as outboxLease from './migrations/2026-12-01T2300-outbox-lease.js';
import * as geography from './migrations/2026-12-02T0120-geography.js';
import * as assetOverlap from './migrations/2026-12-02T0130-asset-overlap.js';
import * as storiesPhotos from './migrations/2026-12-02T0140-stories-photos.js';
import * as communicationMore from './migrations/2026-12-02T0150-communication-more.js';
import * as agendaTa from './migrations/2026-12-02T0160-agenda-ta.js';
import * as instruments from './migrations/2026-12-02T0170-instruments.js';
import * as careersProjects from './migrations/2026-12-02T0180-careers-projects.js';
import * as jobs from './migrations/2026-12-02T0190-jobs.js';
import * as participantImport from './migrations/2026-12-02T0200-participant-import.js';
import * as finderSpeed from './migrations/2026-12-02T0210-finder-speed.js';
import * as educatorsMore from './migrations/2026-12-02T0220-educators-more.js';
import * as hardening from './migrations/2026-12-02T0240-hardening.js';
import * as participantBatches from './migrations/2026-12-02T0300-participant-batches.js';
import * as finderFilters from './migrations/2026-12-02T0310-finder-filters.js';
import * as desertSql from './migrations/2026-12-02T0320-desert-sql.js';
import * as jobFiles from './migrations/2026-12-02T0330-job-files.js';
import * as totpReplay from './migrations/2026-12-02T0350-totp-replay.js';
import * as participantBatchLz4 from './migrations/2026-12-02T1100-participant-batch-lz4.js';

/**
 * Migrations are listed here, not read from a folder at run time, so the built server bundles
 * them. Names are dated and frozen: never edit a migration that has shipped; add a new one.
 */
export const migrations: Record<string, Migration> = {
	'2026-11-25T1500-foundation': foundation,
	'2026-11-25T1700-measurement': measurement,
	'2026-12-01T2100-submissions': submissions,
	'2026-12-01T2110-asset-map': assetMap,
	'2026-12-01T2120-youth-stories': youthStories,
	'2026-12-01T2130-communication': communication,
	'2026-12-01T2140-submissions-review': submissionsReview,
	'2026-12-01T2200-agenda': agenda,
	'2026-12-01T2210-educators': educators,
	'2026-12-01T2220-careers': careers,
	'2026-12-01T2300-outbox-lease': outboxLease,
	'2026-12-02T0120-geography': geography,
	'2026-12-02T0130-asset-overlap': assetOverlap,
	'2026-12-02T0140-stories-photos': storiesPhotos,
	'2026-12-02T0150-communication-more': communicationMore,
	'2026-12-02T0160-agenda-ta': agendaTa,
	'2026-12-02T0170-instruments': instruments,
	'2026-12-02T0180-careers-projects': careersProjects,
	'2026-12-02T0190-jobs': jobs,
	'2026-12-02T0200-participant-import': participantImport,
	'2026-12-02T0210-finder-speed': finderSpeed,
	'2026-12-02T0220-educators-more': educatorsMore,
	'2026-12-02T0240-hardening': hardening,
	'2026-12-02T0300-participant-batches': participantBatches,
	'2026-12-02T0310-finder-filters': finderFilters,
	'2026-12-02T0320-desert-sql': desertSql,
	'2026-12-02T0330-job-files': jobFiles,
	'2026-12-02T0350-totp-replay': totpReplay,
	'2026-12-02T1100-participant-batch-lz4': participantBatchLz4,
};

export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResultSet> {
	const migrator = new Migrator({
		db,
		provider: { getMigrations: async () => migrations },
		migrationTableName: 'parity_migration',
		migrationLockTableName: 'parity_migration_lock'
	});
	const result = await migrator.migrateToLatest();
	if (result.error) {
		const failed = result.results?.find((r) => r.status === 'Error');
		throw new Error(
			`Database migration ${failed?.migrationName ?? ''} failed: ${String((result.error as Error).message ?? result.error)}`
		);
	}
	return result;
}

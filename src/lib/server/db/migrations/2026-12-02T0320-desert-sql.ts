import { sql, type Kysely } from 'kysely';

/**
 * The program-desert map counted by the database (issue 4; `desertTallies` in
 * geo/geo.repository.ts). Located places come from `finder_place`; the places without
 * coordinates (absent from `finder_place`) are found through this partial index, which holds only
 * them, instead of reading every place of the ecosystem. Its condition is written as the query's
 * is, so SQLite and PostgreSQL both see that the index applies.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('program_location_unplaced_idx')
		.on('program_location')
		.columns(['ecosystem_id', 'program_id'])
		.where(sql<boolean>`latitude is null or longitude is null`)
		.execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('program_location_unplaced_idx').execute();
}

import { sql, type Kysely } from 'kysely';

/**
 * The program-desert map counted by the database (issue 4; `desertTallies` in
 * geo/geo.repository.ts). Programs with one located place are summed straight from
 * `finder_place`; the others are found through two indexes instead of reading every place:
 * - `program_location_unplaced_idx` holds only the places without coordinates (absent from
 *   `finder_place`); its condition is written as the query's is, so SQLite and PostgreSQL both
 *   see that it applies;
 * - `program_location_program_places_idx` (ecosystem, program) counts each program's places in
 *   order, without a sort, to find the programs with several.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema
		.createIndex('program_location_unplaced_idx')
		.on('program_location')
		.columns(['ecosystem_id', 'program_id'])
		.where(sql<boolean>`latitude is null or longitude is null`)
		.execute();
	await db.schema.createIndex('program_location_program_places_idx').on('program_location').columns(['ecosystem_id', 'program_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.dropIndex('program_location_program_places_idx').execute();
	await db.schema.dropIndex('program_location_unplaced_idx').execute();
}

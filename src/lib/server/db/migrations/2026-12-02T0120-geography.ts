import type { Kysely } from 'kysely';

/**
 * Geography for program deserts: the year of each uploaded youth-population figure (a CSV row
 * names its year and source; the asset-map migration kept only the source). Nullable because the
 * figures stored before this migration have no year.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('zip_youth_population').addColumn('year', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('zip_youth_population').dropColumn('year').execute();
}

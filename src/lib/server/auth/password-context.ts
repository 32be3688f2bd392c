import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { contextWordIn, contextWords } from './passwords.js';

/** Every ecosystem's name (both languages) and slug: the deployment's part of the context-word list. */
export async function ecosystemNames(db: Kysely<Database>): Promise<string[]> {
	const rows = await db.selectFrom('ecosystem').select(['name', 'name_es', 'slug']).execute();
	return rows.flatMap((r) => [r.name, r.slug, ...(r.name_es ? [r.name_es] : [])]);
}

/** The context word a new password for this person would contain, or null (docs/security.md, V6.2.11). */
export async function passwordContextWord(db: Kysely<Database>, password: string, person: { email?: string | null; name?: string | null }): Promise<string | null> {
	return contextWordIn(password, contextWords({ ...person, ecosystems: await ecosystemNames(db) }));
}

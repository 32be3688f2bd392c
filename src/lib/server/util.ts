import { createHash, randomBytes, randomUUID } from 'node:crypto';

export const newId = (): string => randomUUID();
export const nowIso = (): string => new Date().toISOString();
export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
export const randomToken = (): string => randomBytes(32).toString('base64url');

/**
 * A name folded to lower-case ASCII words joined by `separator`: accents, case, spacing and
 * punctuation dropped, "&" read as "and". Two names with the same key name the same thing.
 */
export function foldedKey(text: string, separator = '-'): string {
	const words = text
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/&/g, ' and ')
		.split(/[^a-z0-9]+/)
		.filter(Boolean);
	return words.join(separator);
}

/** Lower-case, ASCII, dash-separated: the web-address form of a name. */
export function slugify(text: string): string {
	return foldedKey(text).slice(0, 60);
}

/** SQLite stores booleans as 0/1, PostgreSQL as true/false. */
export const truthy = (value: unknown): boolean => value === true || value === 1 || value === '1';

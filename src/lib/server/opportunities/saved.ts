import type { Cookies } from '@sveltejs/kit';

/**
 * The visitor's saved opportunities live in a cookie of web addresses, per ecosystem: saving
 * works with JavaScript off and without an account, and the server keeps nothing about who saved what.
 */
const MAX_SAVED = 50;
const cookieName = (ecosystemSlug: string) => `parity_saved_${ecosystemSlug.replace(/[^a-z0-9-]/g, '')}`;

export function parseSaved(value: string | undefined): string[] {
	return [...new Set((value ?? '').split('.').filter((s) => /^[a-z0-9-]{1,80}$/.test(s)))].slice(0, MAX_SAVED);
}

export function readSaved(cookies: Cookies, ecosystemSlug: string): string[] {
	return parseSaved(cookies.get(cookieName(ecosystemSlug)));
}

/** Adds or removes one opportunity; returns whether it is now saved. */
export function toggleSaved(cookies: Cookies, ecosystemSlug: string, slug: string, secure: boolean): boolean {
	const saved = readSaved(cookies, ecosystemSlug);
	const now = saved.includes(slug) ? saved.filter((s) => s !== slug) : [slug, ...saved].slice(0, MAX_SAVED);
	cookies.set(cookieName(ecosystemSlug), now.join('.'), { path: `/e/${ecosystemSlug}`, httpOnly: true, sameSite: 'lax', secure, maxAge: 365 * 86_400 });
	return now.includes(slug);
}

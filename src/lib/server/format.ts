import type { Locale } from './content.js';

/**
 * Dates are formatted on the server, in UTC and the page's language, so the browser never
 * re-renders them differently during hydration.
 */
export function formatDateTime(iso: string | null | undefined, locale: Locale): string {
	if (!iso) return '';
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	const text = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', {
		dateStyle: 'medium',
		timeStyle: 'short',
		timeZone: 'UTC'
	}).format(date);
	return `${text} UTC`;
}

export function formatDate(iso: string | null | undefined, locale: Locale): string {
	if (!iso) return '';
	const date = new Date(iso);
	if (Number.isNaN(date.getTime())) return iso;
	return new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

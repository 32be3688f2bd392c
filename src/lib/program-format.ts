import { getLocale } from '#lib/paraglide/runtime.js';

/** A date (ISO date or timestamp) written out in the page's language, e.g. "December 1, 2026". */
export function formatDate(iso: string): string {
	const date = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
	return new Intl.DateTimeFormat(getLocale() === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}

/** A clock time 'HH:MM' as people read it: "3:30 PM" or "15:30". */
export function formatTime(hhmm: string): string {
	const [h = 0, min = 0] = hhmm.split(':').map(Number);
	return new Intl.DateTimeFormat(getLocale() === 'es' ? 'es-US' : 'en-US', { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2000, 0, 1, h, min));
}

export function formatDollars(amount: number): string {
	return new Intl.NumberFormat(getLocale() === 'es' ? 'es-US' : 'en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: amount % 1 === 0 ? 0 : 2 }).format(amount);
}

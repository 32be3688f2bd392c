export type Locale = 'en' | 'es';

/** The Spanish version of a content field when there is one, otherwise the English. */
export function localized(locale: Locale, english: string, spanish: string | null | undefined): string {
	return locale === 'es' && spanish && spanish.trim() !== '' ? spanish : english;
}

/** True when the page shows English text because no Spanish version was written. */
export function isFallback(locale: Locale, spanish: string | null | undefined): boolean {
	return locale === 'es' && !(spanish && spanish.trim() !== '');
}

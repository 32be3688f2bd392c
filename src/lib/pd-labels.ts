import * as m from '#lib/paraglide/messages.js';

/** Interface labels for the professional development codes, in the current language. */
export function pdFormatLabel(format: string): string {
	switch (format) {
		case 'workshop': return m.pd_format_workshop();
		case 'course': return m.pd_format_course();
		case 'series': return m.pd_format_series();
		case 'self_paced': return m.pd_format_self_paced();
		default: return format;
	}
}

export function pdAudienceLabel(audience: string): string {
	switch (audience) {
		case 'classroom_teachers': return m.pd_audience_classroom_teachers();
		case 'ost_educators': return m.pd_audience_ost_educators();
		case 'counsellors': return m.pd_audience_counsellors();
		case 'administrators': return m.pd_audience_administrators();
		case 'all_educators': return m.pd_audience_all_educators();
		default: return audience;
	}
}

export function subjectLabel(subject: string): string {
	switch (subject) {
		case 'science': return m.pd_subject_science();
		case 'technology': return m.pd_subject_technology();
		case 'engineering': return m.pd_subject_engineering();
		case 'mathematics': return m.pd_subject_mathematics();
		case 'computer_science': return m.pd_subject_computer_science();
		case 'integrated_stem': return m.pd_subject_integrated_stem();
		default: return subject;
	}
}

export function gradeBandLabel(band: string): string {
	switch (band) {
		case 'prek': return m.pd_grade_prek();
		case 'postsecondary': return m.pd_grade_postsecondary();
		default: return m.pd_grade_range({ range: band.toUpperCase() });
	}
}

/** A stored JSON array of grade bands as a readable list. */
export function gradeBandsText(json: string): string {
	try {
		return (JSON.parse(json) as string[]).map(gradeBandLabel).join(', ');
	} catch {
		return '';
	}
}

export function hoursText(hours: number, locale: 'en' | 'es'): string {
	return new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US', { maximumFractionDigits: 2 }).format(hours);
}

export function costText(cents: number, locale: 'en' | 'es'): string {
	if (cents === 0) return m.pd_free();
	return new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US', { style: 'currency', currency: 'USD' }).format(cents / 100);
}

/** "6 (PA Act 48 hours)", or just the hours when there is no credit type. */
export function hoursWithCredit(hours: number, credit: string | null | undefined, locale: 'en' | 'es'): string {
	return credit ? `${hoursText(hours, locale)} (${credit})` : hoursText(hours, locale);
}

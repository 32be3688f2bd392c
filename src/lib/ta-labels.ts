import * as m from '#lib/paraglide/messages.js';

/** Interface labels for technical-assistance codes, in the current language. */
export function taCategoryLabel(category: string): string {
	switch (category) {
		case 'data': return m.ta_cat_data();
		case 'evaluation': return m.ta_cat_evaluation();
		case 'program_design': return m.ta_cat_program_design();
		case 'grant_writing': return m.ta_cat_grant_writing();
		case 'equipment': return m.ta_cat_equipment();
		case 'other': return m.ta_cat_other();
		case 'all': return m.ta_all();
		default: return category;
	}
}

export function taPriorityLabel(priority: string | null): string {
	switch (priority) {
		case 'low': return m.ta_prio_low();
		case 'normal': return m.ta_prio_normal();
		case 'high': return m.ta_prio_high();
		case 'urgent': return m.ta_prio_urgent();
		default: return m.ta_prio_none();
	}
}

export const taStatusLabel = (status: string) => (status === 'closed' ? m.ta_status_closed() : m.ta_status_open());

export const taCategoryOptions = () => ['data', 'evaluation', 'program_design', 'grant_writing', 'equipment', 'other'].map((value) => ({ value, label: taCategoryLabel(value) }));
export const taPriorityOptions = () => ['low', 'normal', 'high', 'urgent'].map((value) => ({ value, label: taPriorityLabel(value) }));

/** Hours with one decimal, in the current language ("26.5 h"); a dash when there is none. */
export function taHours(hours: number | null, locale: string): string {
	if (hours === null) return '—';
	return m.ta_hours({ hours: new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US', { maximumFractionDigits: 1 }).format(hours) });
}

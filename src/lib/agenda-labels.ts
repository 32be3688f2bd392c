import * as m from '#lib/paraglide/messages.js';

/** Interface labels for the agenda's choices, in the current language. */
export function actionStatusLabel(status: string): string {
	switch (status) {
		case 'planned': return m.agenda_action_planned();
		case 'in_progress': return m.agenda_action_in_progress();
		case 'done': return m.agenda_action_done();
		case 'dropped': return m.agenda_action_dropped();
		default: return status;
	}
}

export const unitOptions = () => [
	{ value: 'index', label: m.agenda_unit_index() },
	{ value: 'people', label: m.agenda_unit_people() },
	{ value: 'percent', label: m.agenda_unit_percent() },
	{ value: 'number', label: m.agenda_unit_number() }
];

export const polarityOptions = () => [
	{ value: 'up', label: m.agenda_polarity_up() },
	{ value: 'down', label: m.agenda_polarity_down() }
];

export const sourceOptions = () => [
	{ value: 'access_index', label: m.agenda_source_option_access_index() },
	{ value: 'manual', label: m.agenda_source_option_manual() }
];

export const measureKindOptions = () => [
	{ value: 'how_much', label: m.agenda_kind_how_much() },
	{ value: 'how_well', label: m.agenda_kind_how_well() },
	{ value: 'better_off', label: m.agenda_kind_better_off() }
];

export const actionStatusOptions = () => ['planned', 'in_progress', 'done', 'dropped'].map((value) => ({ value, label: actionStatusLabel(value) }));

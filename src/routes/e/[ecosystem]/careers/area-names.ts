import * as m from '#lib/paraglide/messages.js';

const names: Record<string, () => string> = {
	'11': m.careers_area_11,
	'15': m.careers_area_15,
	'17': m.careers_area_17,
	'19': m.careers_area_19,
	'25': m.careers_area_25,
	'29': m.careers_area_29,
	'41': m.careers_area_41
};
const work: Record<string, () => string> = {
	'11': m.careers_work_11,
	'15': m.careers_work_15,
	'17': m.careers_work_17,
	'19': m.careers_work_19,
	'25': m.careers_work_25,
	'29': m.careers_work_29,
	'41': m.careers_work_41
};

/** A career area's name in the page's language. */
export const areaName = (area: string): string => names[area]?.() ?? area;
/** What the work of a career area is, in the page's language. */
export const areaWork = (area: string): string => work[area]?.() ?? '';

import { formToObject } from '#lib/server/validation.js';

/**
 * The metric form: text fields as usual, plus the checked breakdowns (a repeated field), kept as
 * a list for the service and as one comma-separated value to show the form again.
 */
export function metricForm(form: FormData) {
	const values = formToObject(form);
	const ticked = form.getAll('disaggregations').filter((v): v is string => typeof v === 'string');
	return { input: { ...values, disaggregations: ticked }, values: { ...values, disaggregations: ticked.join(',') } };
}

import type { FieldIssue } from '../errors.js';

/**
 * Reads a story form: checkbox groups arrive as repeated fields and become lists for the
 * use-case, and comma-joined strings for showing the form again. Blank fields mean "not given".
 */
export function readStoryForm(form: FormData, lists: readonly string[] = ['interests', 'scopes']) {
	const input: Record<string, string | string[] | undefined> = {};
	const values: Record<string, string | undefined> = {};
	for (const key of new Set(form.keys())) {
		const all = form.getAll(key).filter((v): v is string => typeof v === 'string').map((v) => v.trim()).filter(Boolean);
		if (lists.includes(key)) {
			input[key] = all;
			values[key] = all.join(',');
		} else {
			input[key] = all[0];
			values[key] = all[0];
		}
	}
	for (const key of lists) input[key] ??= [];
	return { input, values };
}

/** "interests.2" (an unknown ticked value) is shown at the group it belongs to. */
export const groupIssues = (issues: FieldIssue[]): FieldIssue[] => issues.map((i) => ({ ...i, field: i.field.replace(/\.\d+$/, '') }));

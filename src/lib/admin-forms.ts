import type { FormState } from './forms.js';

/**
 * Pages with several forms mark each with a hidden `which` field. A failed submission comes back
 * with that value, so only the form that was sent shows its problems and what was typed; the
 * others keep showing the stored values.
 */
export function formOf(form: unknown, which: string): FormState | null {
	if (!form || typeof form !== 'object' || !('issues' in form)) return null;
	const state = form as FormState;
	return state.values?.which === which ? state : null;
}

/** A successful action's result, when it has the given key (e.g. `saved`, `invited`). */
export function resultOf<T = unknown>(form: unknown, key: string): T | undefined {
	if (!form || typeof form !== 'object' || 'issues' in form) return undefined;
	return (form as Record<string, T>)[key];
}

import type { z } from 'zod';
import { invalid, ok, type FieldIssue, type Outcome } from './errors.js';

const WRONG_KIND = 'Some answers are not in the form this page expects (for example a list or a number where text belongs). Check them and send the form again.';

function safeParse<S extends z.ZodType>(schema: S, input: unknown) {
	try {
		return schema.safeParse(input);
	} catch {
		return null;
	}
}

/** Validates input with a zod schema and reports every problem at once, by field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Outcome<z.infer<S>> {
	const parsed = safeParse(schema, input);
	// A cross-field rule (refine/transform) met a value of the wrong kind that the field checks
	// had already refused (zod runs both). The input is wrong, not the server: say so plainly.
	if (!parsed) return invalid([{ field: 'form', message: WRONG_KIND }]);
	if (parsed.success) return ok(parsed.data);
	return invalid(
		parsed.error.issues.map((issue): FieldIssue => ({
			field: issue.path.map(String).join('.') || 'form',
			message: issue.message
		}))
	);
}

/**
 * Password fields (and their confirmation) are kept exactly as typed: a password is verified as
 * received, never trimmed (ASVS 5.0 V6.2.8). An empty one still means "not given".
 */
const KEPT_AS_TYPED = /password|^confirm$/i;

/** Form fields arrive as strings; blank optional fields mean "not given"; other text is trimmed. */
export function formToObject(form: FormData): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		const kept = KEPT_AS_TYPED.test(key) ? value : value.trim();
		out[key] = kept === '' ? undefined : kept;
	}
	return out;
}

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

/** Form fields arrive as strings; blank optional fields mean "not given". */
export function formToObject(form: FormData): Record<string, string | undefined> {
	const out: Record<string, string | undefined> = {};
	for (const [key, value] of form.entries()) {
		if (typeof value !== 'string') continue;
		const trimmed = value.trim();
		out[key] = trimmed === '' ? undefined : trimmed;
	}
	return out;
}

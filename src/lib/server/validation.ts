import type { z } from 'zod';
import { invalid, ok, type FieldIssue, type Outcome } from './errors.js';

/** Validates input with a zod schema and reports every problem at once, by field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Outcome<z.infer<S>> {
	const parsed = schema.safeParse(input);
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

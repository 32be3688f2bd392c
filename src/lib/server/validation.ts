import type { z } from 'zod';
import { invalid, ok, type FieldIssue, type Outcome } from './errors.js';
import { log } from './log.js';
import { currentRequestScope } from './http/request-scope.js';

const WRONG_KIND = 'Some answers are not in the form this page expects (for example a list or a number where text belongs). Check them and send the form again.';
const WRONG_KIND_FIELD = 'This answer is not in the form this page expects. Check it and send the form again.';

function safeParse<S extends z.ZodType>(schema: S, input: unknown) {
	try {
		return schema.safeParse(input);
	} catch {
		return null;
	}
}

/**
 * When a rule of the schema threw (a transform or refinement meeting a value it did not expect),
 * each field of an object schema is checked on its own, so the person still learns which answers
 * are wrong: the field's own problems, or a plain "not in the form expected" for a field whose
 * rule threw. Null when every field passes alone: then the rule spanning fields threw on valid
 * answers, which is our bug, not the person's.
 */
function problemsFieldByField(schema: z.ZodType, input: unknown): FieldIssue[] | null {
	const shape = (schema as { shape?: Record<string, z.ZodType> }).shape;
	if (!shape || typeof input !== 'object' || input === null) return null;
	const issues: FieldIssue[] = [];
	for (const [field, fieldSchema] of Object.entries(shape)) {
		const parsed = safeParse(fieldSchema, (input as Record<string, unknown>)[field]);
		if (!parsed) issues.push({ field, message: WRONG_KIND_FIELD });
		else if (!parsed.success) {
			for (const issue of parsed.error.issues) issues.push({ field: [field, ...issue.path.map(String)].join('.'), message: issue.message });
		}
	}
	return issues.length > 0 ? issues : null;
}

/** Validates input with a zod schema and reports every problem at once, by field. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): Outcome<z.infer<S>> {
	const parsed = safeParse(schema, input);
	if (!parsed) {
		const byField = problemsFieldByField(schema, input);
		if (byField) {
			logRefusedInput(byField.map((issue) => ({ field: loggableField(issue.field.split('.')), problem: 'refused' })));
			return invalid(byField);
		}
		// Every answer is fine alone, so a rule spanning several threw: a bug to fix, logged as one.
		log('error', 'a validation rule threw on answers each field accepts', { ...requestFields() });
		return invalid([{ field: 'form', message: WRONG_KIND }]);
	}
	if (parsed.success) return ok(parsed.data);
	logRefusedInput(parsed.error.issues.map((issue) => ({ field: loggableField(issue.path), problem: issue.code })));
	return invalid(
		parsed.error.issues.map((issue): FieldIssue => ({
			field: issue.path.map(String).join('.') || 'form',
			message: issue.message
		}))
	);
}

/** At most this many problems per line: enough to see what was probed, bounded in size. */
const LOGGED_PROBLEMS = 20;

/**
 * Input refused by server-side validation is a security event (ASVS 5.0 V16.3.3): one line
 * naming the route, action, fields and zod problem codes, never a submitted value.
 */
function requestFields() {
	const scope = currentRequestScope();
	return scope ? { method: scope.method, route: scope.route, ...(scope.action ? { action: scope.action } : {}) } : {};
}

function logRefusedInput(problems: { field: string; problem: string }[]): void {
	log('info', 'input refused by validation', {
		...requestFields(),
		problems: problems.slice(0, LOGGED_PROBLEMS).map((p) => `${p.field}:${p.problem}`),
		...(problems.length > LOGGED_PROBLEMS ? { more: problems.length - LOGGED_PROBLEMS } : {})
	});
}

/**
 * A path segment can be a key the client chose (a record keyed by submitted ids or text), so only
 * identifier-like names and list positions are written; anything else becomes `*`.
 */
export function loggableField(path: readonly PropertyKey[]): string {
	if (path.length === 0) return 'form';
	return path
		.map((segment) => (typeof segment === 'number' ? String(segment) : typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_]{0,40}$/.test(segment) ? segment : '*'))
		.join('.');
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

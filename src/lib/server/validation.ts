import type { z } from 'zod';
import { invalid, ok, type FieldIssue, type Outcome } from './errors.js';
import { log } from './log.js';
import { currentRequestScope } from './http/request-scope.js';

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
	if (!parsed) {
		logRefusedInput([{ field: 'form', problem: 'wrong_kind' }]);
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
function logRefusedInput(problems: { field: string; problem: string }[]): void {
	const scope = currentRequestScope();
	log('info', 'input refused by validation', {
		...(scope ? { method: scope.method, route: scope.route, ...(scope.action ? { action: scope.action } : {}) } : {}),
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

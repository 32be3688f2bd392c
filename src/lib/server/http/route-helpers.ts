import { error, fail, redirect, type ActionFailure, type RequestEvent } from '@sveltejs/kit';
import { DomainError, type FieldIssue } from '../errors.js';
import { log } from '../log.js';

/**
 * Runs a use-case for a route and turns expected failures into HTTP: sign-in and two-factor
 * requirements redirect (so forms work without JavaScript), everything else becomes an error
 * page with the plain-language message. Unexpected errors propagate to handleError (500).
 */
export async function guard<T>(event: Pick<RequestEvent, 'url'> & { locals?: Partial<App.Locals> }, run: () => Promise<T>): Promise<T> {
	try {
		return await run();
	} catch (caught) {
		if (!(caught instanceof DomainError)) throw caught;
		const next = encodeURIComponent(event.url.pathname + event.url.search);
		if (caught.code === 'UNAUTHENTICATED') redirect(303, `/sign-in?next=${next}`);
		if (caught.code === 'TWO_FACTOR_REQUIRED') redirect(303, `/account/two-factor?next=${next}`);
		if (caught.code === 'FORBIDDEN') logRefusal(event, caught);
		error(caught.status, { message: caught.message, code: caught.code });
	}
}

/** A refused access is a security event (ASVS 5.0 V16.3.2): who, where, why, as one log line. */
function logRefusal(event: Pick<RequestEvent, 'url'> & { locals?: Partial<App.Locals> }, caught: DomainError): void {
	const actor = event.locals?.actor;
	log('warn', 'access refused', {
		path: event.url.pathname,
		...(actor?.kind === 'user' ? { userId: actor.userId } : {}),
		reason: caught.message
	});
}

/** The form comes back with every problem and what the person typed (never passwords). */
export function invalidForm(
	issues: FieldIssue[],
	values: Record<string, string | undefined> = {}
): ActionFailure<{ issues: FieldIssue[]; values: Record<string, string | undefined> }> {
	const safe = Object.fromEntries(Object.entries(values).filter(([k]) => !/password|token|code/i.test(k)));
	return fail(422, { issues, values: safe });
}

/**
 * The JSON API's HTTP edge: authenticates the Bearer token, runs the use-case, and turns refusals
 * into `application/problem+json` (RFC 9457). Unexpected errors still go to handleError (500).
 */
import type { RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { runtime } from '../runtime.js';
import { ApiProblem, authenticate, type ApiPrincipal } from './api.service.js';

export function problemResponse(problem: ApiProblem): Response {
	const headers: Record<string, string> = { 'content-type': 'application/problem+json; charset=utf-8', 'cache-control': 'no-store' };
	if (problem.status === 401) headers['www-authenticate'] = 'Bearer realm="parity"';
	return new Response(JSON.stringify(problem.toJSON()), { status: problem.status, headers });
}

export function jsonResponse(body: unknown, status = 200): Response {
	return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' } });
}

export async function apiRoute(
	event: Pick<RequestEvent, 'request'> & { params: { ecosystem: string } },
	run: (call: { db: Kysely<Database>; principal: ApiPrincipal }) => Promise<Response>
): Promise<Response> {
	try {
		const db = runtime().db.kysely;
		const principal = await authenticate(db, event.params.ecosystem, event.request.headers.get('authorization'));
		return await run({ db, principal });
	} catch (error) {
		if (error instanceof ApiProblem) return problemResponse(error);
		throw error;
	}
}

/** The request body as JSON, or a 400 problem saying it is not. */
export async function jsonBody(request: Request): Promise<unknown> {
	try {
		return await request.json();
	} catch {
		throw new ApiProblem(400, 'Bad Request', 'The body is not valid JSON. Send Content-Type: application/json and a JSON object.');
	}
}

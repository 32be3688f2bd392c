import type { RequestHandler } from './$types';
import { apiRoute, jsonBody, jsonResponse } from '#lib/server/api/api-http.js';
import { listOwnSubmissions, submitViaApi } from '#lib/server/api/api.service.js';

export const GET: RequestHandler = (event) =>
	apiRoute(event, async ({ db, principal }) => jsonResponse({ submissions: await listOwnSubmissions({ db, principal, cycleId: event.params.cycle }) }));

export const POST: RequestHandler = (event) =>
	apiRoute(event, async ({ db, principal }) => {
		const body = await jsonBody(event.request);
		const result = await submitViaApi({ db, principal, cycleId: event.params.cycle, body, idempotencyKey: event.request.headers.get('idempotency-key') });
		return jsonResponse(result.submission, result.status);
	});

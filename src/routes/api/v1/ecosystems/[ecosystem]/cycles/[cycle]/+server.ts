import type { RequestHandler } from './$types';
import { apiRoute, jsonResponse } from '#lib/server/api/api-http.js';
import { getCycleTemplate } from '#lib/server/api/api.service.js';

export const GET: RequestHandler = (event) =>
	apiRoute(event, async ({ db, principal }) => jsonResponse(await getCycleTemplate({ db, principal, cycleId: event.params.cycle })));

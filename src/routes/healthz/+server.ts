import { sql } from 'kysely';
import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';

/**
 * For the load balancer: 200 when this server can reach its database, 503 with Retry-After when
 * it cannot, so traffic goes to the servers that can answer.
 */
export const GET: RequestHandler = async () => {
	const headers = { 'content-type': 'application/json', 'cache-control': 'no-store' };
	try {
		await sql`select 1`.execute(runtime().db.kysely);
		return new Response(JSON.stringify({ status: 'ok' }), { status: 200, headers });
	} catch {
		return new Response(JSON.stringify({ status: 'unavailable', reason: 'The database cannot be reached' }), {
			status: 503,
			headers: { ...headers, 'retry-after': '10' }
		});
	}
};

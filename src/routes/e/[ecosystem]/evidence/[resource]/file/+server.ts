import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getResourceFile } from '#lib/server/evidence/evidence.service.js';
import { safeFileName } from '#lib/server/evidence/evidence.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';

/**
 * Stored files are always served as attachments with their checked type and no sniffing, so an
 * upload can never run as a page on Parity's origin.
 */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const file = await guard(event, () =>
		getResourceFile({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.resource })
	);
	return new Response(new Uint8Array(file.data), {
		headers: {
			'content-type': file.content_type,
			'content-length': String(file.size_bytes),
			'content-disposition': `attachment; filename="${safeFileName(file.file_name)}"`,
			'x-content-type-options': 'nosniff',
			'content-security-policy': "default-src 'none'; sandbox",
			'cache-control': 'private, no-store'
		}
	});
};

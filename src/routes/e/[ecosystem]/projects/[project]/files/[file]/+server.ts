import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { downloadProjectFile } from '#lib/server/projects/projects.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';

/** Always a download (never shown inline), with the type decided at upload and no sniffing. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const file = await guard(event, () =>
		downloadProjectFile({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.project, fileId: event.params.file })
	);
	return new Response(file.data, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			'x-content-type-options': 'nosniff',
			'cache-control': 'private, no-store'
		}
	});
};

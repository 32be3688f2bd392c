import { error, json } from '@sveltejs/kit';
import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { exportHsds, exportHsdsTables } from '#lib/server/hsds/hsds.service.js';
import { zipFiles } from '#lib/server/zip.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';

const files = { 'services.json': 'services', 'organizations.json': 'organizations', 'service_at_locations.json': 'serviceAtLocations' } as const;

/** The public directory as HSDS 3.0 API responses (what families can see, nothing more). */
export const GET: RequestHandler = async (event) => {
	const key = files[event.params.entity as keyof typeof files];
	const isPackage = event.params.entity === 'datapackage.zip';
	if (!key && !isPackage) error(404, { message: 'There is no such HSDS file.', code: 'NOT_FOUND' });
	const ecosystem = await ecosystemOf(event);
	if (isPackage) {
		const archive = zipFiles(await exportHsdsTables({ db: runtime().db.kysely, ecosystemId: ecosystem.id }));
		return new Response(new Uint8Array(archive), {
			headers: { 'content-type': 'application/zip', 'content-disposition': `attachment; filename="${ecosystem.slug}-hsds-datapackage.zip"` }
		});
	}
	const exported = await exportHsds({ db: runtime().db.kysely, ecosystemId: ecosystem.id });
	return json(exported[key!], { headers: { 'content-disposition': `inline; filename="${ecosystem.slug}-${event.params.entity}"` } });
};

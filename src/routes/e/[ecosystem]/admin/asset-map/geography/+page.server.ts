import type { Actions, PageServerLoad } from './$types';

import { runtime } from '#lib/server/runtime.js';
import { geographyStatus, uploadYouthPopulation, uploadZipBoundaries } from '#lib/server/geo/geo.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';

/** Census state ZCTA files run to a few MB; one region's ZIPs, simplified, are well under this. */
const MAX_GEOJSON_BYTES = 10 * 1024 * 1024;
const MAX_CSV_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const status = await guard(event, () => geographyStatus({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { status };
};

async function uploaded(request: Request, name: string, max: number): Promise<{ file: File | null; text: string | null; problem: string | null }> {
	const file = (await request.formData()).get(name);
	if (!file || typeof file === 'string' || file.size === 0) return { file: null, text: null, problem: 'empty' };
	if (file.size > max) return { file, text: null, problem: 'large' };
	return { file, text: await file.text(), problem: null };
}

export const actions: Actions = {
	boundaries: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { text, problem } = await uploaded(event.request, 'boundaries', MAX_GEOJSON_BYTES);
		let document: unknown = undefined;
		let message: string | null =
			problem === 'empty' ? 'Choose a GeoJSON file of your ZIP or ZCTA boundaries.' : problem === 'large' ? 'The file is larger than 10 MB: keep only your region’s ZIPs, or simplify the shapes.' : null;
		if (text !== null) {
			try {
				document = JSON.parse(text);
			} catch {
				message = 'The file is not valid JSON: export it from your GIS tool as GeoJSON.';
			}
		}
		// The service checks access first, even for a file that will be refused.
		const outcome = await guard(event, () =>
			uploadZipBoundaries({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, document: message ? null : document })
		);
		if (message) return invalidForm([{ field: 'boundaries', message }]);
		if (!outcome.ok) return invalidForm(outcome.issues.map((i) => ({ ...i, field: 'boundaries' })));
		return { boundaries: outcome.value };
	},
	youth: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { file, text, problem } = await uploaded(event.request, 'youth', MAX_CSV_BYTES);
		const outcome = await guard(event, () =>
			uploadYouthPopulation({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, text: text ?? '', fileName: file?.name ?? '' })
		);
		if (problem === 'empty') return invalidForm([{ field: 'youth', message: 'Choose a CSV file of youth population by ZIP and group.' }]);
		if (problem === 'large') return invalidForm([{ field: 'youth', message: 'The file is larger than 5 MB.' }]);
		if (!outcome.ok) return invalidForm(outcome.issues);
		return { youth: outcome.value };
	}
};

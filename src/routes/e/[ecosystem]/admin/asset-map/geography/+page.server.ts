import { fail } from '@sveltejs/kit';
import type { FieldIssue } from '#lib/server/errors.js';
import type { Actions, PageServerLoad } from './$types';

import { runtime } from '#lib/server/runtime.js';
import { geographyStatus, uploadYouthPopulation, uploadZipBoundaries } from '#lib/server/geo/geo.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { readLimitedForm, textFileProblem, uploadLimit, uploadedFile } from '#lib/server/http/uploads.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';

/** Census state ZCTA files run to a few MB; one region's ZIPs, simplified, are well under this. */
const MAX_GEOJSON_BYTES = uploadLimit('ZIP boundaries or youth population');
const MAX_CSV_BYTES = 5 * 1024 * 1024;
/** An oversized upload: the form again, with 413 (the same shape as invalidForm's answers). */
const tooLarge = (field: string, message: string) => fail(413, { issues: [{ field, message }] as FieldIssue[], values: {} as Record<string, string | undefined> });
const TOO_LARGE_GEOJSON = 'The file is larger than 10 MB: keep only your region’s ZIPs, or simplify the shapes.';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const status = await guard(event, () => geographyStatus({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { status };
};

type Uploaded = { file: { name: string } | null; text: string | null; problem: 'empty' | 'large' | 'not_text' | null; notText?: string };

/** The form's one file, read only when the body is within the limit, and only when it is text. */
async function uploaded(request: Request, name: string, max: number, expected: string): Promise<Uploaded> {
	const form = await readLimitedForm(request, max);
	if (!form) return { file: null, text: null, problem: 'large' };
	const file = await uploadedFile(form, name);
	if (!file) return { file: null, text: null, problem: 'empty' };
	if (file.bytes.length > max) return { file, text: null, problem: 'large' };
	const notText = textFileProblem(file.bytes, file.name, expected);
	if (notText) return { file, text: null, problem: 'not_text', notText };
	return { file, text: new TextDecoder().decode(file.bytes), problem: null };
}

export const actions: Actions = {
	boundaries: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { text, problem, notText } = await uploaded(event.request, 'boundaries', MAX_GEOJSON_BYTES, 'a GeoJSON file');
		let document: unknown = undefined;
		let message: string | null =
			problem === 'empty' ? 'Choose a GeoJSON file of your ZIP or ZCTA boundaries.' : problem === 'large' ? TOO_LARGE_GEOJSON : (notText ?? null);
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
		if (problem === 'large') return tooLarge('boundaries', TOO_LARGE_GEOJSON);
		if (message) return invalidForm([{ field: 'boundaries', message }]);
		if (!outcome.ok) return invalidForm(outcome.issues.map((i) => ({ ...i, field: 'boundaries' })));
		return { boundaries: outcome.value };
	},
	youth: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const { file, text, problem, notText } = await uploaded(event.request, 'youth', MAX_CSV_BYTES, 'a CSV file');
		const outcome = await guard(event, () =>
			uploadYouthPopulation({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, text: text ?? '', fileName: file?.name ?? '' })
		);
		if (problem === 'empty') return invalidForm([{ field: 'youth', message: 'Choose a CSV file of youth population by ZIP and group.' }]);
		if (problem === 'large') return tooLarge('youth', 'The file is larger than 5 MB.');
		if (notText) return invalidForm([{ field: 'youth', message: notText }]);
		if (!outcome.ok) return invalidForm(outcome.issues);
		return { youth: outcome.value };
	}
};

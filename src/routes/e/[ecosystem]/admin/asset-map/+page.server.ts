import type { Actions, PageServerLoad } from './$types';

import { runtime } from '#lib/server/runtime.js';
import { listStaleListings } from '#lib/server/programs/programs.service.js';
import { importHsds, importHsdsTables } from '#lib/server/hsds/hsds.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';

const MAX_BYTES = 5 * 1024 * 1024;

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const stale = await guard(event, () => listStaleListings({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { stale };
};

export const actions: Actions = {
	import: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const file = form.get('file');
		const text = file && typeof file !== 'string' && file.size > 0 && file.size <= MAX_BYTES ? await file.text() : null;
		let document: unknown = undefined;
		let problem: string | null = text === null ? 'Choose an HSDS JSON file of at most 5 MB.' : null;
		if (text !== null) {
			try {
				document = JSON.parse(text);
			} catch {
				problem = 'The file is not valid JSON.';
			}
		}
		const outcome = await guard(event, () =>
			importHsds({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, document: problem ? undefined : document })
		);
		if (problem) return invalidForm([{ field: 'file', message: problem }]);
		if (!outcome.ok) return invalidForm(outcome.issues);
		return { imported: outcome.value };
	},
	importCsv: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const uploads = (await event.request.formData()).getAll('files').filter((f): f is File => typeof f !== 'string' && f.size > 0);
		const tooLarge = uploads.reduce((n, f) => n + f.size, 0) > MAX_BYTES;
		const files = tooLarge ? {} : Object.fromEntries(await Promise.all(uploads.map(async (f) => [f.name.split(/[\\/]/).pop() ?? f.name, await f.text()] as const)));
		const outcome = await guard(event, () => importHsdsTables({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, files }));
		if (tooLarge) return invalidForm([{ field: 'files', message: 'The files are larger than 5 MB in all.' }]);
		if (!outcome.ok) return invalidForm(outcome.issues);
		return { imported: outcome.value };
	}
};

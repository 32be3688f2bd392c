import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';

import { runtime } from '#lib/server/runtime.js';
import { listStaleListings } from '#lib/server/programs/programs.service.js';
import { importHsds, importHsdsTables } from '#lib/server/hsds/hsds.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { readLimitedForm, textFileProblem, uploadLimit, uploadedFile } from '#lib/server/http/uploads.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';

const MAX_BYTES = uploadLimit('HSDS import');
const tooLarge = (field: string) => fail(413, { issues: [{ field, message: 'The file is larger than 5 MB (all files together).' }], values: {} });

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const stale = await guard(event, () => listStaleListings({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return { stale };
};

export const actions: Actions = {
	import: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await readLimitedForm(event.request, MAX_BYTES);
		if (!form) return tooLarge('file');
		const file = await uploadedFile(form, 'file');
		const notText = file ? textFileProblem(file.bytes, file.name, 'an HSDS JSON file') : null;
		const text = file && !notText && file.bytes.length <= MAX_BYTES ? new TextDecoder().decode(file.bytes) : null;
		let document: unknown = undefined;
		let problem: string | null = notText ?? (text === null ? 'Choose an HSDS JSON file of at most 5 MB.' : null);
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
		const form = await readLimitedForm(event.request, MAX_BYTES);
		if (!form) return tooLarge('files');
		const uploads = form.getAll('files').filter((f): f is File => typeof f !== 'string' && f.size > 0);
		const tooLargeInAll = uploads.reduce((n, f) => n + f.size, 0) > MAX_BYTES;
		const read = tooLargeInAll ? [] : await Promise.all(uploads.map(async (f) => ({ name: f.name.split(/[\\/]/).pop() ?? f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
		const notText = read.map((f) => textFileProblem(f.bytes, f.name, 'an HSDS CSV file')).filter((p): p is string => p !== null);
		const files = notText.length > 0 ? {} : Object.fromEntries(read.map((f) => [f.name, new TextDecoder().decode(f.bytes)] as const));
		const outcome = await guard(event, () => importHsdsTables({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, files }));
		if (tooLargeInAll) return invalidForm([{ field: 'files', message: 'The files are larger than 5 MB in all.' }]);
		if (notText.length > 0) return invalidForm(notText.map((message) => ({ field: 'files', message })));
		if (!outcome.ok) return invalidForm(outcome.issues);
		return { imported: outcome.value };
	}
};

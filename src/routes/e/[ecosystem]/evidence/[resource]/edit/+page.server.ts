import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getResourceForEdit, updateResource } from '#lib/server/evidence/evidence.service.js';
import { evidenceKinds, MAX_FILE_BYTES } from '#lib/server/evidence/evidence.js';
import { gradeBands, stemSubjects } from '#lib/server/pd/pd.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formToObject } from '#lib/server/validation.js';
import { readLimitedForm, uploadedFile } from '#lib/server/http/uploads.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const form = await guard(event, () =>
		getResourceForEdit({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.resource })
	);
	return {
		resource: { slug: form.resource.slug, title: localized(event.locals.locale, form.resource.title, form.resource.title_es), fileName: form.resource.file_name },
		stored: form.values,
		choices: { kinds: [...evidenceKinds], subjects: [...stemSubjects], gradeBands: [...gradeBands] },
		maxMb: MAX_FILE_BYTES / 1024 / 1024
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		// Refused before buffering a body larger than any acceptable file (the form around it is small).
		const form = await readLimitedForm(event.request, MAX_FILE_BYTES);
		if (!form) return fail(413, { issues: [{ field: 'file', message: m.evidence_file_too_large({ mb: MAX_FILE_BYTES / 1024 / 1024 }) }], values: {} });
		const values = formToObject(form);
		const list = (name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');
		const file = await uploadedFile(form, 'file');
		const outcome = await guard(event, () =>
			updateResource({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				slug: event.params.resource,
				input: { ...values, subjects: list('subjects'), grade_bands: list('grade_bands') },
				file
			})
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, subjects: list('subjects').join(','), grade_bands: list('grade_bands').join(',') });
		redirect(303, `/e/${ecosystem.slug}/evidence/${outcome.value.slug}?saved=edited`);
	}
};

import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { submitResource } from '#lib/server/evidence/evidence.service.js';
import { evidenceKinds, MAX_FILE_BYTES } from '#lib/server/evidence/evidence.js';
import { gradeBands, stemSubjects } from '#lib/server/pd/pd.js';
import { requireAccess } from '#lib/server/auth/access.js';
import { decide } from '#lib/server/auth/roles.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { readLimitedForm, uploadedFile } from '#lib/server/http/uploads.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const scope = { ecosystemId: ecosystem.id };
	await guard(event, async () => requireAccess(event.locals.actor, 'ecosystem.evidence.suggest', scope));
	return {
		publishes: decide(event.locals.actor, 'ecosystem.evidence.manage', scope) === 'allow',
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
			submitResource({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				input: { ...values, subjects: list('subjects'), grade_bands: list('grade_bands') },
				file
			})
		);
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, subjects: list('subjects').join(','), grade_bands: list('grade_bands').join(',') });
		redirect(303, `/e/${ecosystem.slug}/evidence/${outcome.value.slug}`);
	}
};

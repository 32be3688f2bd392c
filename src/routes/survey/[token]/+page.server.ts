import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getSurvey, submitSurvey } from '#lib/server/instruments/instruments.service.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formToObject } from '#lib/server/validation.js';

/**
 * An anonymous survey link: no sign-in, no name. The secret in the address is the only key, so
 * the page is never cached.
 */
export const load: PageServerLoad = async (event) => {
	const locale = event.locals.locale;
	event.setHeaders({ 'cache-control': 'no-store' });
	const { run, items } = await guard(event, () => getSurvey({ db: runtime().db.kysely, token: event.params.token }));
	return {
		survey: {
			title: localized(locale, run.title, run.title_es),
			intro: localized(locale, run.intro, run.intro_es),
			partner: run.partner_name,
			phase: run.phase
		},
		items: items.map((item) => ({
			id: item.id,
			position: item.position,
			type: item.type,
			prompt: localized(locale, item.prompt, item.prompt_es),
			options: item.options.map((o) => localized(locale, o.label, o.label_es))
		}))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => submitSurvey({ db: runtime().db.kysely, token: event.params.token, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { thanks: true };
	}
};

import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { enterResponse, getRun } from '#lib/server/instruments/instruments.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formToObject } from '#lib/server/validation.js';

/** Staff entry: partner staff type in one participant's paper answers at a time. */
export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const page = await guard(event, () => getRun({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.instrument, runId: event.params.run }));
	const run = page.run;
	return {
		instrument: { slug: page.instrument.slug, title: localized(locale, page.instrument.title, page.instrument.title_es) },
		run: { id: run.id, name: run.name },
		items: page.items.map((item) => ({
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
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			enterResponse({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.instrument, runId: event.params.run, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: true };
	}
};

import { createHmac } from 'node:crypto';
import { error, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { config } from '#lib/server/config.js';
import { DomainError } from '#lib/server/errors.js';
import { getSurvey, submitSurvey, SURVEY_WINDOW_MS } from '#lib/server/instruments/instruments.service.js';
import { retryAfterSeconds } from '#lib/server/http/request-budget.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formToObject } from '#lib/server/validation.js';
import * as m from '#lib/paraglide/messages.js';

/** The request budget's client: a keyed hash of the network address, never the address itself. */
const clientOf = (event: RequestEvent) => createHmac('sha256', config().authSecret).update(`survey-address:${event.getClientAddress()}`).digest('hex');

/**
 * Runs a survey use-case; a client past its budget gets 429 with Retry-After (the seconds left in
 * the window) and a plain-language page in its language.
 */
async function limited<T>(event: RequestEvent, run: (client: string) => Promise<T>): Promise<T> {
	try {
		return await run(clientOf(event));
	} catch (caught) {
		if (caught instanceof DomainError && caught.code === 'TOO_MANY_REQUESTS') {
			const seconds = retryAfterSeconds(SURVEY_WINDOW_MS);
			event.setHeaders({ 'retry-after': String(seconds) });
			error(429, { message: m.edu4_survey_rate_limited({ minutes: Math.ceil(seconds / 60) }, { locale: event.locals.locale }), code: 'TOO_MANY_REQUESTS' });
		}
		throw caught;
	}
}

/**
 * An anonymous survey link: no sign-in, no name. The secret in the address is the only key, so
 * the page is never cached, and each network has a budget of requests (instruments.service).
 */
export const load: PageServerLoad = async (event) => {
	const locale = event.locals.locale;
	event.setHeaders({ 'cache-control': 'no-store' });
	const { run, items } = await guard(event, () => limited(event, (client) => getSurvey({ db: runtime().db.kysely, token: event.params.token, client })));
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
		const outcome = await guard(event, () => limited(event, (client) => submitSurvey({ db: runtime().db.kysely, token: event.params.token, input: values, client })));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { thanks: true };
	}
};

import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createEcosystem, listAllEcosystemsForAdmin } from '#lib/server/ecosystems/ecosystems.service.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { endSessionsAsAdmin } from '#lib/server/auth/account-sessions.js';
import { resetTwoFactorAsAdmin } from '#lib/server/auth/two-factor-reset.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async (event) => {
	const ecosystems = await guard(event, () =>
		listAllEcosystemsForAdmin({ db: runtime().db.kysely, actor: event.locals.actor })
	);
	return { ecosystems };
};

export const actions: Actions = {
	endSessions: async (event) => {
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			endSessionsAsAdmin({ db: runtime().db.kysely, actor: event.locals.actor, currentSessionId: event.locals.sessionId, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		const done = outcome.value;
		return {
			sessionsEnded: done.scope === 'person' ? m.security_more_admin_sessions_ended_person({ count: done.ended, email: done.email }) : m.security_more_admin_sessions_ended_everyone({ count: done.ended })
		};
	},
	resetTwoFactor: async (event) => {
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			resetTwoFactorAsAdmin({ db: runtime().db.kysely, actor: event.locals.actor, currentSessionId: event.locals.sessionId, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { twoFactorReset: m.asvs_fix_two_factor_reset_done({ email: outcome.value.email, count: outcome.value.sessionsEnded }) };
	},
	create: async (event) => {
		const ctx = runtime();
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			createEcosystem({ ctx, actor: event.locals.actor, input: values, origin: event.url.origin, locale: event.locals.locale })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return {
			created: {
				name: values.name ?? outcome.value.slug,
				slug: outcome.value.slug,
				email: outcome.value.invitation.message.to,
				held: !ctx.mailer.delivers
			}
		};
	}
};

import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { createApiToken, listApiTokens, revokeApiToken } from '#lib/server/api/api-tokens.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formatDate } from '#lib/server/format.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const { partner, tokens } = await guard(event, () =>
		listApiTokens({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner })
	);
	return {
		partner,
		apiUrl: `${event.url.origin}/api/v1/ecosystems/${ecosystem.slug}`,
		tokens: tokens.map((t) => ({
			id: t.id,
			name: t.name,
			prefix: t.token_prefix,
			created: formatDate(t.created_at, locale),
			lastUsed: t.last_used_at ? formatDate(t.last_used_at, locale) : null,
			revoked: t.revoked_at ? formatDate(t.revoked_at, locale) : null
		}))
	};
};

export const actions: Actions = {
	create: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			createApiToken({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		// The secret is shown on this one response and never again.
		return { created: { name: values.name ?? '', secret: outcome.value.secret } };
	},
	revoke: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		await guard(event, () =>
			revokeApiToken({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, tokenId: values.token ?? '' })
		);
		return { revoked: true };
	}
};

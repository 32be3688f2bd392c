import { redirect, type RequestEvent } from '@sveltejs/kit';
import type { Kysely } from 'kysely';
import type { Database } from '#lib/server/db/schema.js';
import type { Actor } from '#lib/server/auth/roles.js';
import type { Outcome } from '#lib/server/errors.js';
import { runtime } from '#lib/server/runtime.js';
import { prepareAgendaForms } from '#lib/server/agenda/agenda.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

type Event = RequestEvent<{ ecosystem: string }>;

/**
 * The agenda's "add" pages (result, indicator, strategy, action) share one shape: the form's
 * choices on load, one use-case on submit, and a redirect to where the new item is seen.
 */
export function newItemPage<T>(
	create: (args: { db: Kysely<Database>; actor: Actor; ecosystemId: string; input: unknown }) => Promise<Outcome<T>>,
	next: (ecosystemSlug: string, created: T) => string
) {
	return {
		load: async (event: Event & { parent(): Promise<{ ecosystem: { id: string } }> }) => {
			const { ecosystem } = await event.parent();
			const options = await guard(event, () =>
				prepareAgendaForms({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, locale: event.locals.locale })
			);
			return { options };
		},
		actions: {
			default: async (event: Event) => {
				const ecosystem = await ecosystemOf(event);
				const values = formToObject(await event.request.formData());
				const outcome = await guard(event, () => create({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values }));
				if (!outcome.ok) return invalidForm(outcome.issues, values);
				redirect(303, next(ecosystem.slug, outcome.value));
			}
		}
	};
}

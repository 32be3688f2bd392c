import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { callAuth } from '#lib/server/http/auth-proxy.js';
import { safeNextPath } from '#lib/server/http/redirects.js';
import { invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject, validate } from '#lib/server/validation.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor.kind === 'user') redirect(303, safeNextPath(url.searchParams.get('next'), '/account'));
	return { next: safeNextPath(url.searchParams.get('next'), '') };
};

const signInSchema = z.object({
	email: z.email({ message: 'Enter your email address, e.g. name@example.org.' }),
	password: z.string({ message: 'Enter your password.' }).min(1, 'Enter your password.')
});

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const parsed = validate(signInSchema, values);
		if (!parsed.ok) return invalidForm(parsed.issues, values);
		const result = await callAuth(event, '/sign-in/email', { ...parsed.value, rememberMe: true });
		const next = safeNextPath(values.next, '/account');
		if (result.status === 429) {
			return invalidForm([{ field: 'form', message: m.sign_in_rate_limited() }], values);
		}
		if (!result.ok) {
			const message = result.code === 'EMAIL_NOT_VERIFIED' ? m.sign_in_unverified() : m.sign_in_failed();
			return invalidForm([{ field: 'form', message }], values);
		}
		if (result.body?.twoFactorRedirect) redirect(303, `/sign-in/two-factor?next=${encodeURIComponent(next)}`);
		redirect(303, next);
	}
};

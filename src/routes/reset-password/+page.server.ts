import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { callAuth } from '#lib/server/http/auth-proxy.js';
import { invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject, validate } from '#lib/server/validation.js';
import { newPasswordField } from '#lib/server/auth/passwords.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = ({ url }) => ({
	token: url.searchParams.get('token') ?? '',
	linkError: url.searchParams.get('error')
});

const schema = z
	.object({
		token: z.string({ message: 'This reset link is incomplete. Ask for a new one.' }).min(1, 'This reset link is incomplete. Ask for a new one.'),
		password: newPasswordField(),
		confirm: z.string({ message: 'Type the new password again.' })
	})
	.refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords are not the same.' });

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const parsed = validate(schema, values);
		if (!parsed.ok) return invalidForm(parsed.issues, { token: values.token });
		const result = await callAuth(event, '/reset-password', { newPassword: parsed.value.password, token: parsed.value.token });
		if (result.code === 'PASSWORD_CONTEXT_WORD') return invalidForm([{ field: 'password', message: m.security_more_password_context() }], { token: values.token });
		if (!result.ok) return invalidForm([{ field: 'form', message: m.reset_failed() }], { token: values.token });
		redirect(303, '/sign-in?reset=1');
	}
};

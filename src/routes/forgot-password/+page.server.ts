import { z } from 'zod';
import type { Actions } from './$types';
import { callAuth } from '#lib/server/http/auth-proxy.js';
import { invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject, validate } from '#lib/server/validation.js';
import * as m from '#lib/paraglide/messages.js';

const schema = z.object({ email: z.email({ message: 'Enter your email address, e.g. name@example.org.' }) });

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const parsed = validate(schema, values);
		if (!parsed.ok) return invalidForm(parsed.issues, values);
		const result = await callAuth(event, '/request-password-reset', {
			email: parsed.value.email,
			redirectTo: '/reset-password'
		});
		if (result.status === 429) return invalidForm([{ field: 'email', message: m.sign_in_rate_limited() }], values);
		// The same answer whether or not the address has an account: no account enumeration.
		return { sent: true };
	}
};

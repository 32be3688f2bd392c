import { redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { callAuth } from '#lib/server/http/auth-proxy.js';
import { safeNextPath } from '#lib/server/http/redirects.js';
import { invalidForm } from '#lib/server/http/route-helpers.js';
import { TOTP_CODE_USED } from '#lib/server/auth/totp-replay.js';
import { formToObject, validate } from '#lib/server/validation.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = ({ url }) => ({ next: safeNextPath(url.searchParams.get('next'), '') });

const codeSchema = z.object({
	code: z
		.string({ message: 'Enter the 6-digit code from your authenticator app.' })
		.transform((c) => c.replace(/\s+/g, ''))
		.pipe(z.string().regex(/^(\d{6}|[A-Za-z0-9-]{8,20})$/, 'Enter the 6-digit code from your authenticator app, or a backup code.'))
});

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const parsed = validate(codeSchema, values);
		if (!parsed.ok) return invalidForm(parsed.issues, values);
		const code = parsed.value.code;
		const result = /^\d{6}$/.test(code)
			? await callAuth(event, '/two-factor/verify-totp', { code, trustDevice: false })
			: await callAuth(event, '/two-factor/verify-backup-code', { code });
		if (result.status === 429) return invalidForm([{ field: 'code', message: m.sign_in_rate_limited() }], values);
		if (!result.ok) return invalidForm([{ field: 'code', message: result.code === TOTP_CODE_USED ? m.asvs_fix_totp_code_used() : m.two_factor_wrong_code() }], values);
		redirect(303, safeNextPath(values.next, '/account'));
	}
};

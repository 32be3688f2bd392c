import { redirect } from '@sveltejs/kit';
import QRCode from 'qrcode';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { callAuth } from '#lib/server/http/auth-proxy.js';
import { invalidForm } from '#lib/server/http/route-helpers.js';
import { safeNextPath } from '#lib/server/http/redirects.js';
import { TOTP_CODE_USED } from '#lib/server/auth/totp-replay.js';
import { formToObject, validate } from '#lib/server/validation.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = ({ locals, url }) => {
	if (locals.actor.kind !== 'user') redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	return { next: safeNextPath(url.searchParams.get('next'), '') };
};

const passwordSchema = z.object({ password: z.string({ message: 'Enter your password.' }).min(1, 'Enter your password.') });
const codeSchema = z.object({
	code: z
		.string({ message: 'Enter the 6-digit code from your authenticator app.' })
		.transform((c) => c.replace(/\s+/g, ''))
		.pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code from your authenticator app.'))
});

export const actions: Actions = {
	/** Step 1: confirm the password; better-auth makes a secret and backup codes. */
	enable: async (event) => {
		if (event.locals.actor.kind !== 'user') redirect(303, '/sign-in');
		const values = formToObject(await event.request.formData());
		const parsed = validate(passwordSchema, values);
		if (!parsed.ok) return invalidForm(parsed.issues);
		const result = await callAuth(event, '/two-factor/enable', { password: parsed.value.password, issuer: 'Parity' });
		if (!result.ok || typeof result.body?.totpURI !== 'string') {
			return invalidForm([{ field: 'password', message: m.account_password_wrong() }]);
		}
		const totpURI = result.body.totpURI;
		const secret = new URL(totpURI).searchParams.get('secret') ?? '';
		const qr = await QRCode.toString(totpURI, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
		return {
			step: 'verify' as const,
			secret,
			qr,
			backupCodes: Array.isArray(result.body.backupCodes) ? (result.body.backupCodes as string[]) : []
		};
	},
	/** Step 2: a code from the app proves it was set up; only then is two-factor switched on. */
	verify: async (event) => {
		if (event.locals.actor.kind !== 'user') redirect(303, '/sign-in');
		const values = formToObject(await event.request.formData());
		const parsed = validate(codeSchema, values);
		if (!parsed.ok) return { ...invalidForm(parsed.issues).data, step: 'verify' as const, secret: values.secret ?? '', qr: '', backupCodes: [] };
		const result = await callAuth(event, '/two-factor/verify-totp', { code: parsed.value.code });
		if (!result.ok) {
			const message = result.code === TOTP_CODE_USED ? m.asvs_fix_totp_code_used() : m.two_factor_wrong_code();
			return { issues: [{ field: 'code', message }], step: 'verify' as const, secret: values.secret ?? '', qr: '', backupCodes: [] };
		}
		redirect(303, safeNextPath(values.next, '/account'));
	},
	disable: async (event) => {
		if (event.locals.actor.kind !== 'user') redirect(303, '/sign-in');
		const values = formToObject(await event.request.formData());
		const parsed = validate(passwordSchema, values);
		if (!parsed.ok) return invalidForm(parsed.issues);
		const result = await callAuth(event, '/two-factor/disable', { password: parsed.value.password });
		if (!result.ok) return invalidForm([{ field: 'password', message: m.account_password_wrong() }]);
		redirect(303, '/account');
	}
};

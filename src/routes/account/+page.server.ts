import { fail, redirect } from '@sveltejs/kit';
import { z } from 'zod';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listMyRoles } from '#lib/server/members/members.service.js';
import { callAuth } from '#lib/server/http/auth-proxy.js';
import { invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject, validate } from '#lib/server/validation.js';
import { newPasswordField } from '#lib/server/auth/passwords.js';
import { endMySessions, listMySessions, passwordAgain } from '#lib/server/auth/account-sessions.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	if (actor.kind !== 'user') redirect(303, `/sign-in?next=${encodeURIComponent(url.pathname)}`);
	return {
		roles: await listMyRoles({ db: runtime().db.kysely, actor }),
		sessions: await listMySessions({ db: runtime().db.kysely, actor, currentSessionId: locals.sessionId }),
		emailChanged: url.searchParams.get('email') === 'changed'
	};
};

const passwordSchema = z
	.object({
		currentPassword: z.string({ message: 'Enter your current password.' }).min(1, 'Enter your current password.'),
		newPassword: newPasswordField(),
		confirm: z.string({ message: 'Type the new password again.' })
	})
	.refine((v) => v.newPassword === v.confirm, { path: ['confirm'], message: 'The two passwords are not the same.' });

const emailSchema = z.object({
	newEmail: z.email({ message: 'Enter the new email address, e.g. name@example.org.' }).transform((e) => e.toLowerCase()),
	emailPassword: z.string({ message: 'Type your password to change the address.' }).min(1, 'Type your password to change the address.')
});

export const actions: Actions = {
	sessions: async (event) => {
		const actor = event.locals.actor;
		if (actor.kind !== 'user') redirect(303, '/sign-in');
		const values = formToObject(await event.request.formData());
		const outcome = await endMySessions({ ctx: runtime(), actor, headers: event.request.headers, currentSessionId: event.locals.sessionId, input: values });
		// The marker keeps this form's problems beside it, not under the password form's summary.
		if (!outcome.ok) return fail(422, { issues: outcome.issues, values: {}, sessionsForm: true });
		const message = outcome.value.ended === 'others' ? m.security_more_sessions_ended_others() : outcome.value.ended === 'one' ? m.security_more_sessions_ended_one() : m.security_more_sessions_gone();
		return { sessionsForm: true, sessionsMessage: message };
	},
	email: async (event) => {
		const actor = event.locals.actor;
		if (actor.kind !== 'user') redirect(303, '/sign-in');
		const values = formToObject(await event.request.formData());
		const parsed = validate(emailSchema, values);
		if (!parsed.ok) return invalidForm(parsed.issues, values);
		if (parsed.value.newEmail === actor.email.toLowerCase()) {
			return invalidForm([{ field: 'newEmail', message: m.account_email_same() }], values);
		}
		// The address is how a password is reset: changing it asks for the password again (V7.5.1).
		const again = await passwordAgain({ ctx: runtime(), actor, headers: event.request.headers, password: parsed.value.emailPassword, operation: 'change-email' });
		if (again !== 'right') return invalidForm([{ field: 'emailPassword', message: again === 'too_many' ? m.security_more_sessions_too_many() : m.account_password_wrong() }], values);
		const result = await callAuth(event, '/change-email', { newEmail: parsed.value.newEmail, callbackURL: '/account?email=changed' });
		if (result.status === 429) return invalidForm([{ field: 'newEmail', message: m.sign_in_rate_limited() }], values);
		if (!result.ok) return invalidForm([{ field: 'newEmail', message: m.account_email_unavailable() }], values);
		return { emailSent: parsed.value.newEmail };
	},
	password: async (event) => {
		if (event.locals.actor.kind !== 'user') redirect(303, '/sign-in');
		const values = formToObject(await event.request.formData());
		const parsed = validate(passwordSchema, values);
		if (!parsed.ok) return invalidForm(parsed.issues);
		const result = await callAuth(event, '/change-password', {
			currentPassword: parsed.value.currentPassword,
			newPassword: parsed.value.newPassword,
			revokeOtherSessions: true
		});
		if (result.code === 'PASSWORD_CONTEXT_WORD') return invalidForm([{ field: 'newPassword', message: m.security_more_password_context() }]);
		if (!result.ok) return invalidForm([{ field: 'currentPassword', message: m.account_password_wrong() }]);
		return { saved: true, message: m.account_password_changed() };
	}
};

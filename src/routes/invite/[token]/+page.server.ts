import { error, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { acceptInvitation, viewInvitation } from '#lib/server/members/members.service.js';
import { callAuth } from '#lib/server/http/auth-proxy.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { DomainError } from '#lib/server/errors.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	try {
		const invitation = await viewInvitation({ db: runtime().db.kysely, token: event.params.token });
		const actor = event.locals.actor;
		return {
			invitation: {
				email: invitation.email,
				role: invitation.role,
				ecosystemName: invitation.ecosystemName,
				partnerName: invitation.partnerName,
				expiresAt: invitation.expiresAt,
				accountExists: invitation.accountExists
			},
			signedInAs: actor.kind === 'user' ? actor.email : null,
			problem: null
		};
	} catch (caught) {
		if (caught instanceof DomainError) return { invitation: null, signedInAs: null, problem: caught.message };
		throw caught;
	}
};

export const actions: Actions = {
	default: async (event) => {
		const values = formToObject(await event.request.formData());
		const ctx = runtime();
		const outcome = await guard(event, () =>
			acceptInvitation({ ctx, actor: event.locals.actor, token: event.params.token, signUp: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		if (outcome.value.createdAccount) {
			const signedIn = await callAuth(event, '/sign-in/email', { email: outcome.value.email, password: values.password });
			if (!signedIn.ok) error(500, 'Your account was created, but signing in failed. Please sign in.');
		}
		redirect(303, `/e/${outcome.value.ecosystemSlug}/workspace?welcome=1`);
	}
};

import type { Kysely } from 'kysely';
import type { RequestEvent } from '@sveltejs/kit';
import type { AppContext } from '../context.js';
import type { Actor } from '../auth/roles.js';
import type { Database } from '../db/schema.js';
import type { Outcome } from '../errors.js';
import type { SentInvitation } from '../members/members.service.js';
import { runtime } from '../runtime.js';
import { formToObject } from '../validation.js';
import { ecosystemOf } from './ecosystem-scope.js';
import { guard, invalidForm } from './route-helpers.js';

/*
 * The invite and revoke form actions of the two pages that manage invitations: the backbone's
 * members page and a partner's team page. Each page passes the use-case it calls (which decides
 * who may invite whom); parsing the form and shaping the answer are the same for both.
 * InviteForm.svelte and InvitationsTable.svelte read these answers (`invited`, `held`, `revoked`).
 */

type ActionEvent = Pick<RequestEvent, 'url' | 'request' | 'locals'> & { params: { ecosystem: string } };

export interface InviteCall {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	input: Record<string, string | undefined>;
	origin: string;
	locale: 'en' | 'es';
}

export interface RevokeCall {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	invitationId: string;
}

/**
 * Answers `{ invited, held }` on success (`held`: no mail delivery is set up, so the message
 * waits in the outbox), or the form again with every problem.
 */
export async function inviteAction(event: ActionEvent, invite: (call: InviteCall) => Promise<Outcome<SentInvitation>>) {
	const ecosystem = await ecosystemOf(event);
	const ctx = runtime();
	const values = formToObject(await event.request.formData());
	const outcome = await guard(event, () =>
		invite({
			ctx,
			actor: event.locals.actor,
			ecosystemId: ecosystem.id,
			input: values,
			origin: event.url.origin,
			locale: event.locals.locale
		})
	);
	if (!outcome.ok) return invalidForm(outcome.issues, values);
	return { invited: outcome.value.message.to, held: !ctx.mailer.delivers };
}

/** Answers `{ revoked: true }`; an invitation that is not open (or not there) is the use-case's 404. */
export async function revokeAction(event: ActionEvent, revoke: (call: RevokeCall) => Promise<void>) {
	const ecosystem = await ecosystemOf(event);
	const values = formToObject(await event.request.formData());
	await guard(event, () =>
		revoke({
			db: runtime().db.kysely,
			actor: event.locals.actor,
			ecosystemId: ecosystem.id,
			invitationId: values.invitationId ?? ''
		})
	);
	return { revoked: true };
}

import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getMembersAdmin, inviteMember, revokeInvitationById } from '#lib/server/members/members.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { formatDate } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const admin = await guard(event, () =>
		getMembersAdmin({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id })
	);
	const notice = ['changed', 'removed'].find((key) => event.url.searchParams.has(key)) ?? null;
	return {
		...admin,
		members: admin.members.map((member) => ({ ...member, since: formatDate(member.since, locale) })),
		invitations: admin.invitations.map((invitation) => ({ ...invitation, expires: formatDate(invitation.expiresAt, locale) })),
		notice: notice as 'changed' | 'removed' | null
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const ctx = runtime();
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			inviteMember({
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
	},

	revoke: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		await guard(event, () =>
			revokeInvitationById({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				invitationId: values.invitationId ?? ''
			})
		);
		return { revoked: true };
	}
};

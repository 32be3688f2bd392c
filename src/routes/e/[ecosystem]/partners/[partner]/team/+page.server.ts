import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPartnerTeam, invitePartnerMember, revokePartnerInvitation } from '#lib/server/members/members.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { formatDate } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const team = await guard(event, () =>
		getPartnerTeam({
			db: runtime().db.kysely,
			actor: event.locals.actor,
			ecosystemId: ecosystem.id,
			partnerSlug: event.params.partner
		})
	);
	return {
		...team,
		members: team.members.map((member) => ({ ...member, since: formatDate(member.since, locale) })),
		invitations: team.invitations.map((invitation) => ({ ...invitation, expires: formatDate(invitation.expiresAt, locale) }))
	};
};

export const actions: Actions = {
	invite: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const ctx = runtime();
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			invitePartnerMember({
				ctx,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				partnerSlug: event.params.partner,
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
			revokePartnerInvitation({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				partnerSlug: event.params.partner,
				invitationId: values.invitationId ?? ''
			})
		);
		return { revoked: true };
	}
};

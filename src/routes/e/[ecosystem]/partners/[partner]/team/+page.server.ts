import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPartnerTeam, invitePartnerMember, revokePartnerInvitation } from '#lib/server/members/members.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { inviteAction, revokeAction } from '#lib/server/http/invitation-actions.js';
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
	invite: (event) => inviteAction(event, (call) => invitePartnerMember({ ...call, partnerSlug: event.params.partner })),
	revoke: (event) => revokeAction(event, (call) => revokePartnerInvitation({ ...call, partnerSlug: event.params.partner }))
};

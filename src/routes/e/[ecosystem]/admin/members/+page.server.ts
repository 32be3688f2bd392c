import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getMembersAdmin, inviteMember, revokeInvitationById } from '#lib/server/members/members.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { inviteAction, revokeAction } from '#lib/server/http/invitation-actions.js';
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
	invite: (event) => inviteAction(event, inviteMember),
	revoke: (event) => revokeAction(event, revokeInvitationById)
};

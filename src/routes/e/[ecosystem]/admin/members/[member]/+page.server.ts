import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { changeMemberRole, getMemberForAdmin, removeMember } from '#lib/server/members/members.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { formatDate } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const detail = await guard(event, () =>
		getMemberForAdmin({
			db: runtime().db.kysely,
			actor: event.locals.actor,
			ecosystemId: ecosystem.id,
			membershipId: event.params.member
		})
	);
	return { ...detail, member: { ...detail.member, since: formatDate(detail.member.since, event.locals.locale) } };
};

export const actions: Actions = {
	role: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			changeMemberRole({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				membershipId: event.params.member,
				input: values
			})
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/admin/members?changed=1`);
	},

	remove: async (event) => {
		const ecosystem = await ecosystemOf(event);
		await guard(event, () =>
			removeMember({
				db: runtime().db.kysely,
				actor: event.locals.actor,
				ecosystemId: ecosystem.id,
				membershipId: event.params.member
			})
		);
		redirect(303, `/e/${ecosystem.slug}/admin/members?removed=1`);
	}
};

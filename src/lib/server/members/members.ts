import { z } from 'zod';
import { ecosystemRoles, partnerRoles, type EcosystemRole } from '../auth/roles.js';

/** A backbone admin gives an existing member another role (and, for partner roles, a partner). */
export const changeRoleSchema = z
	.object({
		role: z.enum(ecosystemRoles, { message: 'Choose a role.' }),
		partnerId: z.string().optional()
	})
	.superRefine((value, ctx) => {
		if (partnerRoles.includes(value.role) && !value.partnerId) {
			ctx.addIssue({ code: 'custom', path: ['partnerId'], message: 'Choose the partner organisation this person belongs to.' });
		}
	});
export type ChangeRoleInput = z.infer<typeof changeRoleSchema>;

/** Backbone roles belong to the ecosystem, not to a partner; educators may name their school. */
export function roleKeepsPartner(role: EcosystemRole): boolean {
	return partnerRoles.includes(role) || role === 'educator';
}

import { z } from 'zod';
import { newPasswordField } from '../auth/passwords.js';
import { ecosystemRoles, partnerRoles, type EcosystemRole } from '../auth/roles.js';

export type InvitationState = 'pending' | 'expired' | 'accepted' | 'revoked';

export interface InvitationLike {
	expires_at: string;
	accepted_at: string | null;
	revoked_at: string | null;
}

/** Pure: what an invitation link means at `now`. */
export function invitationState(invitation: InvitationLike, now: Date): InvitationState {
	if (invitation.revoked_at) return 'revoked';
	if (invitation.accepted_at) return 'accepted';
	if (new Date(invitation.expires_at).getTime() <= now.getTime()) return 'expired';
	return 'pending';
}

export function expiryFrom(now: Date, days: number): string {
	return new Date(now.getTime() + days * 24 * 60 * 60 * 1000).toISOString();
}

export const inviteSchema = z
	.object({
		email: z.email({ message: 'Enter the person’s email address, e.g. name@example.org.' }).transform((e) => e.toLowerCase()),
		role: z.enum(ecosystemRoles, { message: 'Choose a role.' }),
		partnerId: z.string().optional()
	})
	.superRefine((value, ctx) => {
		if (partnerRoles.includes(value.role) && !value.partnerId) {
			ctx.addIssue({ code: 'custom', path: ['partnerId'], message: 'Choose the partner organisation this person belongs to.' });
		}
	});
export type InviteInput = z.infer<typeof inviteSchema>;

export const acceptSignUpSchema = z.object({
	name: z.string({ message: 'Enter your name.' }).min(2, 'Enter your name.').max(120, 'Your name can have at most 120 characters.'),
	password: newPasswordField('Choose a password.')
});

export function roleNeedsPartner(role: EcosystemRole): boolean {
	return partnerRoles.includes(role);
}

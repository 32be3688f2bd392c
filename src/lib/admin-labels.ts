import * as m from '#lib/paraglide/messages.js';

/** Interface labels for invitation states and outbox statuses, in the current language. */
export function invitationStateLabel(state: string): string {
	switch (state) {
		case 'pending': return m.invitation_state_pending();
		case 'expired': return m.invitation_state_expired();
		case 'accepted': return m.invitation_state_accepted();
		case 'revoked': return m.invitation_state_revoked();
		default: return state;
	}
}

export function outboxStatusLabel(status: string): string {
	switch (status) {
		case 'held': return m.outbox_status_held();
		case 'queued': return m.outbox_status_queued();
		case 'sent': return m.outbox_status_sent();
		case 'failed': return m.outbox_status_failed();
		case 'bounced': return m.mail_status_bounced();
		default: return status;
	}
}

import * as m from '../../paraglide/messages.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';
import { localized } from '../content.js';
import { formatEventTime } from './events.js';
import type { EventRow } from './events.repository.js';

export type EventMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder' | 'changed' | 'cancelled';

const subjects = {
	confirmed: m.events_mail_confirmed_subject,
	waitlisted: m.events_mail_waitlisted_subject,
	promoted: m.events_mail_promoted_subject,
	reminder: m.events_mail_reminder_subject,
	changed: m.events_mail_changed_subject,
	cancelled: m.events_mail_cancelled_subject
};
const bodies = {
	confirmed: m.events_mail_confirmed_body,
	waitlisted: m.events_mail_waitlisted_body,
	promoted: m.events_mail_promoted_body,
	reminder: m.events_mail_reminder_body,
	changed: m.events_mail_changed_body,
	cancelled: m.events_mail_cancelled_body
};

/**
 * One email about a registration, in the registrant's language. The online link appears only in
 * mail to people who hold a seat; everyone gets their private link (the only way to cancel).
 */
export function registrationMail(args: {
	kind: EventMailKind;
	event: EventRow;
	ecosystem: { id: string; name: string };
	registration: { name: string; email: string; locale: string; status?: string };
	url: string;
	/** 'changed': what changed, in words; 'cancelled': the organiser's reason. */
	note?: string;
}): OutgoingMessage {
	const locale = args.registration.locale === 'es' ? 'es' : 'en';
	const { event } = args;
	const title = localized(locale, event.title, event.title_es);
	const where = [
		event.location ? m.events_mail_where_location({ location: event.location }, { locale }) : null,
		event.online_url && args.kind !== 'waitlisted' && args.registration.status !== 'waitlisted' && args.kind !== 'cancelled' ? m.events_mail_where_online({ url: event.online_url }, { locale }) : null
	]
		.filter(Boolean)
		.join('\n');
	return {
		ecosystemId: args.ecosystem.id,
		to: args.registration.email,
		kind: `event_${args.kind}`,
		subject: subjects[args.kind]({ title }, { locale }),
		text: bodies[args.kind]({ name: args.registration.name, title, when: formatEventTime(event, locale), where, url: args.url, ecosystem: args.ecosystem.name, note: args.note ?? '' }, { locale })
	};
}

/** The backbone's answer to a partner's proposed event, to each of the partner's admins. */
export function proposalDecisionMail(args: {
	decision: 'approve' | 'decline';
	event: EventRow;
	ecosystem: { id: string; name: string };
	to: { name: string; email: string; locale: 'en' | 'es' };
	note: string;
	url: string;
}): OutgoingMessage {
	const { locale } = args.to;
	const title = localized(locale, args.event.title, args.event.title_es);
	const params = { name: args.to.name, title, when: formatEventTime(args.event, locale), note: args.note || '—', url: args.url, ecosystem: args.ecosystem.name };
	return {
		ecosystemId: args.ecosystem.id,
		to: args.to.email,
		kind: `event_proposal_${args.decision === 'approve' ? 'approved' : 'declined'}`,
		subject: (args.decision === 'approve' ? m.events_mail_proposal_approved_subject : m.events_mail_proposal_declined_subject)({ title }, { locale }),
		text: (args.decision === 'approve' ? m.events_mail_proposal_approved_body : m.events_mail_proposal_declined_body)(params, { locale })
	};
}

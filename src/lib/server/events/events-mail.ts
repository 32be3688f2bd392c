import * as m from '../../paraglide/messages.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';
import { localized } from '../content.js';
import { formatEventTime } from './events.js';
import type { EventRow } from './events.repository.js';

export type EventMailKind = 'confirmed' | 'waitlisted' | 'promoted' | 'reminder';

const subjects = {
	confirmed: m.events_mail_confirmed_subject,
	waitlisted: m.events_mail_waitlisted_subject,
	promoted: m.events_mail_promoted_subject,
	reminder: m.events_mail_reminder_subject
};
const bodies = {
	confirmed: m.events_mail_confirmed_body,
	waitlisted: m.events_mail_waitlisted_body,
	promoted: m.events_mail_promoted_body,
	reminder: m.events_mail_reminder_body
};

/**
 * One email about a registration, in the registrant's language. The online link appears only in
 * mail to people who hold a seat; everyone gets their private link (the only way to cancel).
 */
export function registrationMail(args: {
	kind: EventMailKind;
	event: EventRow;
	ecosystem: { id: string; name: string };
	registration: { name: string; email: string; locale: string };
	url: string;
}): OutgoingMessage {
	const locale = args.registration.locale === 'es' ? 'es' : 'en';
	const { event } = args;
	const title = localized(locale, event.title, event.title_es);
	const where = [
		event.location ? m.events_mail_where_location({ location: event.location }, { locale }) : null,
		event.online_url && args.kind !== 'waitlisted' ? m.events_mail_where_online({ url: event.online_url }, { locale }) : null
	]
		.filter(Boolean)
		.join('\n');
	return {
		ecosystemId: args.ecosystem.id,
		to: args.registration.email,
		kind: `event_${args.kind}`,
		subject: subjects[args.kind]({ title }, { locale }),
		text: bodies[args.kind]({ name: args.registration.name, title, when: formatEventTime(event, locale), where, url: args.url, ecosystem: args.ecosystem.name }, { locale })
	};
}

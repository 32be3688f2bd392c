import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../content.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';

/** The reminder an action's owner gets, in the language of the person who sent the reminders. */
export function actionReminderEmail(
	locale: Locale,
	values: { ecosystemId: string; to: string; ecosystem: string; title: string; due: string; overdue: boolean; url: string }
): OutgoingMessage {
	const inputs = { ecosystem: values.ecosystem, title: values.title, due: values.due, url: values.url };
	return {
		ecosystemId: values.ecosystemId,
		to: values.to,
		kind: 'agenda_action_reminder',
		subject: (values.overdue ? m.agenda_mail_overdue_subject : m.agenda_mail_due_subject)(inputs, { locale }),
		text: m.agenda_mail_reminder_body(inputs, { locale })
	};
}

/** The emails partners get about their data: a reminder before the due date, a returned submission. */
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../content.js';
import { formatDate } from '../format.js';

export const asLocale = (value: string | null | undefined): Locale => (value === 'es' ? 'es' : 'en');

export function reminderEmail(locale: Locale, values: { ecosystem: string; partner: string; cycle: string; dueOn: string; url: string }) {
	return {
		subject: m.submissions_mail_reminder_subject({ cycle: values.cycle, due: formatDate(values.dueOn, locale) }, { locale }),
		text: m.submissions_mail_reminder_body({ ...values, due: formatDate(values.dueOn, locale) }, { locale })
	};
}

export function returnedEmail(locale: Locale, values: { ecosystem: string; partner: string; cycle: string; version: number; comment: string; reviewer: string; url: string }) {
	return {
		subject: m.submissions_mail_returned_subject({ cycle: values.cycle }, { locale }),
		text: m.submissions_mail_returned_body({ ...values, version: String(values.version) }, { locale })
	};
}

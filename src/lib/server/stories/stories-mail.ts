import * as m from '../../paraglide/messages.js';
import type { Locale } from './stories.js';

/** The parent of a teenager is asked to consent to a story already written. */
export function parentConsentEmail(locale: Locale, values: { ecosystem: string; url: string; days: number }) {
	return { subject: m.stories_mail_consent_subject(values, { locale }), text: m.stories_mail_consent_body(values, { locale }) };
}

/** The parent of an under-13 is asked first; nothing about the child exists yet. */
export function childConsentEmail(locale: Locale, values: { ecosystem: string; url: string; days: number }) {
	return { subject: m.stories_mail_child_subject(values, { locale }), text: m.stories_mail_child_body(values, { locale }) };
}

export function withdrawLinkEmail(locale: Locale, values: { ecosystem: string; url: string }) {
	return { subject: m.stories_mail_withdraw_subject(values, { locale }), text: m.stories_mail_withdraw_body(values, { locale }) };
}

import * as m from '../../paraglide/messages.js';

export type Locale = 'en' | 'es';

/** Subject and plain text of the account emails better-auth asks Parity to send. */
export function authEmail(kind: 'verify_email' | 'password_reset', locale: Locale, url: string) {
	if (kind === 'verify_email') {
		return {
			subject: m.mail_verify_subject({}, { locale }),
			text: m.mail_verify_body({ url }, { locale })
		};
	}
	return {
		subject: m.mail_reset_subject({}, { locale }),
		text: m.mail_reset_body({ url }, { locale })
	};
}

export function invitationEmail(
	locale: Locale,
	values: { ecosystem: string; role: string; inviter: string; url: string; expires: string }
) {
	return {
		subject: m.mail_invite_subject({ ecosystem: values.ecosystem }, { locale }),
		text: m.mail_invite_body(values, { locale })
	};
}

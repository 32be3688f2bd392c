import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getCertificate } from '#lib/server/pd/pd.service.js';
import { certificatePdf } from '#lib/server/pd/certificate-pdf.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formatDate } from '#lib/server/format.js';
import { hoursText } from '#lib/pd-labels.js';
import * as m from '#lib/paraglide/messages.js';

/** The certificate as a PDF, for its holder (or backbone staff), in the page's language. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const locale = event.locals.locale;
	const c = await guard(event, () =>
		getCertificate({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, code: event.params.code })
	);
	const first = formatDate(c.first_session_on, locale);
	const last = formatDate(c.last_session_on, locale);
	const pdf = await certificatePdf({
		labels: {
			heading: m.pd_cert_heading(),
			certifies: m.pd_cert_certifies(),
			completed: m.pd_cert_completed(),
			hours: m.pd_field_hours(),
			dates: m.pd_cert_dates(),
			issuer: m.pd_cert_issuer(),
			code: m.pd_verification_code(),
			verifyAt: m.pd_cert_verify_at()
		},
		educatorName: c.educator_name,
		offeringTitle: c.offering_title,
		hours: hoursText(c.hours, locale),
		creditTypeName: c.credit_type_name,
		dates: first === last ? first : `${first} – ${last}`,
		issuerName: c.issuer_name,
		ecosystemName: localized(locale, ecosystem.name, ecosystem.name_es),
		code: c.code,
		verifyUrl: `${event.url.origin}/verify/${c.code}`
	});
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'cache-control': 'private, no-store',
			'content-disposition': `attachment; filename="certificate-${c.code}.pdf"`
		}
	});
};

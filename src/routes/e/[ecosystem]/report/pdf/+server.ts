import type { RequestHandler } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { getAnnualReport } from '#lib/server/reports/reports.service.js';
import { annualReportPdf } from '#lib/server/reports/report-pdf.js';

/** The annual report as a PDF, public like the page; `?lang=es` or `?lang=en`, else the reader's language. */
export const GET: RequestHandler = async (event) => {
	const ecosystem = await ecosystemOf(event);
	const lang = event.url.searchParams.get('lang');
	const locale = lang === 'es' || lang === 'en' ? lang : event.locals.locale;
	const report = await guard(event, () => getAnnualReport({ db: runtime().db.kysely, ecosystemId: ecosystem.id, locale, storyScope: 'print' }));
	const pdf = await annualReportPdf(report);
	return new Response(new Uint8Array(pdf), {
		headers: {
			'content-type': 'application/pdf',
			'cache-control': 'no-store',
			'content-disposition': `attachment; filename="${ecosystem.slug}-report-${report.year}-${locale}.pdf"`
		}
	});
};

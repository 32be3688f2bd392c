/** Words for what the submission pages show: data-quality flags and version histories, in the page's language. */
import * as m from '#lib/paraglide/messages.js';
import type { Locale } from '../content.js';
import { formatDateTime } from '../format.js';
import type { QualityFlag } from './submissions.js';
import type { SubmissionVersionRow } from './submissions.repository.js';
import { submissionGroupLabel } from './submissions-labels.js';

const number = (value: number, locale: Locale) => new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US').format(value);

export function describeFlag(flag: QualityFlag, metricName: string, locale: Locale): string {
	const o = { locale };
	switch (flag.kind) {
		case 'jump':
			return m.submissions_flag_jump({ metric: metricName, group: submissionGroupLabel(flag.groupKey, locale), value: number(flag.value, locale), previous: number(flag.previous, locale) }, o);
		case 'exceeds_total':
			return m.submissions_flag_exceeds_total({ metric: metricName, group: submissionGroupLabel(flag.groupKey, locale), value: number(flag.value, locale), total: submissionGroupLabel(flag.totalKey, locale), totalValue: number(flag.total, locale) }, o);
		case 'missing_total':
			return m.submissions_flag_missing_total({ metric: metricName }, o);
		case 'missing_metric':
			return m.submissions_flag_missing_metric({ metric: metricName }, o);
		case 'missing_groups':
			return m.submissions_flag_missing_groups({ metric: metricName, missing: String(flag.missing), expected: String(flag.expected) }, o);
	}
}

/** One line of a version history: who sent which version how and when, and what became of it. */
export function versionView(v: SubmissionVersionRow, locale: Locale) {
	return {
		id: v.id,
		version: v.version,
		method: v.method,
		status: v.status,
		fileName: v.file_name,
		rows: v.row_count,
		by: v.submitted_by_name ?? v.api_token_name ?? '',
		at: formatDateTime(v.created_at, locale),
		reviewedBy: v.reviewed_by_name ?? '',
		reviewedAt: formatDateTime(v.reviewed_at, locale),
		comment: v.review_comment ?? '',
		wasAccepted: v.accepted_at !== null
	};
}

import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getSubmissionForReview, reviewSubmission } from '#lib/server/submissions/cycles.service.js';
import { describeFlag, versionView } from '#lib/server/submissions/submissions-view.js';
import { submissionGroupLabel } from '#lib/server/submissions/submissions-labels.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { formatDateTime } from '#lib/server/format.js';
import { localized } from '#lib/server/content.js';
import { error } from '@sveltejs/kit';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const page = await guard(event, () => getSubmissionForReview({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, submissionId: event.params.submission }));
	if (page.cycle.id !== event.params.cycle) error(404, { message: 'There is no such submission in this cycle.' });
	const metricName = (id: string) => {
		const metric = page.table.find((t) => t.metric.id === id)?.metric;
		return metric ? localized(locale, metric.name, metric.name_es) : '';
	};
	return {
		cycle: { id: page.cycle.id, name: page.cycle.name },
		partner: page.partner,
		submission: { id: page.submission.id, version: page.submission.version, status: page.submission.status, method: page.submission.method, at: formatDateTime(page.submission.created_at, locale), fileName: page.submission.file_name, note: page.submission.note },
		tables: page.table.map((t) => ({
			id: t.metric.id,
			name: localized(locale, t.metric.name, t.metric.name_es),
			blank: t.blank,
			rows: t.rows.map((r) => ({ id: r.groupKey, group: submissionGroupLabel(r.groupKey, locale), key: r.groupKey, value: r.value }))
		})),
		flags: page.flags.map((flag, i) => ({ id: String(i), text: describeFlag(flag, metricName(flag.metricId), locale) })),
		versions: page.versions.map((v) => versionView(v, locale)),
		reviewed: event.url.searchParams.get('reviewed')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			reviewSubmission({ ctx: runtime(), actor: event.locals.actor, ecosystemId: ecosystem.id, submissionId: event.params.submission, input: values, origin: event.url.origin })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { reviewed: outcome.value.status };
	}
};

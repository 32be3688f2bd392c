import { fail } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getPartnerCycle, MAX_COUNTS_FILE_BYTES, submitCountsCsv, submitGrid } from '#lib/server/submissions/submissions.service.js';
import { versionView } from '#lib/server/submissions/submissions-view.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDate } from '#lib/server/format.js';
import { readLimitedForm, textFileProblem, uploadedFile } from '#lib/server/http/uploads.js';
import * as m from '#lib/paraglide/messages.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const page = await guard(event, () =>
		getPartnerCycle({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, cycleId: event.params.cycle, locale })
	);
	return {
		partner: page.partner,
		cycle: { id: page.cycle.id, name: page.cycle.name, due: formatDate(page.cycle.due_on, locale), period: `${formatDate(page.cycle.period_start, locale)} – ${formatDate(page.cycle.period_end, locale)}`, instructions: page.cycle.instructions, closed: page.cycle.closed_at !== null },
		metrics: page.metrics,
		status: page.status,
		versions: page.versions.map((v) => versionView(v, locale)),
		latestComment: page.versions[0]?.status === 'returned' ? (page.versions[0].review_comment ?? '') : ''
	};
};

const tooLarge = () => fail(413, { which: 'csv', problems: [{ column: 'file', message: m.submissions_file_too_large() }], values: {} });

export const actions: Actions = {
	grid: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await event.request.formData();
		const fields = [...form.entries()].filter((e): e is [string, string] => typeof e[1] === 'string');
		const outcome = await guard(event, () =>
			submitGrid({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, cycleId: event.params.cycle, fields })
		);
		if (!outcome.ok) {
			return fail(422, {
				which: 'grid',
				problems: outcome.problems,
				issues: outcome.problems.map((p) => ({ field: p.field ?? 'grid', message: p.message })),
				values: Object.fromEntries(fields.filter(([name]) => name.startsWith('c:')))
			});
		}
		return { which: 'grid', submitted: outcome.value };
	},
	csv: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const form = await readLimitedForm(event.request, MAX_COUNTS_FILE_BYTES);
		if (!form) return tooLarge();
		const file = await uploadedFile(form, 'file');
		if (file && file.bytes.length > MAX_COUNTS_FILE_BYTES) return tooLarge();
		const notText = file ? textFileProblem(file.bytes, file.name, 'a CSV file') : null;
		if (notText) return fail(422, { which: 'csv', fileName: file?.name, problems: [{ column: 'file', message: notText }], values: {} });
		// No file reads as an empty one: the service says so, after checking who is asking.
		const text = file ? new TextDecoder().decode(file.bytes) : '';
		const fileName = file?.name || 'upload.csv';
		const outcome = await guard(event, () =>
			submitCountsCsv({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, cycleId: event.params.cycle, fileName, text })
		);
		if (!outcome.ok) return fail(422, { which: 'csv', fileName, problems: outcome.problems, values: {} });
		return { which: 'csv', submitted: outcome.value };
	}
};

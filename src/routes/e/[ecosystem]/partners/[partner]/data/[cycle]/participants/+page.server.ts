import { fail, redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import * as m from '#lib/paraglide/messages.js';
import { jobQueue, runtime } from '#lib/server/runtime.js';
import { prepareParticipantUpload } from '#lib/server/participants/participants.service.js';
import { participantUploadSink, queueUploadedParticipantFile } from '#lib/server/participants/participants.queue.js';
import { MAX_PARTICIPANT_UPLOAD_BYTES, receiveUpload } from '#lib/server/participants/participants.upload.js';
import { participantColumns } from '#lib/server/participants/participants.js';
import { ageBands, gradeBands, raceEthnicityGroups } from '#lib/server/metrics/metrics.js';
import { races1997 } from '#lib/server/participants/participants.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formatDate } from '#lib/server/format.js';
import { notTextMessage } from '#lib/server/http/uploads.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const upload = await guard(event, () =>
		prepareParticipantUpload({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, cycleId: event.params.cycle })
	);
	return {
		...upload,
		due: formatDate(upload.cycle.dueOn, event.locals.locale),
		maxMegabytes: MAX_PARTICIPANT_UPLOAD_BYTES / 1024 / 1024,
		columns: [...participantColumns],
		values: { race_ethnicity: [...raceEthnicityGroups], race: [...races1997], grade_band: [...gradeBands], age_band: [...ageBands] }
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const call = { db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, partnerSlug: event.params.partner, cycleId: event.params.cycle };
		// Who may upload is settled before a byte of the file is stored.
		await guard(event, () => prepareParticipantUpload(call));
		const upload = await receiveUpload(event.request, 'file', participantUploadSink(call));
		const values = { metric: upload.fields.metric };
		if (upload.tooLarge) return fail(413, { issues: [{ field: 'file', message: m.participants_file_too_large({ megabytes: MAX_PARTICIPANT_UPLOAD_BYTES / 1024 / 1024 }) }], values });
		if (upload.notText) return invalidForm([{ field: 'file', message: notTextMessage(upload.notText, upload.fileName ?? '', 'a CSV file') }], values);
		if (!upload.file) return invalidForm([{ field: 'file', message: m.participants_file_missing() }], values);
		const file = upload.file;
		const outcome = await guard(event, () => queueUploadedParticipantFile({ ...call, jobs: jobQueue(), importJobId: file.id, metric: upload.fields.metric || undefined, bytes: file.bytes }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/partners/${event.params.partner}/data/${event.params.cycle}/participants/${outcome.value.jobId}`);
	}
};

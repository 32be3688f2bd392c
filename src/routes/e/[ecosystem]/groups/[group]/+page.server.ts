import { fail, redirect, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listGroupMeetings } from '#lib/server/events/events.service.js';
import { eventView } from '#lib/server/events/events-view.js';
import { addGroupMember, getGroup, joinGroup, leaveGroup, startThread, uploadGroupFile } from '#lib/server/groups/groups.service.js';
import { MAX_FILE_BYTES } from '#lib/server/groups/groups.js';
import { localized, isFallback } from '#lib/server/content.js';
import { renderMarkdown } from '#lib/server/markdown.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';
import { readLimitedForm, uploadedFile } from '#lib/server/http/uploads.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const view = await guard(event, () => getGroup({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.group }));
	const meetings = await listGroupMeetings({ db: runtime().db.kysely, ecosystemId: ecosystem.id, groupId: view.group.id, actor: event.locals.actor });
	return {
		meetings: meetings.map((e) => eventView(e, locale)),
		group: {
			slug: view.group.slug,
			name: localized(locale, view.group.name, view.group.name_es),
			purposeHtml: renderMarkdown(localized(locale, view.group.purpose_md, view.group.purpose_md_es)),
			untranslated: isFallback(locale, view.group.purpose_md_es) && view.group.purpose_md !== '',
			visibility: view.group.visibility
		},
		members: view.members.map((p) => ({ id: p.userId, ...p })),
		threads: view.threads,
		files: view.files.map((f) => ({ ...f, size: Number(f.size) })),
		can: view.can,
		signedIn: view.signedIn
	};
};

type Event = RequestEvent<{ ecosystem: string; group: string }>;
const scope = async (event: Event) => ({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: (await ecosystemOf(event)).id, slug: event.params.group });

export const actions: Actions = {
	join: async (event) => {
		const args = await scope(event);
		await guard(event, () => joinGroup(args));
		return { joined: true };
	},
	leave: async (event) => {
		const args = await scope(event);
		await guard(event, () => leaveGroup(args));
		return { left: true };
	},
	member: async (event) => {
		const args = await scope(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => addGroupMember({ ...args, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, which: 'member' });
		return { added: outcome.value.name };
	},
	thread: async (event) => {
		const args = await scope(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => startThread({ ctx: runtime(), actor: args.actor, ecosystemId: args.ecosystemId, slug: args.slug, input: values, origin: event.url.origin }));
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, which: 'thread' });
		redirect(303, `/e/${event.params.ecosystem}/groups/${args.slug}/threads/${outcome.value.threadId}`);
	},
	file: async (event) => {
		const args = await scope(event);
		// Refused before buffering a body larger than any acceptable file (plus the form around it).
		const form = await readLimitedForm(event.request, MAX_FILE_BYTES);
		if (!form) return fail(413, { issues: [{ field: 'file', message: 'The file is larger than 5 MB.' }], values: { which: 'file' } });
		const file = (await uploadedFile(form, 'file')) ?? { name: '', bytes: new Uint8Array() };
		const outcome = await guard(event, () => uploadGroupFile({ ...args, file }));
		if (!outcome.ok) return invalidForm(outcome.issues, { which: 'file' });
		return { uploaded: outcome.value.filename };
	}
};

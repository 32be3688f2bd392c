import { fail, type RequestEvent } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import {
	addProjectGoal,
	addProjectMilestone,
	addProjectPartner,
	completeProjectMilestone,
	getProject,
	postProjectUpdate,
	uploadProjectFile
} from '#lib/server/projects/projects.service.js';
import { milestoneState } from '#lib/server/projects/projects.js';
import { MAX_FILE_BYTES } from '#lib/server/groups/groups.js';
import { localized } from '#lib/server/content.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { readLimitedForm, uploadedFile } from '#lib/server/http/uploads.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const view = await guard(event, () => getProject({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.project }));
	const today = new Date().toISOString().slice(0, 10);
	const p = view.project;
	return {
		project: { slug: p.slug, title: localized(locale, p.title, p.title_es), summary: localized(locale, p.summary, p.summary_es), lead: p.lead_name, leadSlug: p.lead_slug, leadPartnerId: p.lead_partner_id, isDemo: p.is_demo === 1 },
		partners: view.partners.map((x) => ({ id: x.partner_id, name: x.name, slug: x.slug, role: localized(locale, x.role, x.role_es), isLead: x.partner_id === p.lead_partner_id })),
		goals: view.goals.map((g) => ({ id: g.id, text: localized(locale, g.text, g.text_es), strategy: g.strategy_title ? localized(locale, g.strategy_title, g.strategy_title_es) : null })),
		inside: view.inside && {
			milestones: view.inside.milestones.map((x) => ({ id: x.id, title: localized(locale, x.title, x.title_es), owner: x.owner_name, dueOn: x.due_on, state: milestoneState(x, today), canComplete: x.canComplete })),
			updates: view.inside.updates.map((u) => ({ id: u.id, author: u.author_name, body: u.body, at: u.created_at.slice(0, 16).replace('T', ' ') })),
			files: view.inside.files.map((f) => ({ id: f.id, filename: f.filename, size: Number(f.size), uploader: f.uploader, at: f.created_at.slice(0, 10) }))
		},
		manage: view.forManagers && {
			strategies: view.forManagers.strategies.map((s) => ({ value: s.id, label: localized(locale, s.title, s.title_es) })),
			otherPartners: view.forManagers.otherPartners.map((x) => ({ value: x.slug, label: x.name })),
			owners: view.partners.map((x) => ({ value: x.slug, label: x.name }))
		}
	};
};

type Event = RequestEvent<{ ecosystem: string; project: string }>;
const scope = async (event: Event) => ({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: (await ecosystemOf(event)).id, slug: event.params.project });

/** One form action: the values come back tagged with `which`, so the page shows each form's own problems. */
function formAction(which: string, run: (args: Awaited<ReturnType<typeof scope>>, input: Record<string, string | undefined>) => ReturnType<typeof addProjectGoal>) {
	return async (event: Event) => {
		const args = await scope(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () => run(args, values));
		if (!outcome.ok) return invalidForm(outcome.issues, { ...values, which });
		return { done: which };
	};
}

export const actions: Actions = {
	partner: formAction('partner', (args, input) => addProjectPartner({ ...args, input })),
	goal: formAction('goal', (args, input) => addProjectGoal({ ...args, input })),
	milestone: formAction('milestone', (args, input) => addProjectMilestone({ ...args, input })),
	update: formAction('update', (args, input) => postProjectUpdate({ ...args, input })),
	complete: async (event) => {
		const args = await scope(event);
		const values = formToObject(await event.request.formData());
		await guard(event, () => completeProjectMilestone({ ...args, milestoneId: values.milestone ?? '' }));
		return { done: 'complete' };
	},
	file: async (event) => {
		const args = await scope(event);
		// Refused before buffering a body larger than any acceptable file (plus the form around it).
		const form = await readLimitedForm(event.request, MAX_FILE_BYTES);
		if (!form) return fail(413, { issues: [{ field: 'file', message: 'The file is larger than 5 MB.' }], values: { which: 'file' } });
		const file = (await uploadedFile(form, 'file')) ?? { name: '', bytes: new Uint8Array() };
		const outcome = await guard(event, () => uploadProjectFile({ ...args, file }));
		if (!outcome.ok) return invalidForm(outcome.issues, { which: 'file' });
		return { done: 'file' };
	}
};

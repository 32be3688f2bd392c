import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import {
	createInitiative,
	getSiteEditor,
	saveConditionPractice,
	updateSiteContent
} from '#lib/server/ecosystems/ecosystems.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const editor = await guard(event, () =>
		getSiteEditor({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id })
	);
	const e = editor.ecosystem;
	const notice = ['added', 'updated', 'deleted'].find((key) => event.url.searchParams.has(key)) ?? null;
	return {
		site: {
			name: e.name,
			name_es: e.name_es,
			region: e.region,
			tagline: e.tagline,
			tagline_es: e.tagline_es,
			mission: e.mission,
			mission_es: e.mission_es,
			vision: e.vision,
			vision_es: e.vision_es,
			goal: e.goal,
			goal_es: e.goal_es,
			goal_year: e.goal_year,
			website: e.website,
			contact_email: e.contact_email
		},
		conditions: editor.conditions,
		initiatives: editor.initiatives.map((i) => ({ id: i.id, slug: i.slug, title: i.title, title_es: i.title_es, position: i.position })),
		notice: notice as 'added' | 'updated' | 'deleted' | null
	};
};

export const actions: Actions = {
	site: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			updateSiteContent({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { saved: 'site' };
	},

	/** One form per condition; its fields are named `<condition>__md` so ids stay unique on the page. */
	condition: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const condition = values.condition ?? '';
		const input = {
			condition,
			practice_md: values[`${condition}__md`],
			practice_md_es: values[`${condition}__md_es`]
		};
		const outcome = await guard(event, () =>
			saveConditionPractice({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input })
		);
		if (!outcome.ok) {
			const rename: Record<string, string> = { practice_md: `${condition}__md`, practice_md_es: `${condition}__md_es` };
			return invalidForm(
				outcome.issues.map((issue) => ({ ...issue, field: rename[issue.field] ?? issue.field })),
				values
			);
		}
		return { saved: 'condition', condition };
	},

	addInitiative: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			createInitiative({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/admin/site?added=1#initiatives`);
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getSchool, submitAssessment } from '#lib/server/schools/schools.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formToObject } from '#lib/server/validation.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const page = await guard(event, () =>
		getSchool({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.school })
	);
	const latest = page.assessments.at(-1);
	return {
		school: { slug: page.school.slug, name: page.school.name },
		domains: page.domains.map((d) => ({
			id: d.id,
			key: d.key,
			name: localized(locale, d.name, d.name_es),
			levels: d.levels.map((l) => localized(locale, l.label, l.label_es))
		})),
		growth: page.growth,
		latest: latest ? { year: latest.year, levels: latest.levels, plans: latest.plans } : null,
		offerings: page.offerings.map((o) => ({ id: o.id, slug: o.slug, title: localized(locale, o.title, o.title_es) })),
		help: page.help.map((h) => ({
			key: h.key,
			level: h.level,
			offerings: h.offerings.map((o) => ({ id: o.id, slug: o.slug, title: localized(locale, o.title, o.title_es) })),
			partners: h.partners.map((p) => ({ id: p.id, slug: p.slug, name: p.name }))
		})),
		team: page.team.map((t) => ({ userId: t.userId, name: t.name })),
		canManageTeam: page.canManageTeam,
		currentYear: new Date().getUTCFullYear(),
		saved: event.url.searchParams.get('saved')
	};
};

export const actions: Actions = {
	default: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values = formToObject(await event.request.formData());
		const outcome = await guard(event, () =>
			submitAssessment({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.school, input: values })
		);
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/schools/${event.params.school}?saved=${outcome.value.year}`);
	}
};

import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad, RequestEvent } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { addItem, closeRun, createRun, getInstrument, publishInstrument, recordAsMeasure, renewLinks } from '#lib/server/instruments/instruments.service.js';
import { ecosystemOf } from '#lib/server/http/ecosystem-scope.js';
import { guard, invalidForm } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { formatDate } from '#lib/server/format.js';
import { formToObject } from '#lib/server/validation.js';
import type { ShownChange } from '#lib/server/instruments/instruments.js';

/** A change as the page shows it: numbers already rounded, or why there are none. */
function view(cell: ShownChange | null) {
	if (!cell) return null;
	if (cell.state !== 'shown') return { state: cell.state };
	const c = cell.change;
	return { state: 'shown' as const, n: c.n, meanPre: c.meanPre, meanPost: c.meanPost, meanChange: c.meanChange, dz: c.dz };
}

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const page = await guard(event, () => getInstrument({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.instrument }));
	const i = page.instrument;
	return {
		instrument: { slug: i.slug, kind: i.kind, title: localized(locale, i.title, i.title_es), intro: localized(locale, i.intro, i.intro_es), published: !!i.published_at },
		items: page.items.map((item) => ({
			id: item.id,
			position: item.position,
			type: item.type,
			prompt: localized(locale, item.prompt, item.prompt_es),
			scale: item.scale ? localized(locale, item.scale, item.scale_es) : null,
			options: item.options.map((o) => localized(locale, o.label, o.label_es))
		})),
		canManage: page.canManage,
		canRun: page.counts !== null,
		threshold: page.threshold,
		counts: page.counts,
		runs: page.runs.map((r) => ({ id: r.id, name: r.name, closed: !!r.closed_at, createdAt: formatDate(r.created_at, locale), pre: Number(r.pre_count ?? 0), post: Number(r.post_count ?? 0) })),
		results: page.results.map((r) => ({ key: r.key, kind: r.kind, label: localized(locale, r.label, r.label_es), own: view(r.own), network: view(r.network) })),
		activities: page.activities.map((a) => ({ id: a.id, name: localized(locale, a.name, a.name_es) })),
		currentYear: new Date().getUTCFullYear(),
		measureSaved: event.url.searchParams.get('saved') === 'measure',
		choices: page.choices.map((c) => ({
			id: c.item.id,
			prompt: localized(locale, c.item.prompt, c.item.prompt_es),
			options: c.item.options.map((o, index) => ({ label: localized(locale, o.label, o.label_es), pre: c.pre.options[index]!, post: c.post.options[index]! })),
			preTotal: c.pre.total,
			postTotal: c.post.total
		}))
	};
};

const links = (event: RequestEvent, tokens: { pre: string; post: string }) => ({ pre: `${event.url.origin}/survey/${tokens.pre}`, post: `${event.url.origin}/survey/${tokens.post}` });

export const actions: Actions = {
	item: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values: Record<string, string | undefined> = { ...formToObject(await event.request.formData()), which: 'item' };
		const outcome = await guard(event, () => addItem({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.instrument, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		return { itemAdded: true };
	},
	measure: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values: Record<string, string | undefined> = { ...formToObject(await event.request.formData()), which: 'measure' };
		const outcome = await guard(event, () => recordAsMeasure({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.instrument, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		redirect(303, `/e/${ecosystem.slug}/instruments/${event.params.instrument}?saved=measure`);
	},
	publish: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const outcome = await guard(event, () => publishInstrument({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.instrument }));
		if (!outcome.ok) return invalidForm(outcome.issues, { which: 'item' });
		redirect(303, `/e/${ecosystem.slug}/instruments/${event.params.instrument}`);
	},
	run: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const values: Record<string, string | undefined> = { ...formToObject(await event.request.formData()), which: 'run' };
		const outcome = await guard(event, () => createRun({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.instrument, input: values }));
		if (!outcome.ok) return invalidForm(outcome.issues, values);
		// The link secrets are shown this once: only their hashes are kept.
		return { links: links(event, outcome.value.tokens), runId: outcome.value.runId };
	},
	links: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const runId = String((await event.request.formData()).get('run') ?? '');
		const renewed = await guard(event, () => renewLinks({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.instrument, runId }));
		return { links: links(event, renewed.tokens), runId: renewed.runId };
	},
	close: async (event) => {
		const ecosystem = await ecosystemOf(event);
		const runId = String((await event.request.formData()).get('run') ?? '');
		await guard(event, () => closeRun({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id, slug: event.params.instrument, runId }));
		redirect(303, `/e/${ecosystem.slug}/instruments/${event.params.instrument}`);
	}
};

import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { listMyAnnouncements } from '#lib/server/announcements/announcements.service.js';
import { localized } from '#lib/server/content.js';
import { renderMarkdown } from '#lib/server/markdown.js';
import { guard } from '#lib/server/http/route-helpers.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const locale = event.locals.locale;
	const list = await guard(event, () => listMyAnnouncements({ db: runtime().db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id }));
	return {
		announcements: list.map((a) => ({ id: a.id, title: localized(locale, a.title, a.title_es), html: renderMarkdown(localized(locale, a.body_md, a.body_md_es)), publishedAt: a.published_at }))
	};
};

import type { Actions, PageServerLoad } from './$types';
import { createIndicator } from '#lib/server/agenda/agenda.service.js';
import { newItemPage } from '../../new-item.server.js';

const page = newItemPage(createIndicator, (slug, created) => `/e/${slug}/admin/agenda/indicators/${created.slug}?added=1`);
export const load: PageServerLoad = page.load;
export const actions: Actions = page.actions;

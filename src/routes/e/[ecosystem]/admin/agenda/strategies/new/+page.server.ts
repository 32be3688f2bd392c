import type { Actions, PageServerLoad } from './$types';
import { createStrategy } from '#lib/server/agenda/agenda.service.js';
import { newItemPage } from '../../new-item.server.js';

const page = newItemPage(createStrategy, (slug) => `/e/${slug}/admin/agenda?added=strategy`);
export const load: PageServerLoad = page.load;
export const actions: Actions = page.actions;

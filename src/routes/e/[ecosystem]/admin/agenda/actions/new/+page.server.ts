import type { Actions, PageServerLoad } from './$types';
import { createAction } from '#lib/server/agenda/agenda.service.js';
import { newItemPage } from '../../new-item.server.js';

const page = newItemPage(createAction, (slug) => `/e/${slug}/admin/agenda?added=action`);
export const load: PageServerLoad = page.load;
export const actions: Actions = page.actions;

import type { Actions, PageServerLoad } from './$types';
import { createResult } from '#lib/server/agenda/agenda.service.js';
import { newItemPage } from '../../new-item.server.js';

const page = newItemPage(createResult, (slug) => `/e/${slug}/admin/agenda?added=result`);
export const load: PageServerLoad = page.load;
export const actions: Actions = page.actions;

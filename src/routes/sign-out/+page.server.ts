import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { callAuth } from '#lib/server/http/auth-proxy.js';

export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async (event) => {
		await callAuth(event, '/sign-out', {});
		redirect(303, '/');
	}
};

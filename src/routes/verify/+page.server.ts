import { redirect } from '@sveltejs/kit';
import type { PageServerLoad } from './$types';

/** The code form submits with GET; a typed code goes to its own verification address. */
export const load: PageServerLoad = async ({ url }) => {
	const code = url.searchParams.get('code')?.trim();
	if (code) redirect(303, `/verify/${encodeURIComponent(code.slice(0, 64))}`);
	return {};
};

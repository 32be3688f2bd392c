import type { LayoutServerLoad } from './$types';
import { config } from '#lib/server/config.js';

/**
 * Parity ships no client-side JavaScript by default: every page is complete server-rendered
 * HTML with plain forms. On an old phone with little data (JOURNEYS.md: Maria) that is faster,
 * and typed input can never be reset by hydration. A route that gains a real enhancement
 * (a map, a live filter) opts in with `export const csr = true`.
 */
export const csr = false;

export const load: LayoutServerLoad = async ({ locals, url }) => {
	const actor = locals.actor;
	const cfg = config();
	return {
		locale: locals.locale,
		path: url.pathname + url.search,
		demo: cfg.DEMO,
		user:
			actor.kind === 'user'
				? {
						name: actor.name,
						email: actor.email,
						isPlatformAdmin: actor.isPlatformAdmin,
						twoFactorEnabled: actor.twoFactorEnabled,
						twoFactorWaived: actor.twoFactorWaived
					}
				: null
	};
};

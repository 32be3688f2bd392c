import type { LayoutServerLoad } from './$types';
import { config } from '#lib/server/config.js';

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

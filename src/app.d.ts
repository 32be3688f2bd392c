import type { Actor } from '#lib/server/auth/roles.js';

declare global {
	namespace App {
		interface Locals {
			actor: Actor;
			locale: 'en' | 'es';
			/** Set on pages under /e/[ecosystem]: the ecosystem the request is scoped to. */
			sessionId: string | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};

import type { Actor } from '#lib/server/auth/roles.js';

declare global {
	namespace App {
		interface Locals {
			actor: Actor;
			locale: 'en' | 'es';
			/** better-auth's session id when signed in. */
			sessionId: string | null;
		}
		interface Error {
			message: string;
			code?: string;
		}
	}
}

export {};

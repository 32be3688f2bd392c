import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { readPlatformOutbox } from '#lib/server/audit/audit.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDateTime } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	const ctx = runtime();
	const messages = await guard(event, () => readPlatformOutbox({ db: ctx.db.kysely, actor: event.locals.actor }));
	return {
		delivers: ctx.mailer.delivers,
		messages: messages.map((message) => ({
			id: message.id,
			to: message.to,
			subject: message.subject,
			text: message.text,
			status: message.status,
			created: formatDateTime(message.createdAt, event.locals.locale),
			lastError: message.lastError
		}))
	};
};

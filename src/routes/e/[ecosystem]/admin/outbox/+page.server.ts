import type { PageServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { readOutbox, readOutboxCounts } from '#lib/server/audit/audit.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { formatDateTime } from '#lib/server/format.js';

export const load: PageServerLoad = async (event) => {
	const { ecosystem } = await event.parent();
	const ctx = runtime();
	const status = event.url.searchParams.get('status') || null;
	const args = { db: ctx.db.kysely, actor: event.locals.actor, ecosystemId: ecosystem.id };
	const [messages, counts] = await guard(event, () => Promise.all([readOutbox({ ...args, status }), readOutboxCounts(args)]));
	return {
		delivers: ctx.mailer.delivers,
		status: status && status in counts ? status : '',
		counts,
		messages: messages.map((message) => ({
			id: message.id,
			to: message.to,
			subject: message.subject,
			text: message.text,
			status: message.status,
			created: formatDateTime(message.createdAt, event.locals.locale),
			lastError: message.lastError,
			attempts: message.attempts,
			nextAttempt: message.status === 'queued' && message.nextAttemptAt ? formatDateTime(message.nextAttemptAt, event.locals.locale) : null
		}))
	};
};

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { listAuditEntries } from './audit.repository.js';
import { countOutbox, listOutbox, listPlatformOutbox, outboxStatuses, type OutboxStatus } from '../mail/mail.repository.js';

export async function readAuditLog({
	db,
	actor,
	ecosystemId,
	page = 1
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	page?: number;
}) {
	requireAccess(actor, 'ecosystem.audit.read', { ecosystemId });
	const pageSize = 100;
	return listAuditEntries(db, ecosystemId, { limit: pageSize, offset: (Math.max(1, page) - 1) * pageSize });
}

/** Backbone admins: the ecosystem's mail, optionally only one status (e.g. bounced), with counts per status. */
export async function readOutbox({ db, actor, ecosystemId, status }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; status?: string | null }) {
	requireAccess(actor, 'ecosystem.outbox.read', { ecosystemId });
	const only = outboxStatuses.find((s) => s === status) as OutboxStatus | undefined;
	return listOutbox(db, ecosystemId, { status: only });
}

/** Backbone admins: how many of the ecosystem's messages were sent, are waiting, failed or bounced. */
export async function readOutboxCounts({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.outbox.read', { ecosystemId });
	return countOutbox(db, ecosystemId);
}

/** Platform admin: account emails (no ecosystem) and the first-admin invitations platform admins sent. */
export async function readPlatformOutbox({ db, actor }: { db: Kysely<Database>; actor: Actor }) {
	requireAccess(actor, 'platform.ecosystems.manage');
	return listPlatformOutbox(db);
}

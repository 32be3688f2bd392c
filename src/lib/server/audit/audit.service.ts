import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { listAuditEntries } from './audit.repository.js';
import { listOutbox, listPlatformOutbox } from '../mail/mail.repository.js';

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

export async function readOutbox({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.outbox.read', { ecosystemId });
	return listOutbox(db, ecosystemId);
}

/** Platform admin: account emails (no ecosystem) and the first-admin invitations platform admins sent. */
export async function readPlatformOutbox({ db, actor }: { db: Kysely<Database>; actor: Actor }) {
	requireAccess(actor, 'platform.ecosystems.manage');
	return listPlatformOutbox(db);
}

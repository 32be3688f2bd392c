import type { Kysely } from 'kysely';

/**
 * A delivery lease on outbox messages. Claiming a message bumps its attempt count, but until it
 * is marked sent it is still 'queued': a second sender that read the bumped count could claim it
 * again and send it twice. The lease says "someone is sending this until …"; a sender that dies
 * mid-send leaves a lease that simply runs out, and the message is retried.
 */
export async function up(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('outbox').addColumn('claimed_until', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
	await db.schema.alterTable('outbox').dropColumn('claimed_until').execute();
}

import { z } from 'zod';
import { PostgresAdapter, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Actor } from './roles.js';
import { requireAccess } from './access.js';
import { recordAudit } from '../audit/audit.repository.js';
import { invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { log } from '../log.js';
import * as m from '../../paraglide/messages.js';

const resetSchema = z.object({
	email: z.email({ message: 'Enter the email address of the person whose two-factor sign-in to reset.' }).transform((e) => e.toLowerCase())
});

/**
 * A person who has lost both their authenticator and their backup codes (ASVS 5.0 V6.4.4): a
 * platform admin, who holds two-factor themselves and has confirmed the person's identity as at
 * invitation, removes the person's TOTP secret, backup codes and trusted devices and ends all
 * their sessions. Their password still stands; the next sign-in asks them to set two-factor up
 * again wherever their role needs it. Audited at platform level.
 */
export async function resetTwoFactorAsAdmin({
	db,
	actor,
	currentSessionId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	currentSessionId: string | null;
	input: unknown;
}): Promise<Outcome<{ email: string; sessionsEnded: number }>> {
	requireAccess(actor, 'platform.ecosystems.manage');
	const parsed = validate(resetSchema, input);
	if (!parsed.ok) return parsed;
	const { email } = parsed.value;
	return db.transaction().execute(async (trx) => {
		const person = await trx.selectFrom('user').select(['id', 'email', 'twoFactorEnabled']).where('email', '=', email).executeTakeFirst();
		if (!person) return invalid([{ field: 'email', message: m.security_more_admin_no_such_person({ email }) }]);
		const enrolled = await trx.selectFrom('twoFactor').select('id').where('userId', '=', person.id).executeTakeFirst();
		if (!enrolled && !person.twoFactorEnabled) return invalid([{ field: 'email', message: m.asvs_fix_two_factor_reset_not_enrolled({ email: person.email }) }]);
		await trx.deleteFrom('twoFactor').where('userId', '=', person.id).execute();
		await trx.updateTable('user').set({ twoFactorEnabled: trx.getExecutor().adapter instanceof PostgresAdapter ? false : 0 }).where('id', '=', person.id).execute();
		// Devices marked "trusted" would otherwise skip the second factor set up afterwards.
		await trx.deleteFrom('verification').where('identifier', 'like', 'trust-device-%').where('value', '=', person.id).execute();
		await trx.deleteFrom('totp_used_code').where('user_id', '=', person.id).execute();
		const ended = await trx.deleteFrom('session').where('userId', '=', person.id).where('id', '!=', currentSessionId ?? '').executeTakeFirst();
		const sessionsEnded = Number(ended.numDeletedRows);
		await recordAudit(trx, {
			actor,
			ecosystemId: null,
			action: 'two_factor.reset',
			entityType: 'user',
			entityId: person.id,
			summary: `Reset two-factor sign-in of ${person.email} and ended ${sessionsEnded} session(s)`
		});
		log('warn', 'two-factor reset by admin', { by: actor.kind === 'user' ? actor.userId : null, userId: person.id, sessionsEnded });
		return ok({ email: person.email, sessionsEnded });
	});
}

import { sql } from 'kysely';
import * as m from '../../paraglide/messages.js';
import type { AppContext } from '../context.js';
import { publicActor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { GRACE_DAYS, dueBefore } from './programs.js';

/**
 * The scheduled task behind "listings not verified for 12 months are flagged to their partner":
 * each partner whose running listings have gone a year without confirmation gets one email
 * (to its partner admins and members, or the partner's own address when it has no accounts),
 * listing them. Hiding after the grace period needs no task: every family-facing read compares
 * dates. Idempotent: a listing is noticed once per unconfirmed year (`stale_notified_at` is
 * claimed by a conditional update in the transaction that queues the mail, so two runs or two
 * processes cannot both send it); confirming the listing starts a new year.
 */
export async function sendStaleListingNotices({ ctx, origin, now = new Date(), ecosystemId }: { ctx: Pick<AppContext, 'mailer'> & { db: { kysely: AppContext['db']['kysely'] } }; origin: string; now?: Date; ecosystemId?: string }): Promise<{ partners: number; listings: number }> {
	const db = ctx.db.kysely;
	const due = await db
		.selectFrom('program')
		.innerJoin('partner', (j) => j.onRef('partner.id', '=', 'program.partner_id').onRef('partner.ecosystem_id', '=', 'program.ecosystem_id'))
		.innerJoin('ecosystem', 'ecosystem.id', 'program.ecosystem_id')
		.select([
			'program.id', 'program.name', 'program.ecosystem_id', 'program.partner_id', 'program.last_verified_at', 'program.created_at',
			'partner.name as partner_name', 'partner.slug as partner_slug', 'partner.email as partner_email', 'ecosystem.name as ecosystem_name', 'ecosystem.slug as ecosystem_slug'
		])
		.where('program.status', '=', 'active')
		.$if(ecosystemId !== undefined, (q) => q.where('program.ecosystem_id', '=', ecosystemId!))
		.where(sql<boolean>`coalesce(program.last_verified_at, program.created_at) < ${dueBefore(now)}`)
		.where((eb) => eb.or([eb('program.stale_notified_at', 'is', null), eb('program.stale_notified_at', '<', sql<string>`coalesce(program.last_verified_at, program.created_at)`)]))
		.orderBy('program.ecosystem_id')
		.orderBy('program.partner_id')
		.orderBy('program.name')
		.execute();
	const byPartner = new Map<string, typeof due>();
	for (const row of due) byPartner.set(row.partner_id, [...(byPartner.get(row.partner_id) ?? []), row]);

	const stamp = now.toISOString();
	let listings = 0;
	let partners = 0;
	for (const rows of byPartner.values()) {
		const first = rows[0]!;
		const queued = await db.transaction().execute(async (trx) => {
			const claimed: typeof rows = [];
			for (const row of rows) {
				const result = await trx
					.updateTable('program')
					.set({ stale_notified_at: stamp })
					.where('ecosystem_id', '=', row.ecosystem_id)
					.where('id', '=', row.id)
					.where((eb) => eb.or([eb('stale_notified_at', 'is', null), eb('stale_notified_at', '<', sql<string>`coalesce(last_verified_at, created_at)`)]))
					.executeTakeFirst();
				if (Number(result.numUpdatedRows) === 1) claimed.push(row);
			}
			if (claimed.length === 0) return [];
			const people = await trx
				.selectFrom('membership')
				.innerJoin('user', 'user.id', 'membership.user_id')
				.select(['user.email', 'user.locale'])
				.where('membership.ecosystem_id', '=', first.ecosystem_id)
				.where('membership.partner_id', '=', first.partner_id)
				.where('membership.role', 'in', ['partner_admin', 'partner_member'])
				.orderBy('user.email')
				.execute();
			const recipients = people.length ? people.map((p) => ({ email: p.email, locale: p.locale === 'es' ? ('es' as const) : ('en' as const) })) : first.partner_email ? [{ email: first.partner_email, locale: 'en' as const }] : [];
			const url = `${origin}/e/${first.ecosystem_slug}/partners/${first.partner_slug}/programs`;
			const ids: string[] = [];
			for (const to of recipients) {
				ids.push(
					await ctx.mailer.queue(trx, {
						ecosystemId: first.ecosystem_id,
						to: to.email,
						kind: 'program_stale_notice',
						subject: m.finder_stale_mail_subject({ ecosystem: first.ecosystem_name }, { locale: to.locale }),
						text: m.finder_stale_mail_body(
							{ partner: first.partner_name, listings: claimed.map((r) => `- ${r.name} (${(r.last_verified_at ?? r.created_at).slice(0, 10)})`).join('\n'), graceDays: GRACE_DAYS, url },
							{ locale: to.locale }
						)
					})
				);
			}
			await recordAudit(trx, {
				actor: publicActor,
				ecosystemId: first.ecosystem_id,
				action: 'program.stale_notice',
				entityType: 'partner',
				entityId: first.partner_id,
				summary: `Asked “${first.partner_name}” to confirm ${claimed.length} listing(s) not confirmed for a year (${recipients.length} recipient(s))`
			});
			listings += claimed.length;
			partners++;
			return ids;
		});
		await ctx.mailer.deliver(queued);
	}
	return { partners, listings };
}

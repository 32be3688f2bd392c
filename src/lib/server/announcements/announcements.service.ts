import type { Kysely } from 'kysely';
import * as m from '../../paraglide/messages.js';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../audit/audit.repository.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { findEcosystemById, listEcosystems, type EcosystemRow } from '../ecosystems/ecosystems.repository.js';
import { findGroupBySlug } from '../groups/groups.repository.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';
import { localized } from '../content.js';
import { validate } from '../validation.js';
import { nowIso } from '../util.js';
import * as repo from './announcements.repository.js';
import { DIGEST_MIN_GAP_MS, announcementSchema, digestIsDue, digestSection, modesWith, preferencesSchema, type Channel, type DigestItem, type Mode } from './announcements.js';

type Locale = 'en' | 'es';
const localeOf = (person: { locale: string | null }): Locale => (person.locale === 'es' ? 'es' : 'en');

export async function modesOf(db: Executor, ecosystemId: string, userId: string): Promise<Record<Channel, Mode>> {
	return modesWith(await repo.savedModes(db, ecosystemId, userId));
}

/**
 * Every email to a person about an ecosystem ends with how to change what they receive and a
 * one-click unsubscribe link, also given as List-Unsubscribe headers (RFC 2369 / RFC 8058).
 */
export async function personalMail(
	db: Executor,
	args: { ecosystem: EcosystemRow; person: repo.Person; origin: string; kind: string; subject: string; text: string }
): Promise<OutgoingMessage> {
	const { unsubscribe_token } = await repo.subscriber(db, args.ecosystem.id, args.person.id);
	const unsubscribe = `${args.origin}/unsubscribe/${unsubscribe_token}`;
	const locale = localeOf(args.person);
	const footer = m.ann_mail_footer(
		{ ecosystem: localized(locale, args.ecosystem.name, args.ecosystem.name_es), preferences: `${args.origin}/e/${args.ecosystem.slug}/notifications`, unsubscribe },
		{ locale }
	);
	return {
		ecosystemId: args.ecosystem.id,
		to: args.person.email,
		kind: args.kind,
		subject: args.subject,
		text: `${args.text}\n\n-- \n${footer}`,
		headers: { 'List-Unsubscribe': `<${unsubscribe}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' }
	};
}

async function ecosystemOrThrow(db: Executor, ecosystemId: string): Promise<EcosystemRow> {
	const ecosystem = await findEcosystemById(db, ecosystemId);
	if (!ecosystem) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	return ecosystem;
}

// ---- Publishing ------------------------------------------------------------------------------

/**
 * Backbone staff publish to the whole ecosystem, a sector or a group. People who chose
 * "immediately" get it by email now; "weekly digest" people get it in their next digest.
 */
export async function publishAnnouncement({
	ctx,
	actor,
	ecosystemId,
	input,
	origin
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	input: unknown;
	origin: string;
}): Promise<Outcome<{ id: string; emailed: number }>> {
	requireAccess(actor, 'ecosystem.announcements.publish', { ecosystemId });
	const parsed = validate(announcementSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const db = ctx.db.kysely;
	const outcome = await db.transaction().execute(async (trx) => {
		const ecosystem = await ecosystemOrThrow(trx, ecosystemId);
		const group = value.audience === 'group' ? await findGroupBySlug(trx, ecosystemId, value.group!) : undefined;
		if (value.audience === 'group' && !group) return invalid<{ id: string; mailIds: string[] }>([{ field: 'group', message: 'Choose a group of this ecosystem.' }]);
		const announcement = {
			title: value.title,
			title_es: value.title_es ?? null,
			body_md: value.body_md,
			body_md_es: value.body_md_es ?? null,
			audience: value.audience,
			sector: value.audience === 'sector' ? value.sector! : null,
			group_id: group?.id ?? null,
			author_user_id: actor.userId
		};
		const id = await repo.insertAnnouncement(trx, ecosystemId, announcement);
		const audience = await repo.audienceIds(trx, ecosystemId, announcement);
		const mailIds: string[] = [];
		for (const person of await repo.ecosystemPeople(trx, ecosystemId)) {
			if (!audience.has(person.id) || (await modesOf(trx, ecosystemId, person.id)).announcements !== 'immediate') continue;
			const locale = localeOf(person);
			const title = localized(locale, value.title, value.title_es);
			const body = localized(locale, value.body_md, value.body_md_es);
			const mail = await personalMail(trx, {
				ecosystem,
				person,
				origin,
				kind: 'announcement',
				subject: title,
				text: m.ann_mail_body({ title, body, url: `${origin}/e/${ecosystem.slug}/announcements` }, { locale })
			});
			mailIds.push(await ctx.mailer.queue(trx, mail));
		}
		await recordAudit(trx, { actor, ecosystemId, action: 'announcement.publish', entityType: 'announcement', entityId: id, summary: `Published the announcement “${value.title}” (${value.audience})` });
		return ok({ id, mailIds });
	});
	if (!outcome.ok) return outcome;
	await ctx.mailer.deliver(outcome.value.mailIds);
	return ok({ id: outcome.value.id, emailed: outcome.value.mailIds.length });
}

/** Announcements addressed to this member, newest first. */
export async function listMyAnnouncements({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const all = await repo.listAnnouncements(db, ecosystemId, { limit: 50 });
	const mine = [];
	for (const announcement of all) if ((await repo.audienceIds(db, ecosystemId, announcement)).has(actor.userId)) mine.push(announcement);
	return mine;
}

// ---- Preferences and unsubscribing -----------------------------------------------------------

export async function getPreferences({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	return modesOf(db, ecosystemId, actor.userId);
}

export async function savePreferences({ db, actor, ecosystemId, input }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; input: unknown }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const parsed = validate(preferencesSchema, input);
	if (!parsed.ok) return parsed;
	await db.transaction().execute(async (trx) => {
		for (const channel of ['announcements', 'groups'] as const) await repo.saveMode(trx, ecosystemId, actor.userId, channel, parsed.value[channel]);
		await recordAudit(trx, { actor, ecosystemId, action: 'notifications.preferences', entityType: 'user', entityId: actor.userId, summary: `Email: announcements ${parsed.value.announcements}, groups ${parsed.value.groups}` });
	});
	return ok(null);
}

/** What the unsubscribe page shows (no sign-in: the link in the email is the key). */
export async function getUnsubscribe({ db, token }: { db: Kysely<Database>; token: string }) {
	const found = await repo.findSubscriberByToken(db, token);
	if (!found) throw new DomainError('NOT_FOUND', 'This unsubscribe link is not valid.');
	const ecosystem = await ecosystemOrThrow(db, found.ecosystem_id);
	return { ecosystem, modes: await modesOf(db, found.ecosystem_id, found.user_id) };
}

/** One click: no more announcement, digest or group email from this ecosystem. */
export async function unsubscribeByToken({ db, token }: { db: Kysely<Database>; token: string }): Promise<void> {
	const found = await repo.findSubscriberByToken(db, token);
	if (!found) throw new DomainError('NOT_FOUND', 'This unsubscribe link is not valid.');
	await db.transaction().execute(async (trx) => {
		for (const channel of ['announcements', 'groups'] as const) await repo.saveMode(trx, found.ecosystem_id, found.user_id, channel, 'never');
		await recordAudit(trx, { actor: { kind: 'public' }, ecosystemId: found.ecosystem_id, action: 'notifications.unsubscribe', entityType: 'user', entityId: found.user_id, summary: 'Unsubscribed from all email by the link in an email' });
	});
}

// ---- The weekly digest -----------------------------------------------------------------------

const WEEK_MS = 7 * 86400_000;

/**
 * `npm run digest`: one email per person with what is new for them since their last digest (the
 * first covers a week), in their language. Each person's email is queued in the same transaction
 * that moves their watermark, and only if the watermark is still where this run read it, so a run
 * that stops half-way and is started again, or two runs at once, never send anyone two digests.
 * `limit` stops after that many people (for cron time budgets; the next run continues);
 * `ecosystemId` limits the run to one ecosystem.
 */
export async function runDigest({
	ctx,
	origin,
	now = nowIso(),
	limit = Infinity,
	ecosystemId,
	minGapMs = 0
}: {
	ctx: AppContext;
	origin: string;
	now?: string;
	limit?: number;
	ecosystemId?: string;
	/** Skip people whose last digest is more recent than this (the scheduled job's weekly rhythm). */
	minGapMs?: number;
}): Promise<{ sent: number }> {
	const db = ctx.db.kysely;
	let processed = 0;
	const mailIds: string[] = [];
	for (const ecosystem of (await listEcosystems(db)).filter((e) => !ecosystemId || e.id === ecosystemId)) {
		for (const person of await repo.ecosystemPeople(db, ecosystem.id)) {
			if (processed >= limit) break;
			const modes = await modesOf(db, ecosystem.id, person.id);
			if (modes.announcements !== 'digest' && modes.groups !== 'digest') continue;
			const { digest_through } = await repo.subscriber(db, ecosystem.id, person.id);
			const since = digest_through ?? new Date(Date.parse(now) - WEEK_MS).toISOString();
			if (since >= now) continue;
			if (digest_through && Date.parse(now) - Date.parse(digest_through) < minGapMs) continue;
			processed++;
			const mailId = await db.transaction().execute(async (trx) => {
				const text = await digestText(trx, { ecosystem, person, modes, since, now, origin });
				if (!(await repo.advanceDigest(trx, ecosystem.id, person.id, digest_through, now)) || text === null) return null;
				const locale = localeOf(person);
				const name = localized(locale, ecosystem.name, ecosystem.name_es);
				return ctx.mailer.queue(trx, await personalMail(trx, { ecosystem, person, origin, kind: 'digest', subject: m.ann_digest_subject({ ecosystem: name }, { locale }), text }));
			});
			if (mailId) mailIds.push(mailId);
		}
	}
	await ctx.mailer.deliver(mailIds);
	return { sent: mailIds.length };
}

/**
 * The scheduled job's run for one ecosystem (hourly, through the job queue): on Monday mornings in
 * the ecosystem's time zone it sends the weekly digest to everyone whose last digest is at least
 * six days old; at any other hour it does nothing.
 */
export async function sendScheduledDigest({ ctx, origin, ecosystemId, now = new Date() }: { ctx: AppContext; origin: string; ecosystemId?: string; now?: Date }): Promise<{ due: number; sent: number }> {
	const ecosystems = ecosystemId ? [await findEcosystemById(ctx.db.kysely, ecosystemId)] : await listEcosystems(ctx.db.kysely);
	let due = 0;
	let sent = 0;
	for (const ecosystem of ecosystems) {
		if (!ecosystem || !digestIsDue(now, ecosystem.time_zone)) continue;
		due += 1;
		sent += (await runDigest({ ctx, origin, ecosystemId: ecosystem.id, now: now.toISOString(), minGapMs: DIGEST_MIN_GAP_MS })).sent;
	}
	return { due, sent };
}

/** The digest's text, or null when nothing is new (no email then). */
async function digestText(
	db: Executor,
	args: { ecosystem: EcosystemRow; person: repo.Person; modes: Record<Channel, Mode>; since: string; now: string; origin: string }
): Promise<string | null> {
	const { ecosystem, person, modes, since, now, origin } = args;
	const locale = localeOf(person);
	const base = `${origin}/e/${ecosystem.slug}`;
	const announcements: DigestItem[] = [];
	if (modes.announcements === 'digest') {
		for (const a of (await repo.listAnnouncements(db, ecosystem.id, { after: since, upTo: now })).reverse()) {
			if (!(await repo.audienceIds(db, ecosystem.id, a)).has(person.id)) continue;
			announcements.push({ title: localized(locale, a.title, a.title_es), text: localized(locale, a.body_md, a.body_md_es), url: `${base}/announcements` });
		}
	}
	const threads: DigestItem[] =
		modes.groups === 'digest'
			? (await repo.newThreadsFor(db, ecosystem.id, person.id, since, now)).map((t) => ({
					title: `${t.title} (${localized(locale, t.group_name, t.group_name_es)})`,
					text: t.body ?? '',
					url: `${base}/groups/${t.group_slug}/threads/${t.id}`
				}))
			: [];
	if (announcements.length === 0 && threads.length === 0) return null;
	const name = localized(locale, ecosystem.name, ecosystem.name_es);
	const sinceText = new Intl.DateTimeFormat(locale === 'es' ? 'es-US' : 'en-US', { dateStyle: 'long', timeZone: ecosystem.time_zone }).format(new Date(since));
	return [
		m.ann_digest_intro({ name: person.name, ecosystem: name, since: sinceText }, { locale }),
		digestSection(m.ann_digest_announcements({}, { locale }), announcements),
		digestSection(m.ann_digest_groups({}, { locale }), threads)
	]
		.filter(Boolean)
		.join('\n\n');
}

/** Backbone staff: recent announcements and the groups one can be addressed to. */
export async function prepareAnnouncements({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.announcements.publish', { ecosystemId });
	const [announcements, groups] = await Promise.all([
		repo.listAnnouncements(db, ecosystemId, { limit: 50 }),
		db.selectFrom('work_group').select(['slug', 'name']).where('ecosystem_id', '=', ecosystemId).orderBy('name').execute()
	]);
	return { announcements, groups };
}

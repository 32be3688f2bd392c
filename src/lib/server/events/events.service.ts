import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import type { Executor } from '../audit/audit.repository.js';
import { requireAccess } from '../auth/access.js';
import { decide, membershipIn, type Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';
import { findEcosystemById, listEcosystems } from '../ecosystems/ecosystems.repository.js';
import { findGroupBySlug, groupIdsOf, listGroups } from '../groups/groups.repository.js';
import { toCsv } from '../dashboard/dashboard-view.js';
import { validate } from '../validation.js';
import { nowIso, randomToken, sha256, slugify } from '../util.js';
import * as repo from './events.repository.js';
import type { EventRow, RegistrationRow } from './events.repository.js';
import { isMonth, shiftMonth } from './events-month.js';
import { proposalDecisionMail, registrationMail, type EventMailKind } from './events-mail.js';
import * as m from '../../paraglide/messages.js';
import {
	addMinutes,
	canSeeEvent,
	changesThatMatter,
	type EventViewer,
	eventSchema,
	minutesBetween,
	occurrenceStarts,
	parseQuestions,
	questionsToText,
	registrationSchema,
	seatsLeft,
	statusNoteSchema,
	utcToZoned,
	zonedToUtc,
	type RegistrationQuestion,
	type RegistrationStatus
} from './events.js';

type Locale = 'en' | 'es';

export function questionsOf(event: Pick<EventRow, 'questions_json'>): RegistrationQuestion[] {
	return JSON.parse(event.questions_json) as RegistrationQuestion[];
}

/** What anyone may see of an event: never the online link, which only seat holders get. */
export type PublicEvent = Omit<EventRow, 'online_url'> & { seatsLeft: number | null; questions: RegistrationQuestion[] };

function toPublic(event: EventRow): PublicEvent {
	const { online_url: _hidden, ...rest } = event;
	return { ...rest, seatsLeft: seatsLeft(event), questions: questionsOf(event) };
}

/** The private link a registrant gets by email: the token is never stored, only its hash. */
export function registrationUrl(origin: string, ecosystemSlug: string, token: string): string {
	return `${origin}/e/${ecosystemSlug}/events/registration/${token}`;
}

async function ecosystemOrThrow(db: Executor, ecosystemId: string) {
	const ecosystem = await findEcosystemById(db, ecosystemId);
	if (!ecosystem) throw new DomainError('ECOSYSTEM_NOT_FOUND');
	return ecosystem;
}

// ---- Creating and approving ------------------------------------------------------------------

const NO_SUCH_GROUP = 'There is no working group with that name in this ecosystem.';

/** A group's slug from the form to its id: null for none, undefined when there is no such group. */
async function resolveGroup(db: Executor, ecosystemId: string, slug: string | undefined): Promise<string | null | undefined> {
	if (!slug) return null;
	return (await findGroupBySlug(db, ecosystemId, slug))?.id;
}

/**
 * Backbone staff publish events directly; a partner admin's event is a proposal that waits for
 * backbone approval (status 'pending') and is linked to their partner. A repeating event becomes
 * one event per date, joined by a series, so people register for each date separately.
 */
export async function createEvent({
	db,
	actor,
	ecosystemId,
	input
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	input: unknown;
}): Promise<Outcome<{ id: string; slug: string; status: 'pending' | 'published'; dates: number }>> {
	requireAccess(actor, 'ecosystem.events.propose', { ecosystemId });
	const parsed = validate(eventSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const publishes = decide(actor, 'ecosystem.events.manage', { ecosystemId }) === 'allow';
	const status: 'pending' | 'published' = publishes ? 'published' : 'pending';
	const attempt = () =>
		db.transaction().execute(async (trx) => {
			const ecosystem = await ecosystemOrThrow(trx, ecosystemId);
			const groupId = await resolveGroup(trx, ecosystemId, value.group);
			if (groupId === undefined) return invalid<{ id: string; slug: string; status: 'pending' | 'published'; dates: number }>([{ field: 'group', message: NO_SUCH_GROUP }]);
			const length = minutesBetween(value.starts_local, value.ends_local);
			const starts = occurrenceStarts(value.starts_local, value.repeat, value.occurrences ?? 1);
			const seriesId = starts.length > 1 ? await repo.insertSeries(trx, ecosystemId, { repeat: value.repeat, occurrences: starts.length }) : null;
			const created: { id: string; slug: string }[] = [];
			for (const startLocal of starts) {
				const startsAt = zonedToUtc(startLocal, ecosystem.time_zone);
				const base = `${slugify(value.title) || 'event'}-${startLocal.slice(0, 10)}`;
				let slug = base;
				for (let n = 2; await repo.eventSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
				const id = await repo.insertEvent(trx, ecosystemId, {
					slug,
					title: value.title,
					title_es: value.title_es ?? null,
					description_md: value.description_md,
					description_md_es: value.description_md_es ?? null,
					audience: value.audience,
					audience_es: value.audience_es ?? null,
					format: value.format,
					location: value.format === 'online' ? null : (value.location ?? null),
					online_url: value.format === 'in_person' ? null : (value.online_url ?? null),
					starts_at: startsAt,
					ends_at: zonedToUtc(addMinutes(startLocal, length), ecosystem.time_zone),
					time_zone: ecosystem.time_zone,
					capacity: value.capacity ?? null,
					questions_json: JSON.stringify(parseQuestions(value.questions, value.questions_es)),
					reminder_hours: value.reminder_hours,
					status,
					proposed_by_partner_id: publishes ? null : (membershipIn(actor, ecosystemId)?.partnerId ?? null),
					created_by_user_id: actor.userId,
					series_id: seriesId,
					is_demo: 0,
					visibility: value.visibility,
					group_id: groupId
				});
				created.push({ id, slug });
			}
			await recordAudit(trx, {
				actor,
				ecosystemId,
				action: publishes ? 'event.create' : 'event.propose',
				entityType: 'event',
				entityId: created[0]!.id,
				summary: `${publishes ? 'Published' : 'Proposed'} the event “${value.title}”${created.length > 1 ? ` (${created.length} dates, ${value.repeat})` : ''}`
			});
			return ok({ id: created[0]!.id, slug: created[0]!.slug, status, dates: created.length });
		});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'title', message: ADDRESS_JUST_TAKEN }]));
}

/**
 * Backbone staff approve or decline a partner's proposed event, optionally with a comment
 * (required to decline: the partner must learn why). The partner's admins are emailed the
 * decision and see it, with the comment, on their proposals page.
 */
export async function decideProposedEvent({
	ctx,
	actor,
	ecosystemId,
	slug,
	decision,
	comment,
	origin
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	decision: 'approve' | 'decline';
	comment?: string;
	origin: string;
}): Promise<Outcome<{ notified: number }>> {
	requireAccess(actor, 'ecosystem.events.manage', { ecosystemId });
	const note = (comment ?? '').trim();
	if (decision === 'decline') {
		const parsed = validate(statusNoteSchema, { reason: note });
		if (!parsed.ok) return parsed;
	} else if (note.length > 1000) {
		return invalid([{ field: 'reason', message: 'The comment can have at most 1000 characters.' }]);
	}
	const db = ctx.db.kysely;
	const mailIds = await db.transaction().execute(async (trx) => {
		const event = await repo.findEventBySlug(trx, ecosystemId, slug);
		if (!event) throw new DomainError('EVENT_NOT_FOUND');
		// A proposed series is decided as a whole.
		const all = event.series_id ? await repo.listSeriesEvents(trx, ecosystemId, event.series_id) : [event];
		if (!all.some((e) => e.id === event.id)) all.unshift(event);
		let moved = 0;
		for (const one of all) {
			const done =
				decision === 'approve'
					? (await repo.changeEventStatus(trx, ecosystemId, one.id, 'pending', 'published')) && (await repo.setStatusNote(trx, ecosystemId, one.id, note || null), true)
					: await repo.closeEvent(trx, ecosystemId, one.id, 'pending', note);
			if (done) moved++;
			else if (one.id === event.id) throw new DomainError('EVENT_NOT_PENDING');
		}
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: decision === 'approve' ? 'event.approve' : 'event.decline',
			entityType: 'event',
			entityId: event.id,
			summary: `${decision === 'approve' ? 'Approved' : 'Declined'} the proposed event “${event.title}”${moved > 1 ? ` (${moved} dates)` : ''}`
		});
		if (!event.proposed_by_partner_id) return [];
		const ecosystem = await ecosystemOrThrow(trx, ecosystemId);
		const ids: string[] = [];
		for (const person of await repo.listPartnerAdmins(trx, ecosystemId, event.proposed_by_partner_id)) {
			const locale = person.locale === 'es' ? 'es' : 'en';
			ids.push(
				await ctx.mailer.queue(
					trx,
					proposalDecisionMail({
						decision,
						event,
						ecosystem: { id: ecosystem.id, name: locale === 'es' && ecosystem.name_es ? ecosystem.name_es : ecosystem.name },
						to: { name: person.name, email: person.email, locale },
						note,
						url: `${origin}/e/${ecosystem.slug}/events/proposals`
					})
				)
			);
		}
		return ids;
	});
	await ctx.mailer.deliver(mailIds);
	return ok({ notified: mailIds.length });
}

/**
 * A partner's own proposals (any of its people with the right to propose): waiting, approved or
 * declined, with the backbone's comment. People without a partner see none.
 */
export async function listPartnerProposals({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.events.propose', { ecosystemId });
	const partnerId = membershipIn(actor, ecosystemId)?.partnerId;
	if (!partnerId) return [];
	return (await repo.listPartnerProposals(db, ecosystemId, partnerId)).map(toPublic);
}

// ---- Editing and cancelling ------------------------------------------------------------------

/** Staff: the values the edit form starts from (times in the ecosystem's zone). */
export async function getEventForEdit({ db, actor, ecosystemId, slug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string }) {
	requireAccess(actor, 'ecosystem.events.manage', { ecosystemId });
	const event = await repo.findEventBySlug(db, ecosystemId, slug);
	if (!event) throw new DomainError('EVENT_NOT_FOUND');
	const groups = await listGroups(db, ecosystemId);
	return {
		event,
		values: {
			title: event.title,
			title_es: event.title_es ?? '',
			description_md: event.description_md,
			description_md_es: event.description_md_es ?? '',
			audience: event.audience,
			audience_es: event.audience_es ?? '',
			format: event.format,
			location: event.location ?? '',
			online_url: event.online_url ?? '',
			starts_local: utcToZoned(event.starts_at, event.time_zone),
			ends_local: utcToZoned(event.ends_at, event.time_zone),
			capacity: event.capacity === null ? '' : String(event.capacity),
			reminder_hours: String(event.reminder_hours),
			...questionsToText(questionsOf(event)),
			visibility: event.visibility,
			group: groups.find((g) => g.id === event.group_id)?.slug ?? ''
		},
		groups: groups.map((g) => ({ slug: g.slug, name: g.name }))
	};
}

/**
 * Staff edit one date of an event. When the time or the place changes, everyone still registered
 * (seat holders and the waiting list) is emailed what changed, with a fresh private link, and the
 * calendar SEQUENCE goes up so subscribed calendars replace their copy. More seats promote people
 * from the waiting list; fewer seats than already taken is refused.
 */
export async function updateEvent({
	ctx,
	actor,
	ecosystemId,
	slug,
	input,
	origin
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	input: unknown;
	origin: string;
}): Promise<Outcome<{ notified: number; promoted: number; changed: { time: boolean; place: boolean } }>> {
	requireAccess(actor, 'ecosystem.events.manage', { ecosystemId });
	const parsed = validate(eventSchema, { ...(input as Record<string, unknown>), repeat: 'none', occurrences: undefined });
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const db = ctx.db.kysely;
	type Result = { notified: number; promoted: number; changed: { time: boolean; place: boolean }; mailIds: string[] };
	const outcome = await db.transaction().execute(async (trx): Promise<Outcome<Result>> => {
		const found = await repo.findEventBySlug(trx, ecosystemId, slug);
		if (!found) throw new DomainError('EVENT_NOT_FOUND');
		await repo.lockEvent(trx, ecosystemId, found.id);
		const before = (await repo.findEventById(trx, ecosystemId, found.id))!;
		if (before.status === 'cancelled') throw new DomainError('EVENT_CANCELLED');
		const groupId = await resolveGroup(trx, ecosystemId, value.group);
		if (groupId === undefined) return invalid([{ field: 'group', message: NO_SUCH_GROUP }]);
		if (value.capacity !== undefined && value.capacity < before.seats_taken) {
			return invalid([{ field: 'capacity', message: `${before.seats_taken} people already hold a seat: the capacity cannot be lower. Cancel registrations first, or keep at least ${before.seats_taken}.` }]);
		}
		const after = {
			title: value.title,
			title_es: value.title_es ?? null,
			description_md: value.description_md,
			description_md_es: value.description_md_es ?? null,
			audience: value.audience,
			audience_es: value.audience_es ?? null,
			format: value.format,
			location: value.format === 'online' ? null : (value.location ?? null),
			online_url: value.format === 'in_person' ? null : (value.online_url ?? null),
			starts_at: zonedToUtc(value.starts_local, before.time_zone),
			ends_at: zonedToUtc(value.ends_local, before.time_zone),
			capacity: value.capacity ?? null,
			questions_json: JSON.stringify(parseQuestions(value.questions, value.questions_es)),
			reminder_hours: value.reminder_hours,
			visibility: value.visibility,
			group_id: groupId
		};
		const changed = changesThatMatter(before, after);
		await repo.updateEventRow(trx, ecosystemId, before.id, after, changed.time || changed.place);
		// A new time means a new reminder.
		if (changed.time) await repo.resetReminders(trx, ecosystemId, before.id);
		const mailIds: string[] = [];
		let notified = 0;
		if ((changed.time || changed.place) && before.status === 'published') {
			for (const registration of await repo.listRegistrations(trx, ecosystemId, before.id, ['confirmed', 'waitlisted'])) {
				const token = randomToken();
				await repo.setTokenHash(trx, ecosystemId, registration.id, sha256(token));
				const locale = registration.locale === 'es' ? 'es' : 'en';
				const note = [changed.time ? m.events_mail_changed_time({}, { locale }) : '', changed.place ? m.events_mail_changed_place({}, { locale }) : ''].filter(Boolean).join(' ');
				mailIds.push(await queueMail(ctx, trx, { kind: 'changed', eventId: before.id, ecosystemId, registration, origin, token, note }));
				notified++;
			}
		}
		const promotedIds = before.status === 'published' ? await promoteFromWaitlist(ctx, trx, ecosystemId, before.id, origin) : [];
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'event.update',
			entityType: 'event',
			entityId: before.id,
			summary: `Edited “${value.title}”${changed.time ? ' (new time)' : ''}${changed.place ? ' (new place)' : ''}; ${notified} registrants emailed, ${promotedIds.length} promoted`
		});
		return ok({ notified, promoted: promotedIds.length, changed, mailIds: [...mailIds, ...promotedIds] });
	});
	if (!outcome.ok) return outcome;
	await ctx.mailer.deliver(outcome.value.mailIds);
	const { mailIds: _sent, ...rest } = outcome.value;
	return ok(rest);
}

/**
 * Staff cancel a published event with a reason. Everyone still registered is emailed the reason;
 * the event's page, `.ics` file and the feed then say it is cancelled (STATUS:CANCELLED with a
 * higher SEQUENCE), so subscribed calendars drop it. Registrations are kept for the record.
 */
export async function cancelEvent({
	ctx,
	actor,
	ecosystemId,
	slug,
	input,
	origin
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	input: unknown;
	origin: string;
}): Promise<Outcome<{ notified: number }>> {
	requireAccess(actor, 'ecosystem.events.manage', { ecosystemId });
	const parsed = validate(statusNoteSchema, input);
	if (!parsed.ok) return parsed;
	const db = ctx.db.kysely;
	const mailIds = await db.transaction().execute(async (trx) => {
		const event = await repo.findEventBySlug(trx, ecosystemId, slug);
		if (!event) throw new DomainError('EVENT_NOT_FOUND');
		await repo.lockEvent(trx, ecosystemId, event.id);
		if (!(await repo.closeEvent(trx, ecosystemId, event.id, 'published', parsed.value.reason))) throw new DomainError('EVENT_CANCELLED');
		const ids: string[] = [];
		for (const registration of await repo.listRegistrations(trx, ecosystemId, event.id, ['confirmed', 'waitlisted'])) {
			// The private link still shows the registration (and that the event is cancelled).
			const token = randomToken();
			await repo.setTokenHash(trx, ecosystemId, registration.id, sha256(token));
			ids.push(await queueMail(ctx, trx, { kind: 'cancelled', eventId: event.id, ecosystemId, registration, origin, token, note: parsed.value.reason }));
		}
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'event.cancel',
			entityType: 'event',
			entityId: event.id,
			summary: `Cancelled “${event.title}”; ${ids.length} registrants emailed`
		});
		return ids;
	});
	await ctx.mailer.deliver(mailIds);
	return ok({ notified: mailIds.length });
}

// ---- Reading ---------------------------------------------------------------------------------

/**
 * Published events that have not ended, soonest first, that this person may see: the public
 * list and calendar. Members-only events need a role in the ecosystem, a group's meetings
 * marked for its members need a place in the group (backbone staff see all).
 */
export async function listUpcomingEvents({ db, ecosystemId, actor, now = nowIso() }: { db: Kysely<Database>; ecosystemId: string; actor?: Actor; now?: string }) {
	const viewer = await viewerOf(db, ecosystemId, actor);
	return (await repo.listEvents(db, ecosystemId, { statuses: ['published'], endingAfter: now })).filter((e) => canSeeEvent(e, viewer)).map(toPublic);
}

/**
 * A working group's upcoming meetings (events linked to it) that this person may see, for the
 * group page. The caller has already checked that the person may see the group.
 */
export async function listGroupMeetings({ db, ecosystemId, groupId, actor, now = nowIso() }: { db: Kysely<Database>; ecosystemId: string; groupId: string; actor?: Actor; now?: string }) {
	const viewer = await viewerOf(db, ecosystemId, actor);
	return (await repo.listEvents(db, ecosystemId, { statuses: ['published'], endingAfter: now, groupId })).filter((e) => canSeeEvent(e, viewer)).map(toPublic);
}

/**
 * The month view of the calendar: published events starting in `month` ('YYYY-MM', in the
 * ecosystem's time zone; default the current month) that this person may see, past ones too.
 */
export async function listEventsInMonth({ db, ecosystemId, actor, month }: { db: Kysely<Database>; ecosystemId: string; actor?: Actor; month?: string | null }) {
	const ecosystem = await ecosystemOrThrow(db, ecosystemId);
	const chosen = month ?? utcToZoned(nowIso(), ecosystem.time_zone).slice(0, 7);
	if (!isMonth(chosen)) throw new DomainError('MONTH_INVALID');
	const viewer = await viewerOf(db, ecosystemId, actor);
	const events = await repo.listEvents(db, ecosystemId, {
		statuses: ['published'],
		startingFrom: zonedToUtc(`${chosen}-01T00:00`, ecosystem.time_zone),
		startingBefore: zonedToUtc(`${shiftMonth(chosen, 1)}-01T00:00`, ecosystem.time_zone)
	});
	return { month: chosen, timeZone: ecosystem.time_zone, events: events.filter((e) => canSeeEvent(e, viewer)).map(toPublic) };
}

/**
 * The subscribable feed: public events that have not ended, and those cancelled after being
 * published (written as STATUS:CANCELLED so subscribers' calendars drop them).
 */
export async function listFeedEvents({ db, ecosystemId, now = nowIso() }: { db: Kysely<Database>; ecosystemId: string; now?: string }) {
	return (await repo.listEvents(db, ecosystemId, { statuses: ['published', 'cancelled'], endingAfter: now }))
		.filter((e) => e.visibility === 'public' && (e.status === 'published' || e.approved_at !== null))
		.map(toPublic);
}

async function viewerOf(db: Executor, ecosystemId: string, actor: Actor | undefined): Promise<EventViewer> {
	if (!actor || actor.kind !== 'user') return { member: false, staff: false, groupIds: new Set() };
	return {
		member: !!membershipIn(actor, ecosystemId),
		staff: decide(actor, 'ecosystem.events.manage', { ecosystemId }) === 'allow',
		groupIds: await groupIdsOf(db, ecosystemId, actor.userId)
	};
}

/**
 * One event for its page and `.ics` file. Pending proposals and declined ones do not exist
 * publicly; an event cancelled after publication still answers (showing it is cancelled) when
 * `includeCancelled`. An event this person may not see: sign in first, or "not found".
 */
export async function getPublicEvent({
	db,
	ecosystemId,
	slug,
	actor,
	includeCancelled = false
}: {
	db: Kysely<Database>;
	ecosystemId: string;
	slug: string;
	actor?: Actor;
	includeCancelled?: boolean;
}): Promise<PublicEvent> {
	const event = await repo.findEventBySlug(db, ecosystemId, slug);
	if (!event) throw new DomainError('EVENT_NOT_FOUND');
	const shown = event.status === 'published' || (includeCancelled && event.status === 'cancelled' && event.approved_at !== null);
	if (!shown) throw new DomainError('EVENT_NOT_FOUND');
	if (!canSeeEvent(event, await viewerOf(db, ecosystemId, actor))) {
		throw new DomainError(!actor || actor.kind !== 'user' ? 'UNAUTHENTICATED' : 'EVENT_NOT_FOUND');
	}
	return toPublic(event);
}

/** The other upcoming dates of the event's series (empty for a one-off event). */
export async function listOtherDates({ db, ecosystemId, event, now = nowIso() }: { db: Kysely<Database>; ecosystemId: string; event: PublicEvent; now?: string }) {
	if (!event.series_id) return [];
	return (await repo.listSeriesEvents(db, ecosystemId, event.series_id)).filter((e) => e.id !== event.id && e.status === 'published' && e.ends_at > now).map(toPublic);
}

/** Staff: every event with its registration counts, pending proposals included. */
export async function listEventsForStaff({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.events.manage', { ecosystemId });
	const events = await repo.listEvents(db, ecosystemId, { statuses: ['pending', 'published', 'cancelled'] });
	return Promise.all(
		events.map(async (event) => ({ ...toPublic(event), counts: await repo.countRegistrations(db, ecosystemId, event.id), checkedIn: await repo.countCheckedIn(db, ecosystemId, event.id) }))
	);
}

// ---- Registering and cancelling --------------------------------------------------------------

export const ALREADY_REGISTERED = 'This email address is already registered for this event. Use the private link in your email to see or cancel that registration.';

/**
 * Anyone may register for a published event that has not ended. A seat is taken in the same
 * transaction as the registration (see repo.takeSeat), so capacity holds however many people
 * register at once; when the event is full the person joins the waiting list. The email with
 * the private link is written to the outbox in that transaction and sent after it commits.
 */
export async function registerForEvent({
	ctx,
	actor,
	ecosystemId,
	slug,
	input,
	locale,
	origin
}: {
	ctx: AppContext;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	input: unknown;
	locale: Locale;
	origin: string;
}): Promise<Outcome<{ id: string; status: RegistrationStatus; token: string }>> {
	const db = ctx.db.kysely;
	const event = await getPublicEvent({ db, ecosystemId, slug, actor });
	if (event.ends_at <= nowIso()) return invalid([{ field: 'form', message: 'This event has already taken place.' }]);
	const parsed = validate(registrationSchema(event.questions), input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const token = randomToken();
	const outcome = await db.transaction().execute(async (trx) => {
		const position = await repo.takePlaceInLine(trx, ecosystemId, event.id);
		if (position === undefined) throw new DomainError('EVENT_NOT_FOUND');
		if (await repo.findLiveRegistration(trx, ecosystemId, event.id, value.email)) {
			return invalid<{ id: string; status: RegistrationStatus; token: string; mailId: string }>([{ field: 'email', message: ALREADY_REGISTERED }]);
		}
		const status: RegistrationStatus = (await repo.takeSeat(trx, ecosystemId, event.id)) ? 'confirmed' : 'waitlisted';
		const id = await repo.insertRegistration(trx, ecosystemId, {
			event_id: event.id,
			user_id: actor.kind === 'user' ? actor.userId : null,
			name: value.name,
			email: value.email,
			locale,
			status,
			position,
			answers_json: JSON.stringify(value.answers),
			accessibility_request: value.accessibility_request ?? null,
			language_request: value.language_request ?? null,
			token_hash: sha256(token)
		});
		const mailId = await queueMail(ctx, trx, { kind: status, eventId: event.id, ecosystemId, registration: { ...value, locale }, origin, token });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'event.register',
			entityType: 'event_registration',
			entityId: id,
			summary: `Registration (${status}) for “${event.title}”`
		});
		return ok({ id, status, token, mailId });
	});
	if (!outcome.ok) return outcome;
	await ctx.mailer.deliver([outcome.value.mailId]);
	const { mailId: _sent, ...value_ } = outcome.value;
	return ok(value_);
}

async function queueMail(
	ctx: AppContext,
	trx: Executor,
	args: { kind: EventMailKind; eventId: string; ecosystemId: string; registration: { name: string; email: string; locale: string; status?: string }; origin: string; token: string; note?: string }
): Promise<string> {
	const ecosystem = await ecosystemOrThrow(trx, args.ecosystemId);
	const event = await repo.findEventById(trx, args.ecosystemId, args.eventId);
	if (!event) throw new DomainError('EVENT_NOT_FOUND');
	return ctx.mailer.queue(
		trx,
		registrationMail({
			kind: args.kind,
			event,
			ecosystem: { id: ecosystem.id, name: args.registration.locale === 'es' && ecosystem.name_es ? ecosystem.name_es : ecosystem.name },
			registration: args.registration,
			url: registrationUrl(args.origin, ecosystem.slug, args.token),
			note: args.note
		})
	);
}

/**
 * Fills free seats from the waiting list in sign-up order. Each promoted person gets a new
 * private link (only hashes are stored, so the old one cannot be re-sent) in their email.
 * Must run inside a transaction that has locked the event row.
 */
async function promoteFromWaitlist(ctx: AppContext, trx: Executor, ecosystemId: string, eventId: string, origin: string): Promise<string[]> {
	const mailIds: string[] = [];
	for (;;) {
		const next = await repo.firstWaitlisted(trx, ecosystemId, eventId);
		if (!next || !(await repo.takeSeat(trx, ecosystemId, eventId))) return mailIds;
		const token = randomToken();
		await repo.promoteRegistration(trx, ecosystemId, next.id, sha256(token));
		// The row was read while waiting; the email is about the seat it now holds (and its online link).
		mailIds.push(await queueMail(ctx, trx, { kind: 'promoted', eventId, ecosystemId, registration: { ...next, status: 'confirmed' }, origin, token }));
	}
}

export interface RegistrationView {
	registration: Pick<RegistrationRow, 'id' | 'name' | 'email' | 'status' | 'accessibility_request' | 'language_request' | 'created_at' | 'cancelled_at'>;
	event: PublicEvent;
	/** Only for a confirmed seat on an online or hybrid event. */
	onlineUrl: string | null;
	/** 1 for the first person waiting; null unless wait-listed. */
	waitlistPlace: number | null;
}

/** What the private link shows: the registration, its event, and the online link to seat holders. */
export async function getRegistrationByToken({ db, ecosystemId, token }: { db: Kysely<Database>; ecosystemId: string; token: string }): Promise<RegistrationView> {
	const registration = await repo.findRegistrationByTokenHash(db, ecosystemId, sha256(token));
	if (!registration) throw new DomainError('REGISTRATION_NOT_FOUND');
	const event = await repo.findEventById(db, ecosystemId, registration.event_id);
	if (!event) throw new DomainError('REGISTRATION_NOT_FOUND');
	const waiting = registration.status === 'waitlisted' ? await repo.listRegistrations(db, ecosystemId, event.id, ['waitlisted']) : [];
	return {
		registration,
		event: toPublic(event),
		onlineUrl: registration.status === 'confirmed' ? event.online_url : null,
		waitlistPlace: registration.status === 'waitlisted' ? waiting.findIndex((r) => r.id === registration.id) + 1 : null
	};
}

/**
 * The attendee cancels through their private link (no sign-in). A freed seat goes to the first
 * person waiting, who is emailed. Cancelling twice is harmless.
 */
export async function cancelRegistrationByToken({
	ctx,
	ecosystemId,
	token,
	origin
}: {
	ctx: AppContext;
	ecosystemId: string;
	token: string;
	origin: string;
}): Promise<{ cancelled: boolean; promoted: number }> {
	const db = ctx.db.kysely;
	const found = await repo.findRegistrationByTokenHash(db, ecosystemId, sha256(token));
	if (!found) throw new DomainError('REGISTRATION_NOT_FOUND');
	const result = await db.transaction().execute(async (trx) => {
		await repo.lockEvent(trx, ecosystemId, found.event_id);
		const current = await repo.findRegistrationById(trx, ecosystemId, found.id);
		if (!current || !(await repo.cancelRegistrationRow(trx, ecosystemId, current.id))) return { cancelled: false, mailIds: [] as string[] };
		if (current.status === 'confirmed') await repo.releaseSeat(trx, ecosystemId, current.event_id);
		const mailIds = await promoteFromWaitlist(ctx, trx, ecosystemId, current.event_id, origin);
		await recordAudit(trx, {
			actor: { kind: 'public' },
			ecosystemId,
			action: 'event.cancel_registration',
			entityType: 'event_registration',
			entityId: current.id,
			summary: `An attendee cancelled (was ${current.status}); ${mailIds.length} promoted from the waiting list`
		});
		return { cancelled: true, mailIds };
	});
	await ctx.mailer.deliver(result.mailIds);
	return { cancelled: result.cancelled, promoted: result.mailIds.length };
}

// ---- Attendance ------------------------------------------------------------------------------

async function eventForStaff(db: Executor, ecosystemId: string, slug: string): Promise<EventRow> {
	const event = await repo.findEventBySlug(db, ecosystemId, slug);
	if (!event) throw new DomainError('EVENT_NOT_FOUND');
	return event;
}

/** Staff: everyone registered for an event (personal data: needs two-factor sign-in). */
export async function listAttendees({ db, actor, ecosystemId, slug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string }) {
	requireAccess(actor, 'ecosystem.events.attendance', { ecosystemId });
	const event = await eventForStaff(db, ecosystemId, slug);
	const registrations = await repo.listRegistrations(db, ecosystemId, event.id);
	return { event: { ...toPublic(event), online_url: event.online_url }, registrations };
}

/** Staff at the door check a confirmed attendee in, or undo a mistaken check-in. */
export async function checkIn({
	db,
	actor,
	ecosystemId,
	slug,
	registrationId,
	undo = false
}: {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	registrationId: string;
	undo?: boolean;
}): Promise<void> {
	requireAccess(actor, 'ecosystem.events.attendance', { ecosystemId });
	await db.transaction().execute(async (trx) => {
		const event = await eventForStaff(trx, ecosystemId, slug);
		if (!(await repo.setCheckedIn(trx, ecosystemId, event.id, registrationId, undo ? null : nowIso()))) throw new DomainError('REGISTRATION_NOT_FOUND');
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: undo ? 'event.undo_check_in' : 'event.check_in',
			entityType: 'event_registration',
			entityId: registrationId,
			summary: `${undo ? 'Undid the check-in of' : 'Checked in'} an attendee of “${event.title}”`
		});
	});
}

/** Staff: the attendance list as CSV (one row per registration, answers as columns). */
export async function attendanceCsv({ db, actor, ecosystemId, slug }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; slug: string }) {
	const { event, registrations } = await listAttendees({ db, actor, ecosystemId, slug });
	const header = ['name', 'email', 'status', 'place_in_line', 'registered_at', 'checked_in_at', 'accessibility_request', 'language_request', ...event.questions.map((q) => q.label)];
	const rows = registrations.map((r) => {
		const answers = JSON.parse(r.answers_json) as Record<string, string | undefined>;
		return [
			r.name,
			r.email,
			r.status,
			String(r.position),
			r.created_at,
			r.checked_in_at ?? '',
			r.accessibility_request ?? '',
			r.language_request ?? '',
			...event.questions.map((q) => answers[q.id] ?? '')
		];
	});
	return { filename: `${event.slug}-attendance.csv`, csv: toCsv({ header, rows }) };
}

// ---- Reminders -------------------------------------------------------------------------------

/**
 * Emails confirmed attendees whose event's reminder time has come (by default a day before).
 * Each reminder is marked sent in the same transaction that queues it, so running this again,
 * or twice at once, never sends a second reminder. Meant for a timer or cron.
 */
export async function sendDueReminders({ ctx, origin, now = nowIso(), ecosystemId }: { ctx: AppContext; origin: string; now?: string; ecosystemId?: string }): Promise<number> {
	const db = ctx.db.kysely;
	const mailIds: string[] = [];
	for (const ecosystem of (await listEcosystems(db)).filter((e) => ecosystemId === undefined || e.id === ecosystemId)) {
		for (const due of await repo.dueReminders(db, ecosystem.id, now)) {
			const mailId = await db.transaction().execute(async (trx) => {
				if (!(await repo.markReminderSent(trx, ecosystem.id, due.registration_id))) return null;
				const token = randomToken();
				await repo.setTokenHash(trx, ecosystem.id, due.registration_id, sha256(token));
				return queueMail(ctx, trx, { kind: 'reminder', eventId: due.event_id, ecosystemId: ecosystem.id, registration: due, origin, token });
			});
			if (mailId) mailIds.push(mailId);
		}
	}
	await ctx.mailer.deliver(mailIds);
	return mailIds.length;
}

/** What the "Add an event" form needs: whether it publishes at once or proposes, and the time zone. */
export async function prepareEventForm({ db, actor, ecosystemId }: { db: Kysely<Database>; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.events.propose', { ecosystemId });
	const ecosystem = await ecosystemOrThrow(db, ecosystemId);
	const groups = (await listGroups(db, ecosystemId)).map((g) => ({ slug: g.slug, name: g.name }));
	return { publishes: decide(actor, 'ecosystem.events.manage', { ecosystemId }) === 'allow', timeZone: ecosystem.time_zone, groups };
}

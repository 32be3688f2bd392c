import { type Selectable } from 'kysely';
import type { PdCertificateTable } from '../db/schema.js';
import type { Executor } from '../audit/audit.repository.js';
import { newId, nowIso } from '../util.js';
import { sessionTimes, type OfferingInput } from './pd.js';

export interface OfferingRow {
	id: string;
	ecosystem_id: string;
	slug: string;
	partner_id: string | null;
	partner_name: string | null;
	title: string;
	title_es: string | null;
	description_md: string;
	description_md_es: string | null;
	topic: string;
	audience: string;
	grade_bands: string;
	subject: string;
	format: string;
	hours: number;
	credit_type_id: string | null;
	credit_type_name: string | null;
	credit_type_name_es: string | null;
	cost_cents: number;
	capacity: number;
	attendance_threshold: number;
	reflection_required: number;
	published_at: string | null;
	updated_at: string;
	is_demo: number;
}

function offerings(db: Executor, ecosystemId: string) {
	return db
		.selectFrom('pd_offering as o')
		.leftJoin('partner as p', 'p.id', 'o.partner_id')
		.leftJoin('pd_credit_type as c', 'c.id', 'o.credit_type_id')
		.select([
			'o.id', 'o.ecosystem_id', 'o.slug', 'o.partner_id', 'p.name as partner_name', 'o.title', 'o.title_es',
			'o.description_md', 'o.description_md_es', 'o.topic', 'o.audience', 'o.grade_bands', 'o.subject', 'o.format',
			'o.hours', 'o.credit_type_id', 'c.name as credit_type_name', 'c.name_es as credit_type_name_es', 'o.cost_cents',
			'o.capacity', 'o.attendance_threshold', 'o.reflection_required', 'o.published_at', 'o.updated_at', 'o.is_demo'
		])
		.where('o.ecosystem_id', '=', ecosystemId);
}

export async function listPublishedOfferings(db: Executor, ecosystemId: string): Promise<OfferingRow[]> {
	return offerings(db, ecosystemId).where('o.published_at', 'is not', null).orderBy('o.title').execute();
}

/** Offerings a provider manages: one partner's, or the backbone's own (partnerId null), or all. */
export async function listOfferingsOf(db: Executor, ecosystemId: string, partnerId: string | null | 'all'): Promise<OfferingRow[]> {
	let query = offerings(db, ecosystemId);
	if (partnerId === null) query = query.where('o.partner_id', 'is', null);
	else if (partnerId !== 'all') query = query.where('o.partner_id', '=', partnerId);
	return query.orderBy('o.title').execute();
}

export async function findOfferingBySlug(db: Executor, ecosystemId: string, slug: string): Promise<OfferingRow | undefined> {
	return offerings(db, ecosystemId).where('o.slug', '=', slug).executeTakeFirst();
}

export async function offeringSlugInUse(db: Executor, ecosystemId: string, slug: string): Promise<boolean> {
	return !!(await db.selectFrom('pd_offering').select('id').where('ecosystem_id', '=', ecosystemId).where('slug', '=', slug).executeTakeFirst());
}

export async function insertOffering(
	db: Executor,
	ecosystemId: string,
	values: { slug: string; partnerId: string | null; createdBy: string | null; isDemo?: boolean; input: OfferingInput }
): Promise<string> {
	const id = newId();
	const now = nowIso();
	const { input } = values;
	await db
		.insertInto('pd_offering')
		.values({
			id,
			ecosystem_id: ecosystemId,
			slug: values.slug,
			partner_id: values.partnerId,
			title: input.title,
			title_es: input.title_es ?? null,
			description_md: input.description_md,
			description_md_es: input.description_md_es ?? null,
			topic: input.topic,
			audience: input.audience,
			grade_bands: JSON.stringify(input.grade_bands),
			subject: input.subject,
			format: input.format,
			hours: input.hours,
			credit_type_id: input.credit_type_id ?? null,
			cost_cents: input.cost,
			capacity: input.capacity,
			attendance_threshold: input.attendance_threshold,
			reflection_required: input.reflection_required ? 1 : 0,
			published_at: input.publish ? now : null,
			is_demo: values.isDemo ? 1 : 0,
			created_by_user_id: values.createdBy,
			created_at: now,
			updated_at: now
		})
		.execute();
	for (const session of input.sessions) {
		await db
			.insertInto('pd_session')
			.values({ id: newId(), ecosystem_id: ecosystemId, offering_id: id, ...sessionTimes(session), location: session.location })
			.execute();
	}
	return id;
}

export async function setOfferingPublished(db: Executor, ecosystemId: string, id: string, published: boolean): Promise<number> {
	const now = nowIso();
	const result = await db
		.updateTable('pd_offering')
		.set({ published_at: published ? now : null, updated_at: now })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export interface SessionRow {
	id: string;
	starts_at: string;
	ends_at: string;
	location: string;
	sequence: number;
}

export async function listSessions(db: Executor, ecosystemId: string, offeringId: string): Promise<SessionRow[]> {
	return db
		.selectFrom('pd_session')
		.select(['id', 'starts_at', 'ends_at', 'location', 'sequence'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('offering_id', '=', offeringId)
		.orderBy('starts_at')
		.orderBy('id')
		.execute();
}

/** Sessions of published offerings from `fromIso` on, soonest first: the PD part of the events calendar. */
export async function listUpcomingSessions(db: Executor, ecosystemId: string, fromIso: string, limit = 50) {
	return db
		.selectFrom('pd_session as s')
		.innerJoin('pd_offering as o', 'o.id', 's.offering_id')
		.leftJoin('partner as p', 'p.id', 'o.partner_id')
		.select([
			's.id', 's.starts_at', 's.ends_at', 's.location', 's.sequence', 'o.slug', 'o.title', 'o.title_es', 'o.description_md', 'o.description_md_es',
			'o.updated_at', 'o.is_demo', 'p.name as partner_name'
		])
		.where('s.ecosystem_id', '=', ecosystemId)
		.where('o.ecosystem_id', '=', ecosystemId)
		.where('o.published_at', 'is not', null)
		.where('s.ends_at', '>=', fromIso)
		.orderBy('s.starts_at')
		.orderBy('s.id')
		.limit(limit)
		.execute();
}

export async function countActiveRegistrations(db: Executor, ecosystemId: string, offeringId: string): Promise<number> {
	const row = await db
		.selectFrom('pd_registration')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('ecosystem_id', '=', ecosystemId)
		.where('offering_id', '=', offeringId)
		.where('cancelled_at', 'is', null)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

export interface RegistrationRow {
	id: string;
	offering_id: string;
	user_id: string;
	registered_at: string;
	cancelled_at: string | null;
	completed_at: string | null;
	reflection: string | null;
}

const registrationColumns = ['id', 'offering_id', 'user_id', 'registered_at', 'cancelled_at', 'completed_at', 'reflection'] as const;

export async function findActiveRegistration(
	db: Executor,
	ecosystemId: string,
	offeringId: string,
	userId: string
): Promise<RegistrationRow | undefined> {
	return db
		.selectFrom('pd_registration')
		.select(registrationColumns)
		.where('ecosystem_id', '=', ecosystemId)
		.where('offering_id', '=', offeringId)
		.where('user_id', '=', userId)
		.where('cancelled_at', 'is', null)
		.executeTakeFirst();
}

export async function findRegistration(db: Executor, ecosystemId: string, offeringId: string, id: string): Promise<RegistrationRow | undefined> {
	return db
		.selectFrom('pd_registration')
		.select(registrationColumns)
		.where('ecosystem_id', '=', ecosystemId)
		.where('offering_id', '=', offeringId)
		.where('id', '=', id)
		.executeTakeFirst();
}

/**
 * The database refuses the row when the offering is full (see the migration's trigger).
 * `registeredBy`: the partner coordinator who registered this person, when it was not themselves.
 */
export async function insertRegistration(db: Executor, ecosystemId: string, offeringId: string, userId: string, registeredBy: string | null = null): Promise<string> {
	const id = newId();
	await db
		.insertInto('pd_registration')
		.values({ id, ecosystem_id: ecosystemId, offering_id: offeringId, user_id: userId, registered_at: nowIso(), registered_by_user_id: registeredBy })
		.execute();
	return id;
}

/** Everyone with an account in a partner organisation of the ecosystem (its staff), by name. */
export async function listPartnerMembers(db: Executor, ecosystemId: string, partnerId: string) {
	return db
		.selectFrom('membership as m')
		.innerJoin('user as u', 'u.id', 'm.user_id')
		.select(['u.id as user_id', 'u.name', 'u.email', 'u.locale'])
		.where('m.ecosystem_id', '=', ecosystemId)
		.where('m.partner_id', '=', partnerId)
		.orderBy('u.name')
		.orderBy('u.id')
		.execute();
}

/** Active registrations for an offering of people on a partner's staff, with who registered them. */
export async function listStaffRegistrations(db: Executor, ecosystemId: string, offeringId: string, partnerId: string) {
	return db
		.selectFrom('pd_registration as r')
		.innerJoin('membership as m', (j) => j.onRef('m.user_id', '=', 'r.user_id').onRef('m.ecosystem_id', '=', 'r.ecosystem_id'))
		.leftJoin('user as b', 'b.id', 'r.registered_by_user_id')
		.select(['r.id as registration_id', 'r.user_id', 'r.registered_at', 'r.completed_at', 'r.registered_by_user_id', 'b.name as registered_by_name'])
		.where('r.ecosystem_id', '=', ecosystemId)
		.where('r.offering_id', '=', offeringId)
		.where('r.cancelled_at', 'is', null)
		.where('m.partner_id', '=', partnerId)
		.execute();
}

/** True when `error` is the capacity trigger's refusal, on either database. */
export function isCapacityFull(error: unknown): boolean {
	return /pd_capacity_full/.test(String((error as { message?: string })?.message ?? error));
}

export async function cancelRegistration(db: Executor, ecosystemId: string, id: string): Promise<number> {
	const result = await db
		.updateTable('pd_registration')
		.set({ cancelled_at: nowIso() })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('cancelled_at', 'is', null)
		.where('completed_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function markCompleted(db: Executor, ecosystemId: string, id: string, reflection: string | null): Promise<number> {
	const result = await db
		.updateTable('pd_registration')
		.set({ completed_at: nowIso(), reflection })
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.where('completed_at', 'is', null)
		.where('cancelled_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export interface RosterRow {
	registration_id: string;
	user_id: string;
	name: string;
	email: string;
	registered_at: string;
	completed_at: string | null;
	certificate_code: string | null;
	certificate_revoked_at: string | null;
}

export async function listRoster(db: Executor, ecosystemId: string, offeringId: string): Promise<RosterRow[]> {
	return db
		.selectFrom('pd_registration as r')
		.innerJoin('user as u', 'u.id', 'r.user_id')
		.leftJoin('pd_certificate as c', 'c.registration_id', 'r.id')
		.select(['r.id as registration_id', 'r.user_id', 'u.name', 'u.email', 'r.registered_at', 'r.completed_at', 'c.code as certificate_code', 'c.revoked_at as certificate_revoked_at'])
		.where('r.ecosystem_id', '=', ecosystemId)
		.where('r.offering_id', '=', offeringId)
		.where('r.cancelled_at', 'is', null)
		.orderBy('u.name')
		.execute();
}

export async function listAttendance(db: Executor, ecosystemId: string, offeringId: string): Promise<{ session_id: string; registration_id: string }[]> {
	return db
		.selectFrom('pd_attendance as a')
		.innerJoin('pd_session as s', 's.id', 'a.session_id')
		.select(['a.session_id', 'a.registration_id'])
		.where('a.ecosystem_id', '=', ecosystemId)
		.where('s.offering_id', '=', offeringId)
		.execute();
}

export async function countAttended(db: Executor, ecosystemId: string, registrationId: string): Promise<number> {
	const row = await db
		.selectFrom('pd_attendance')
		.select((eb) => eb.fn.countAll().as('n'))
		.where('ecosystem_id', '=', ecosystemId)
		.where('registration_id', '=', registrationId)
		.executeTakeFirstOrThrow();
	return Number(row.n);
}

/** Checking someone in twice is harmless: the second check-in keeps the first time. */
export async function insertAttendance(
	db: Executor,
	ecosystemId: string,
	values: { sessionId: string; registrationId: string; by: string }
): Promise<boolean> {
	const result = await db
		.insertInto('pd_attendance')
		.values({
			ecosystem_id: ecosystemId,
			session_id: values.sessionId,
			registration_id: values.registrationId,
			checked_in_at: nowIso(),
			checked_in_by_user_id: values.by
		})
		.onConflict((oc) => oc.columns(['session_id', 'registration_id']).doNothing())
		.executeTakeFirst();
	return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function deleteAttendance(db: Executor, ecosystemId: string, sessionId: string, registrationId: string): Promise<number> {
	const result = await db
		.deleteFrom('pd_attendance')
		.where('ecosystem_id', '=', ecosystemId)
		.where('session_id', '=', sessionId)
		.where('registration_id', '=', registrationId)
		.executeTakeFirst();
	return Number(result.numDeletedRows);
}

/** What verification and transcripts read; the revocation reason is written only by `revokeCertificate`. */
export type CertificateRow = Omit<Selectable<PdCertificateTable>, 'revoked_reason'>;

const certificateColumns = [
	'id', 'ecosystem_id', 'registration_id', 'user_id', 'code', 'educator_name', 'offering_title', 'hours',
	'credit_type_name', 'issuer_name', 'first_session_on', 'last_session_on', 'issued_at', 'revoked_at'
] as const;

export async function insertCertificate(db: Executor, values: Omit<CertificateRow, 'id' | 'issued_at' | 'revoked_at'>): Promise<string> {
	const id = newId();
	await db
		.insertInto('pd_certificate')
		.values({ ...values, id, issued_at: nowIso(), revoked_at: null })
		.execute();
	return id;
}

/** Revokes a certificate once; returns false when it was already revoked. The row (and its code) stays. */
export async function revokeCertificate(db: Executor, ecosystemId: string, registrationId: string, reason: string): Promise<boolean> {
	const result = await db
		.updateTable('pd_certificate')
		.set({ revoked_at: nowIso(), revoked_reason: reason })
		.where('ecosystem_id', '=', ecosystemId)
		.where('registration_id', '=', registrationId)
		.where('revoked_at', 'is', null)
		.executeTakeFirst();
	return Number(result.numUpdatedRows) > 0;
}

/** Verification looks a code up across ecosystems: codes are globally unique and unguessable. */
export async function findCertificateByCode(db: Executor, code: string): Promise<(CertificateRow & { ecosystem_name: string }) | undefined> {
	return db
		.selectFrom('pd_certificate as c')
		.innerJoin('ecosystem as e', 'e.id', 'c.ecosystem_id')
		.select(certificateColumns.map((c) => `c.${c}` as const))
		.select('e.name as ecosystem_name')
		.where('c.code', '=', code)
		.executeTakeFirst();
}

export async function findCertificateForRegistration(db: Executor, ecosystemId: string, registrationId: string): Promise<CertificateRow | undefined> {
	return db
		.selectFrom('pd_certificate')
		.select(certificateColumns)
		.where('ecosystem_id', '=', ecosystemId)
		.where('registration_id', '=', registrationId)
		.executeTakeFirst();
}

export async function listCertificatesOfUser(db: Executor, ecosystemId: string, userId: string): Promise<CertificateRow[]> {
	return db
		.selectFrom('pd_certificate')
		.select(certificateColumns)
		.where('ecosystem_id', '=', ecosystemId)
		.where('user_id', '=', userId)
		.where('revoked_at', 'is', null)
		.orderBy('issued_at', 'desc')
		.execute();
}

export interface MyRegistrationRow {
	registration_id: string;
	offering_slug: string;
	offering_title: string;
	offering_title_es: string | null;
	registered_at: string;
	completed_at: string | null;
	certificate_code: string | null;
}

export async function listRegistrationsOfUser(db: Executor, ecosystemId: string, userId: string): Promise<MyRegistrationRow[]> {
	return db
		.selectFrom('pd_registration as r')
		.innerJoin('pd_offering as o', 'o.id', 'r.offering_id')
		.leftJoin('pd_certificate as c', 'c.registration_id', 'r.id')
		.select([
			'r.id as registration_id', 'o.slug as offering_slug', 'o.title as offering_title', 'o.title_es as offering_title_es',
			'r.registered_at', 'r.completed_at', 'c.code as certificate_code'
		])
		.where('r.ecosystem_id', '=', ecosystemId)
		.where('r.user_id', '=', userId)
		.where('r.cancelled_at', 'is', null)
		.orderBy('r.registered_at', 'desc')
		.execute();
}

export async function insertEvaluation(
	db: Executor,
	ecosystemId: string,
	values: { offeringId: string; registrationId: string; overall: number; relevance: number; will_use: number; comment: string }
): Promise<void> {
	await db
		.insertInto('pd_evaluation')
		.values({
			id: newId(),
			ecosystem_id: ecosystemId,
			offering_id: values.offeringId,
			registration_id: values.registrationId,
			overall: values.overall,
			relevance: values.relevance,
			will_use: values.will_use,
			comment: values.comment,
			created_at: nowIso()
		})
		.execute();
}

export async function hasEvaluation(db: Executor, ecosystemId: string, registrationId: string): Promise<boolean> {
	return !!(await db
		.selectFrom('pd_evaluation')
		.select('id')
		.where('ecosystem_id', '=', ecosystemId)
		.where('registration_id', '=', registrationId)
		.executeTakeFirst());
}

/** Answers only, in a random-free but identity-free order (by comment text), never who wrote them. */
export async function listEvaluations(db: Executor, ecosystemId: string, offeringId: string) {
	return db
		.selectFrom('pd_evaluation')
		.select(['overall', 'relevance', 'will_use', 'comment'])
		.where('ecosystem_id', '=', ecosystemId)
		.where('offering_id', '=', offeringId)
		.orderBy('comment')
		.execute();
}

export interface CreditTypeRow {
	id: string;
	code: string;
	name: string;
	name_es: string | null;
}

export async function listCreditTypes(db: Executor, ecosystemId: string): Promise<CreditTypeRow[]> {
	return db.selectFrom('pd_credit_type').select(['id', 'code', 'name', 'name_es']).where('ecosystem_id', '=', ecosystemId).orderBy('name').execute();
}

export async function insertCreditType(db: Executor, ecosystemId: string, values: { code: string; name: string; name_es?: string }): Promise<string> {
	const id = newId();
	await db
		.insertInto('pd_credit_type')
		.values({ id, ecosystem_id: ecosystemId, code: values.code, name: values.name, name_es: values.name_es ?? null, created_at: nowIso() })
		.execute();
	return id;
}

/** Saves an edited offering's details. The provider, address (slug) and publication stay as they are. */
export async function updateOffering(db: Executor, ecosystemId: string, id: string, input: OfferingInput): Promise<number> {
	const result = await db
		.updateTable('pd_offering')
		.set({
			title: input.title,
			title_es: input.title_es ?? null,
			description_md: input.description_md,
			description_md_es: input.description_md_es ?? null,
			topic: input.topic,
			audience: input.audience,
			grade_bands: JSON.stringify(input.grade_bands),
			subject: input.subject,
			format: input.format,
			hours: input.hours,
			credit_type_id: input.credit_type_id ?? null,
			cost_cents: input.cost,
			capacity: input.capacity,
			attendance_threshold: input.attendance_threshold,
			reflection_required: input.reflection_required ? 1 : 0,
			updated_at: nowIso()
		})
		.where('ecosystem_id', '=', ecosystemId)
		.where('id', '=', id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function updateSession(
	db: Executor,
	ecosystemId: string,
	offeringId: string,
	session: { id: string; starts_at: string; ends_at: string; location: string }
): Promise<number> {
	const result = await db
		.updateTable('pd_session')
		.set((eb) => ({
			// A calendar that imported the session replaces its copy only when SEQUENCE goes up.
			sequence: eb
				.case()
				.when(eb.or([eb('starts_at', '<>', session.starts_at), eb('ends_at', '<>', session.ends_at), eb('location', '<>', session.location)]))
				.then(eb('sequence', '+', 1))
				.else(eb.ref('sequence'))
				.end(),
			starts_at: session.starts_at,
			ends_at: session.ends_at,
			location: session.location
		}))
		.where('ecosystem_id', '=', ecosystemId)
		.where('offering_id', '=', offeringId)
		.where('id', '=', session.id)
		.executeTakeFirst();
	return Number(result.numUpdatedRows);
}

export async function insertSession(
	db: Executor,
	ecosystemId: string,
	offeringId: string,
	session: { starts_at: string; ends_at: string; location: string }
): Promise<string> {
	const id = newId();
	await db.insertInto('pd_session').values({ id, ecosystem_id: ecosystemId, offering_id: offeringId, ...session }).execute();
	return id;
}

/** The people holding a seat (active registrations), with where and in which language to write to them. */
export async function listRegistrantContacts(db: Executor, ecosystemId: string, offeringId: string) {
	return db
		.selectFrom('pd_registration as r')
		.innerJoin('user as u', 'u.id', 'r.user_id')
		.select(['u.name', 'u.email', 'u.locale'])
		.where('r.ecosystem_id', '=', ecosystemId)
		.where('r.offering_id', '=', offeringId)
		.where('r.cancelled_at', 'is', null)
		.orderBy('u.email')
		.execute();
}

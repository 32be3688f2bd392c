import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import { decide, membershipIn, type Actor, type SignedInActor } from '../auth/roles.js';
import { recordAudit, type Executor } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';
import { validate } from '../validation.js';
import { slugify } from '../util.js';
import { findEcosystemById } from '../ecosystems/ecosystems.repository.js';
import { findPartnerById, listPartners } from '../partners/partners.repository.js';
import { toCsv } from '../dashboard/dashboard-view.js';
import type { AppContext } from '../context.js';
import { localized } from '../content.js';
import * as m from '../../paraglide/messages.js';
import * as repo from './pd.repository.js';
import { takeRequestBudget } from '../http/request-budget.js';
import {
	attendanceMet,
	capacityProblem,
	certificateCodeFrom,
	offeringFormValues,
	planSessionEdit,
	sessionTimeText,
	completionProblems,
	creditTypeSchema,
	evaluationSchema,
	normalizeCertificateCode,
	offeringSchema,
	reflectionSchema,
	reservedOfferingSlugs,
	sessionsNeeded,
	summarizeEvaluations,
	transcriptByYear
} from './pd.js';

type Db = Kysely<Database>;
interface Scoped {
	db: Db;
	actor: Actor;
	ecosystemId: string;
}

/** Verification answers this many lookups per client per window before refusing (429). */
export const VERIFY_LIMIT = 20;
export const VERIFY_WINDOW_MS = 10 * 60 * 1000;

/** The catalog: published offerings, with seats left. Anyone may read it. */
export async function listCatalog({ db, ecosystemId }: { db: Db; ecosystemId: string }) {
	const offerings = await repo.listPublishedOfferings(db, ecosystemId);
	return Promise.all(
		offerings.map(async (o) => ({ ...o, seatsLeft: Math.max(0, o.capacity - (await repo.countActiveRegistrations(db, ecosystemId, o.id))) }))
	);
}

/**
 * Upcoming sessions of published offerings, for the ecosystem's events calendar. PD sessions are
 * not copied into the events table: registration, check-in and certificates stay with the
 * offering, and the calendar links there.
 */
export async function listUpcomingPdSessions({ db, ecosystemId, now = new Date() }: { db: Db; ecosystemId: string; now?: Date }) {
	return repo.listUpcomingSessions(db, ecosystemId, now.toISOString());
}

/**
 * Sessions for the ecosystem's subscribable calendar feed: every session of a published offering
 * that has not ended, with its SEQUENCE.
 */
export async function listFeedPdSessions({ db, ecosystemId, now = new Date() }: { db: Db; ecosystemId: string; now?: Date }) {
	return repo.listUpcomingSessions(db, ecosystemId, now.toISOString(), 500);
}

/**
 * Every session of one offering, for its .ics file (registered educators add it to their
 * calendar). Unpublished offerings answer only to the people who run them.
 */
export async function getOfferingCalendar({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	if (!offering.published_at && !canManage(actor, ecosystemId, offering)) throw new DomainError('OFFERING_NOT_FOUND');
	const sessions = (await repo.listSessions(db, ecosystemId, offering.id)).map((s) => ({
		...s,
		slug: offering.slug,
		title: offering.title,
		title_es: offering.title_es,
		description_md: offering.description_md,
		description_md_es: offering.description_md_es,
		updated_at: offering.updated_at
	}));
	return { offering, sessions };
}

/** May `actor` run this offering (roster, check-in, evaluations)? Backbone for any; partners for their own. */
function canManage(actor: Actor, ecosystemId: string, offering: { partner_id: string | null }): boolean {
	if (decide(actor, 'ecosystem.pd.manage', { ecosystemId }) === 'allow') return true;
	return !!offering.partner_id && decide(actor, 'partner.pd.manage', { ecosystemId, partnerId: offering.partner_id }) === 'allow';
}

function requireManage(actor: Actor, ecosystemId: string, offering: { partner_id: string | null }): void {
	if (offering.partner_id) requireAccess(actor, 'partner.pd.manage', { ecosystemId, partnerId: offering.partner_id });
	else requireAccess(actor, 'ecosystem.pd.manage', { ecosystemId });
}

async function offeringOrThrow(db: Executor, ecosystemId: string, slug: string) {
	const offering = await repo.findOfferingBySlug(db, ecosystemId, slug);
	if (!offering) throw new DomainError('OFFERING_NOT_FOUND');
	return offering;
}

/**
 * One offering's page: its sessions and seats, and for a signed-in educator their registration,
 * attendance, what still blocks completion, and the certificate. Unpublished offerings are shown
 * only to the people who run them.
 */
export async function getOffering({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	const manager = canManage(actor, ecosystemId, offering);
	if (!offering.published_at && !manager) throw new DomainError('OFFERING_NOT_FOUND');
	const sessions = await repo.listSessions(db, ecosystemId, offering.id);
	const seatsLeft = Math.max(0, offering.capacity - (await repo.countActiveRegistrations(db, ecosystemId, offering.id)));
	const participant = decide(actor, 'ecosystem.pd.participate', { ecosystemId }) === 'allow';
	let mine = null;
	if (actor.kind === 'user') {
		const registration = await repo.findActiveRegistration(db, ecosystemId, offering.id, actor.userId);
		if (registration) {
			const attended = await repo.countAttended(db, ecosystemId, registration.id);
			const certificate = await repo.findCertificateForRegistration(db, ecosystemId, registration.id);
			mine = {
				registrationId: registration.id,
				completedAt: registration.completed_at,
				attended,
				sessionsNeeded: sessionsNeeded(sessions.length, offering.attendance_threshold),
				attendanceMet: attendanceMet(attended, sessions.length, offering.attendance_threshold),
				certificateCode: certificate?.code ?? null,
				evaluated: await repo.hasEvaluation(db, ecosystemId, registration.id)
			};
		}
	}
	// A partner coordinator (who manages her organisation's members) may register her staff.
	const partnerId = membershipIn(actor, ecosystemId)?.partnerId;
	const coordinator = !!offering.published_at && !!partnerId && decide(actor, 'partner.members.manage', { ecosystemId, partnerId }) === 'allow';
	return { offering, sessions, seatsLeft, participant, manager, coordinator, mine };
}

/**
 * Who the actor may publish for: the backbone (backbone staff) and the partners they may act for.
 * Refuses people who may publish for no one, surfacing the two-factor requirement (rosters are
 * personal data) rather than a bare refusal when that is what stands in the way.
 */
async function providersFor(db: Executor, actor: SignedInActor, ecosystemId: string) {
	const backbone = decide(actor, 'ecosystem.pd.manage', { ecosystemId }) === 'allow';
	const partners = (await listPartners(db, ecosystemId)).filter(
		(p) => decide(actor, 'partner.pd.manage', { ecosystemId, partnerId: p.id }) === 'allow'
	);
	if (!backbone && partners.length === 0) {
		const membership = actor.memberships.find((m) => m.ecosystemId === ecosystemId);
		if (membership?.partnerId) requireAccess(actor, 'partner.pd.manage', { ecosystemId, partnerId: membership.partnerId });
		requireAccess(actor, 'ecosystem.pd.manage', { ecosystemId });
	}
	return { backbone, partners: partners.map((p) => ({ id: p.id, name: p.name })) };
}

/** What the "New offering" form offers. */
export async function prepareOfferingForm({ db, actor, ecosystemId }: Scoped) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	return { providers: await providersFor(db, actor, ecosystemId), creditTypes: await repo.listCreditTypes(db, ecosystemId) };
}

/** A provider (a partner's staff, or backbone staff) publishes an offering with its sessions. */
export async function createOffering({ db, actor, ecosystemId, input }: Scoped & { input: unknown }): Promise<Outcome<{ id: string; slug: string }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	// People who may publish for no one are refused before their input is read.
	await providersFor(db, actor, ecosystemId);
	const parsed = validate(offeringSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const partnerId = value.provider === 'backbone' ? null : value.provider;
	if (partnerId) {
		if (!(await findPartnerById(db, ecosystemId, partnerId))) return invalid([{ field: 'provider', message: 'Choose a provider from the list.' }]);
		requireAccess(actor, 'partner.pd.manage', { ecosystemId, partnerId });
	} else {
		requireAccess(actor, 'ecosystem.pd.manage', { ecosystemId });
	}
	if (value.credit_type_id && !(await repo.listCreditTypes(db, ecosystemId)).some((c) => c.id === value.credit_type_id)) {
		return invalid([{ field: 'credit_type_id', message: 'Choose a credit type from the list.' }]);
	}
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ id: string; slug: string }>> => {
			const slugged = slugify(value.title) || 'offering';
			const base = reservedOfferingSlugs.includes(slugged) ? `${slugged}-offering` : slugged;
			let slug = base;
			for (let n = 2; await repo.offeringSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
			const id = await repo.insertOffering(trx, ecosystemId, { slug, partnerId, createdBy: actor.userId, input: value });
			await recordAudit(trx, {
				actor,
				ecosystemId,
				action: 'pd.offering.create',
				entityType: 'pd_offering',
				entityId: id,
				summary: `${value.publish ? 'Published' : 'Drafted'} PD offering “${value.title}” (${value.hours} h, ${value.sessions.length} sessions)`
			});
			return ok({ id, slug });
		});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'title', message: ADDRESS_JUST_TAKEN }]));
}

export async function setPublished({ db, actor, ecosystemId, slug, published }: Scoped & { slug: string; published: boolean }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	requireManage(actor, ecosystemId, offering);
	await db.transaction().execute(async (trx) => {
		await repo.setOfferingPublished(trx, ecosystemId, offering.id, published);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: published ? 'pd.offering.publish' : 'pd.offering.unpublish',
			entityType: 'pd_offering',
			entityId: offering.id,
			summary: `${published ? 'Published' : 'Withdrew'} PD offering “${offering.title}”`
		});
	});
}

/** The offerings the actor runs: every offering for backbone staff, their partner's for partner staff. */
export async function listManagedOfferings({ db, actor, ecosystemId }: Scoped) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const { backbone, partners } = await providersFor(db, actor, ecosystemId);
	if (backbone) return repo.listOfferingsOf(db, ecosystemId, 'all');
	return (await Promise.all(partners.map((p) => repo.listOfferingsOf(db, ecosystemId, p.id)))).flat();
}

/** An educator registers; the database refuses the seat when the offering is already full. */
export async function register({ db, actor, ecosystemId, slug }: Scoped & { slug: string }): Promise<Outcome<{ registrationId: string }>> {
	requireAccess(actor, 'ecosystem.pd.participate', { ecosystemId });
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	if (!offering.published_at) throw new DomainError('OFFERING_NOT_FOUND');
	if (await repo.findActiveRegistration(db, ecosystemId, offering.id, actor.userId)) {
		return invalid([{ field: 'form', message: 'You are already registered for this offering.' }]);
	}
	try {
		return await db.transaction().execute(async (trx) => {
			const registrationId = await repo.insertRegistration(trx, ecosystemId, offering.id, actor.userId);
			await recordAudit(trx, {
				actor,
				ecosystemId,
				action: 'pd.registration.create',
				entityType: 'pd_registration',
				entityId: registrationId,
				summary: `Registered for “${offering.title}”`
			});
			return ok({ registrationId });
		});
	} catch (error) {
		if (repo.isCapacityFull(error)) return invalid([{ field: 'form', message: 'This offering is full: every seat is taken.' }]);
		// Two clicks at once: the unique index on active registrations refuses the second.
		if (await repo.findActiveRegistration(db, ecosystemId, offering.id, actor.userId)) {
			return invalid([{ field: 'form', message: 'You are already registered for this offering.' }]);
		}
		throw error;
	}
}

/** An educator cancels their own registration (not once completed). */
export async function cancelRegistration({ db, actor, ecosystemId, slug }: Scoped & { slug: string }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.pd.participate', { ecosystemId });
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	const registration = await repo.findActiveRegistration(db, ecosystemId, offering.id, actor.userId);
	if (!registration) throw new DomainError('PD_REGISTRATION_NOT_FOUND');
	if (registration.completed_at) return invalid([{ field: 'form', message: 'A completed offering cannot be cancelled.' }]);
	return db.transaction().execute(async (trx) => {
		await repo.cancelRegistration(trx, ecosystemId, registration.id);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'pd.registration.cancel',
			entityType: 'pd_registration',
			entityId: registration.id,
			summary: `Cancelled registration for “${offering.title}”`
		});
		return ok(null);
	});
}

/** The provider's roster: who registered, which sessions each attended, and the evaluations. */
export async function getRoster({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	requireManage(actor, ecosystemId, offering);
	const [sessions, people, attendance, evaluations] = await Promise.all([
		repo.listSessions(db, ecosystemId, offering.id),
		repo.listRoster(db, ecosystemId, offering.id),
		repo.listAttendance(db, ecosystemId, offering.id),
		repo.listEvaluations(db, ecosystemId, offering.id)
	]);
	const present = new Set(attendance.map((a) => `${a.session_id}:${a.registration_id}`));
	return {
		offering,
		sessions,
		roster: people.map((p) => ({
			...p,
			id: p.registration_id,
			attended: sessions.map((s) => present.has(`${s.id}:${p.registration_id}`))
		})),
		evaluations: summarizeEvaluations(evaluations)
	};
}

/** The provider checks a registered educator in to one session (or undoes a mistaken check-in). */
export async function setAttendance({
	db,
	actor,
	ecosystemId,
	slug,
	input
}: Scoped & { slug: string; input: { session_id?: string; registration_id?: string; present?: string } }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	requireManage(actor, ecosystemId, offering);
	const sessions = await repo.listSessions(db, ecosystemId, offering.id);
	const session = sessions.find((s) => s.id === input.session_id);
	const registration = input.registration_id ? await repo.findRegistration(db, ecosystemId, offering.id, input.registration_id) : undefined;
	const issues = [
		...(session ? [] : [{ field: 'session_id', message: 'Choose a session of this offering.' }]),
		...(registration && !registration.cancelled_at ? [] : [{ field: 'registration_id', message: 'Choose a person registered for this offering.' }])
	];
	if (issues.length) return invalid(issues);
	const present = input.present !== 'no';
	return db.transaction().execute(async (trx) => {
		const changed = present
			? await repo.insertAttendance(trx, ecosystemId, { sessionId: session!.id, registrationId: registration!.id, by: actor.userId })
			: (await repo.deleteAttendance(trx, ecosystemId, session!.id, registration!.id)) > 0;
		if (changed) {
			await recordAudit(trx, {
				actor,
				ecosystemId,
				action: present ? 'pd.attendance.check_in' : 'pd.attendance.undo',
				entityType: 'pd_registration',
				entityId: registration!.id,
				summary: `${present ? 'Checked in' : 'Undid check-in of'} a participant for the ${session!.starts_at.slice(0, 10)} session of “${offering.title}”`
			});
		}
		return ok(null);
	});
}

/**
 * The provider revokes a certificate issued in error (or for misconduct) with a reason. The row
 * and its code stay, so the public verification page says the code was revoked instead of not
 * found; the certificate leaves the holder's transcript.
 */
export async function revokeCertificate({ db, actor, ecosystemId, slug, input }: Scoped & { slug: string; input: { registration_id?: string; reason?: string } }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	requireManage(actor, ecosystemId, offering);
	const reason = (input.reason ?? '').trim();
	const registration = input.registration_id ? await repo.findRegistration(db, ecosystemId, offering.id, input.registration_id) : undefined;
	const certificate = registration ? await repo.findCertificateForRegistration(db, ecosystemId, registration.id) : undefined;
	const issues = [
		...(certificate && !certificate.revoked_at ? [] : [{ field: 'registration_id', message: 'Choose a person whose certificate for this offering is still valid.' }]),
		...(reason.length >= 5 && reason.length <= 500 ? [] : [{ field: 'reason', message: 'Give the reason in 5 to 500 characters.' }])
	];
	if (issues.length) return invalid(issues);
	return db.transaction().execute(async (trx) => {
		if (await repo.revokeCertificate(trx, ecosystemId, registration!.id, reason)) {
			await recordAudit(trx, {
				actor,
				ecosystemId,
				action: 'pd.certificate.revoke',
				entityType: 'pd_certificate',
				entityId: certificate!.id,
				summary: `Revoked certificate ${certificate!.code} for “${offering.title}”: ${reason}`
			});
		}
		return ok(null);
	});
}

/**
 * An educator completes an offering once their attendance meets its threshold (and, when asked,
 * with a reflection). Completion issues the certificate in the same transaction, with a fresh
 * random verification code and what it certifies frozen.
 */
export async function complete({ db, actor, ecosystemId, slug, input }: Scoped & { slug: string; input: unknown }): Promise<Outcome<{ code: string }>> {
	requireAccess(actor, 'ecosystem.pd.participate', { ecosystemId });
	const parsed = validate(reflectionSchema, input);
	if (!parsed.ok) return parsed;
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	const registration = await repo.findActiveRegistration(db, ecosystemId, offering.id, actor.userId);
	if (!registration) throw new DomainError('PD_REGISTRATION_NOT_FOUND');
	if (registration.completed_at) return invalid([{ field: 'form', message: 'You have already completed this offering.' }]);
	const sessions = await repo.listSessions(db, ecosystemId, offering.id);
	const problems = completionProblems({
		attended: await repo.countAttended(db, ecosystemId, registration.id),
		sessions: sessions.length,
		threshold: offering.attendance_threshold,
		reflectionRequired: offering.reflection_required === 1,
		reflection: parsed.value.reflection
	});
	if (problems.length) return invalid(problems);
	const ecosystem = await findEcosystemById(db, ecosystemId);
	const today = new Date().toISOString().slice(0, 10);
	return db.transaction().execute(async (trx) => {
		const changed = await repo.markCompleted(trx, ecosystemId, registration.id, parsed.value.reflection?.trim() || null);
		if (changed === 0) return invalid<{ code: string }>([{ field: 'form', message: 'You have already completed this offering.' }]);
		const code = certificateCodeFrom(randomBytes(20));
		await repo.insertCertificate(trx, {
			ecosystem_id: ecosystemId,
			registration_id: registration.id,
			user_id: actor.userId,
			code,
			educator_name: actor.name,
			offering_title: offering.title,
			hours: offering.hours,
			credit_type_name: offering.credit_type_name,
			issuer_name: offering.partner_name ?? ecosystem?.name ?? '',
			first_session_on: sessions[0]?.starts_at.slice(0, 10) ?? today,
			last_session_on: sessions.at(-1)?.starts_at.slice(0, 10) ?? today
		});
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'pd.registration.complete',
			entityType: 'pd_registration',
			entityId: registration.id,
			summary: `Completed “${offering.title}” (${offering.hours} h); certificate issued`
		});
		return ok({ code });
	});
}

/** A certificate for download: its holder, or backbone staff of its ecosystem. */
export async function getCertificate({ db, actor, ecosystemId, code }: Scoped & { code: string }) {
	requireAccess(actor, 'ecosystem.pd.participate', { ecosystemId });
	const normalized = normalizeCertificateCode(code);
	const certificate = normalized ? await repo.findCertificateByCode(db, normalized) : undefined;
	if (!certificate || certificate.ecosystem_id !== ecosystemId) throw new DomainError('CERTIFICATE_NOT_FOUND');
	if (certificate.user_id !== actor.userId) requireAccess(actor, 'ecosystem.pd.manage', { ecosystemId });
	return certificate;
}

/**
 * The public check of a verification code. Each client has a budget of lookups per window, so
 * codes cannot be tried in bulk; a malformed code spends budget like any other.
 */
export async function verifyCertificate({ db, code, client }: { db: Db; code: string; client: string }) {
	if (!(await takeRequestBudget(db, `verify:${client}`, VERIFY_LIMIT, VERIFY_WINDOW_MS))) {
		throw new DomainError('TOO_MANY_REQUESTS');
	}
	const normalized = normalizeCertificateCode(code);
	const certificate = normalized ? await repo.findCertificateByCode(db, normalized) : undefined;
	if (!certificate) return { found: false as const, code: normalized ?? code };
	return {
		found: true as const,
		valid: !certificate.revoked_at,
		code: certificate.code,
		educatorName: certificate.educator_name,
		offeringTitle: certificate.offering_title,
		hours: certificate.hours,
		creditTypeName: certificate.credit_type_name,
		issuerName: certificate.issuer_name,
		ecosystemName: certificate.ecosystem_name,
		firstSessionOn: certificate.first_session_on,
		lastSessionOn: certificate.last_session_on,
		issuedAt: certificate.issued_at
	};
}

/** An educator's own registrations and transcript of hours by year. */
export async function getMyLearning({ db, actor, ecosystemId }: Scoped) {
	requireAccess(actor, 'ecosystem.pd.participate', { ecosystemId });
	const [registrations, certificates] = await Promise.all([
		repo.listRegistrationsOfUser(db, ecosystemId, actor.userId),
		repo.listCertificatesOfUser(db, ecosystemId, actor.userId)
	]);
	return { registrations, transcript: transcriptByYear(certificates) };
}

/** The transcript as CSV: one row per certificate, with the year and hours. */
export async function transcriptCsv({ db, actor, ecosystemId }: Scoped): Promise<string> {
	const { transcript } = await getMyLearning({ db, actor, ecosystemId });
	return toCsv({
		header: ['year', 'offering', 'provider', 'hours', 'credit_type', 'completed_on', 'verification_code'],
		rows: transcript.flatMap((year) =>
			year.entries.map((e) => [String(year.year), e.offering_title, e.issuer_name, String(e.hours), e.credit_type_name ?? '', e.issued_at.slice(0, 10), e.code])
		)
	});
}

/** After completing, an educator evaluates the offering once; providers see only aggregates. */
export async function submitEvaluation({ db, actor, ecosystemId, slug, input }: Scoped & { slug: string; input: unknown }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.pd.participate', { ecosystemId });
	const parsed = validate(evaluationSchema, input);
	if (!parsed.ok) return parsed;
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	const registration = await repo.findActiveRegistration(db, ecosystemId, offering.id, actor.userId);
	if (!registration?.completed_at) return invalid([{ field: 'form', message: 'You can evaluate an offering once you have completed it.' }]);
	if (await repo.hasEvaluation(db, ecosystemId, registration.id)) return invalid([{ field: 'form', message: 'You have already evaluated this offering. Thank you.' }]);
	return db.transaction().execute(async (trx) => {
		await repo.insertEvaluation(trx, ecosystemId, { offeringId: offering.id, registrationId: registration.id, ...parsed.value });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'pd.evaluation.create',
			entityType: 'pd_offering',
			entityId: offering.id,
			summary: `Evaluated “${offering.title}”`
		});
		return ok(null);
	});
}

export async function listCreditTypes({ db, ecosystemId }: { db: Db; ecosystemId: string }) {
	return repo.listCreditTypes(db, ecosystemId);
}

/** Backbone staff configure the credit types their region recognises (e.g. Act 48 hours, PDUs). */
export async function createCreditType({ db, actor, ecosystemId, input }: Scoped & { input: unknown }): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.pd.manage', { ecosystemId });
	const parsed = validate(creditTypeSchema, input);
	if (!parsed.ok) return parsed;
	if ((await repo.listCreditTypes(db, ecosystemId)).some((c) => c.code === parsed.value.code)) {
		return invalid([{ field: 'code', message: 'A credit type already uses that code.' }]);
	}
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertCreditType(trx, ecosystemId, parsed.value);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'pd.credit_type.create',
			entityType: 'pd_credit_type',
			entityId: id,
			summary: `Added credit type “${parsed.value.name}”`
		});
		return ok({ id });
	});
}

/**
 * The edit form of an offering, pre-filled with what is stored. Only the people who run the
 * offering (its partner's staff, or backbone staff) may edit it.
 */
export async function getOfferingForEdit({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	requireManage(actor, ecosystemId, offering);
	const sessions = await repo.listSessions(db, ecosystemId, offering.id);
	return {
		offering,
		values: offeringFormValues(offering, sessions),
		sessionCount: sessions.length,
		registered: await repo.countActiveRegistrations(db, ecosystemId, offering.id),
		creditTypes: await repo.listCreditTypes(db, ecosystemId)
	};
}

/**
 * A provider edits an offering: its details and its sessions' times and places (new sessions may
 * be added; existing ones keep their check-ins and cannot be dropped). The capacity cannot go
 * below the seats already taken. When a session's time changes, everyone registered is emailed
 * the new time through the outbox, written in the same transaction as the change.
 */
export async function updateOffering({
	ctx,
	actor,
	ecosystemId,
	slug,
	input,
	origin
}: { ctx: AppContext; actor: Actor; ecosystemId: string; slug: string; input: unknown; origin: string }): Promise<Outcome<{ slug: string; notified: number; moved: number }>> {
	const db = ctx.db.kysely;
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	requireManage(actor, ecosystemId, offering);
	// Who provides the offering is not part of the edit: the form never sends it.
	const parsed = validate(offeringSchema, { ...(input as Record<string, unknown>), provider: offering.partner_id ?? 'backbone' });
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	if (value.credit_type_id && !(await repo.listCreditTypes(db, ecosystemId)).some((c) => c.id === value.credit_type_id)) {
		return invalid([{ field: 'credit_type_id', message: 'Choose a credit type from the list.' }]);
	}
	const ecosystem = await findEcosystemById(db, ecosystemId);
	if (!ecosystem) throw new DomainError('OFFERING_NOT_FOUND');
	const result = await db.transaction().execute(async (trx): Promise<Outcome<{ slug: string; notified: number; moved: number; mailIds: string[] }>> => {
		const stored = await repo.listSessions(trx, ecosystemId, offering.id);
		const plan = planSessionEdit(stored, value.sessions);
		if (!plan.ok) return invalid(plan.issues);
		const registered = await repo.countActiveRegistrations(trx, ecosystemId, offering.id);
		const capacity = capacityProblem(value.capacity, registered);
		if (capacity.length) return invalid(capacity);
		await repo.updateOffering(trx, ecosystemId, offering.id, value);
		for (const session of plan.updates) await repo.updateSession(trx, ecosystemId, offering.id, session);
		for (const session of plan.inserts) await repo.insertSession(trx, ecosystemId, offering.id, session);
		const moved = plan.updates.filter((s) => s.moved);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'pd.offering.update',
			entityType: 'pd_offering',
			entityId: offering.id,
			summary: `Edited PD offering “${value.title}” (capacity ${value.capacity}${moved.length ? `, ${moved.length} session${moved.length === 1 ? '' : 's'} moved` : ''}${plan.inserts.length ? `, ${plan.inserts.length} added` : ''})`
		});
		const mailIds: string[] = [];
		if (moved.length) {
			for (const person of await repo.listRegistrantContacts(trx, ecosystemId, offering.id)) {
				const locale = person.locale === 'es' ? 'es' : 'en';
				const title = localized(locale, value.title, value.title_es ?? null);
				const times = moved.map((s) => `- ${sessionTimeText(s)}${s.location ? `, ${s.location}` : ''}`).join('\n');
				mailIds.push(
					await ctx.mailer.queue(trx, {
						ecosystemId,
						to: person.email,
						kind: 'pd_session_moved',
						subject: m.pd_edit_mail_subject({ title }, { locale }),
						text: m.pd_edit_mail_body(
							{ name: person.name, title, times, url: `${origin}/e/${ecosystem.slug}/pd/${offering.slug}`, ecosystem: localized(locale, ecosystem.name, ecosystem.name_es ?? null) },
							{ locale }
						)
					})
				);
			}
		}
		return ok({ slug: offering.slug, notified: mailIds.length, moved: moved.length, mailIds });
	});
	if (!result.ok) return result;
	await ctx.mailer.deliver(result.value.mailIds);
	return ok({ slug: result.value.slug, notified: result.value.notified, moved: result.value.moved });
}

/**
 * The partner a coordinator registers staff for: her own organisation, where she manages its
 * members (a partner admin). Anyone else is refused.
 */
function coordinatorPartnerId(actor: Actor, ecosystemId: string): string {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partnerId = membershipIn(actor, ecosystemId)?.partnerId;
	if (!partnerId) throw new DomainError('FORBIDDEN');
	requireAccess(actor, 'partner.members.manage', { ecosystemId, partnerId });
	return partnerId;
}

/**
 * What a partner coordinator sees for one published offering: her organisation's staff, who of
 * them holds a seat (and who registered them), and the seats left. She may cancel the
 * registrations a coordinator made, not the ones her staff made themselves or completed.
 */
export async function getStaffRegistration({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	const partnerId = coordinatorPartnerId(actor, ecosystemId);
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	if (!offering.published_at) throw new DomainError('OFFERING_NOT_FOUND');
	const [members, registrations, partner, taken] = await Promise.all([
		repo.listPartnerMembers(db, ecosystemId, partnerId),
		repo.listStaffRegistrations(db, ecosystemId, offering.id, partnerId),
		findPartnerById(db, ecosystemId, partnerId),
		repo.countActiveRegistrations(db, ecosystemId, offering.id)
	]);
	const byUser = new Map(registrations.map((r) => [r.user_id, r]));
	return {
		offering,
		partnerName: partner?.name ?? '',
		seatsLeft: Math.max(0, offering.capacity - taken),
		staff: members.map((person) => {
			const registration = byUser.get(person.user_id);
			return {
				userId: person.user_id,
				name: person.name,
				email: person.email,
				registration: registration
					? {
							id: registration.registration_id,
							registeredAt: registration.registered_at,
							completed: !!registration.completed_at,
							registeredByName: registration.registered_by_user_id ? (registration.registered_by_name ?? '') : null,
							cancellable: !!registration.registered_by_user_id && !registration.completed_at
						}
					: null
			};
		})
	};
}

/**
 * A partner coordinator registers people on her own staff for a published offering. All of them
 * get a seat or none does (the capacity trigger guards the last seat when others register at
 * once), and each is emailed the confirmation, with the sessions and the calendar file, through
 * the outbox in the same transaction.
 */
export async function registerStaff({
	ctx,
	actor,
	ecosystemId,
	slug,
	userIds,
	origin
}: { ctx: AppContext; actor: Actor; ecosystemId: string; slug: string; userIds: string[]; origin: string }): Promise<Outcome<{ registered: number }>> {
	const db = ctx.db.kysely;
	const partnerId = coordinatorPartnerId(actor, ecosystemId);
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	if (!offering.published_at) throw new DomainError('OFFERING_NOT_FOUND');
	const chosen = [...new Set(userIds.filter((id) => typeof id === 'string' && id !== ''))];
	if (chosen.length === 0) return invalid([{ field: 'user_ids', message: 'Choose at least one person from your organisation to register.' }]);
	const members = new Map((await repo.listPartnerMembers(db, ecosystemId, partnerId)).map((p) => [p.user_id, p]));
	if (chosen.some((id) => !members.has(id))) {
		return invalid([{ field: 'user_ids', message: 'You can register only people on your own organisation’s staff; choose from the list.' }]);
	}
	const registered = new Set((await repo.listStaffRegistrations(db, ecosystemId, offering.id, partnerId)).map((r) => r.user_id));
	const already = chosen.filter((id) => registered.has(id)).map((id) => members.get(id)!.name);
	if (already.length) return invalid([{ field: 'user_ids', message: `Already registered for this offering: ${already.join(', ')}.` }]);
	const ecosystem = await findEcosystemById(db, ecosystemId);
	if (!ecosystem) throw new DomainError('OFFERING_NOT_FOUND');
	const sessions = await repo.listSessions(db, ecosystemId, offering.id);
	const full = (left: number) =>
		invalid<{ registered: number; mailIds: string[] }>([
			{ field: 'user_ids', message: left === 0 ? 'This offering is full: every seat is taken.' : `Only ${left} seat${left === 1 ? ' is' : 's are'} left; you chose ${chosen.length}. Choose fewer people.` }
		]);
	const seatsLeft = offering.capacity - (await repo.countActiveRegistrations(db, ecosystemId, offering.id));
	if (chosen.length > seatsLeft) return full(Math.max(0, seatsLeft));
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ registered: number; mailIds: string[] }>> => {
			const mailIds: string[] = [];
			for (const userId of chosen) {
				const person = members.get(userId)!;
				const registrationId = await repo.insertRegistration(trx, ecosystemId, offering.id, userId, actor.kind === 'user' ? actor.userId : null);
				await recordAudit(trx, {
					actor,
					ecosystemId,
					action: 'pd.registration.create_for_staff',
					entityType: 'pd_registration',
					entityId: registrationId,
					summary: `Registered ${person.name} (staff) for “${offering.title}”`
				});
				const locale = person.locale === 'es' ? 'es' : 'en';
				const title = localized(locale, offering.title, offering.title_es);
				const url = `${origin}/e/${ecosystem.slug}/pd/${offering.slug}`;
				const times = sessions.length ? sessions.map((s) => `- ${sessionTimeText(s)}${s.location ? `, ${s.location}` : ''}`).join('\n') : m.edu4_mail_self_paced({}, { locale });
				mailIds.push(
					await ctx.mailer.queue(trx, {
						ecosystemId,
						to: person.email,
						kind: 'pd_staff_registered',
						subject: m.edu4_staff_mail_subject({ title }, { locale }),
						text: m.edu4_staff_mail_body(
							{
								name: person.name,
								coordinator: actor.kind === 'user' ? actor.name : '',
								title,
								times,
								url,
								ics: `${url}/sessions.ics`,
								ecosystem: localized(locale, ecosystem.name, ecosystem.name_es ?? null)
							},
							{ locale }
						)
					})
				);
			}
			return ok({ registered: chosen.length, mailIds });
		});
	let result: Outcome<{ registered: number; mailIds: string[] }>;
	try {
		result = await attempt();
	} catch (error) {
		// Someone took the last seats meanwhile: nothing of this batch was kept.
		if (repo.isCapacityFull(error)) return full(Math.max(0, offering.capacity - (await repo.countActiveRegistrations(db, ecosystemId, offering.id))));
		throw error;
	}
	if (!result.ok) return result;
	await ctx.mailer.deliver(result.value.mailIds);
	return ok({ registered: result.value.registered });
}

/**
 * The coordinator cancels a registration she (or another coordinator of her organisation) made
 * for a member of her staff; the person is told by email. Completed registrations stay.
 */
export async function cancelStaffRegistration({
	ctx,
	actor,
	ecosystemId,
	slug,
	registrationId,
	origin
}: { ctx: AppContext; actor: Actor; ecosystemId: string; slug: string; registrationId: string; origin: string }): Promise<Outcome<null>> {
	const db = ctx.db.kysely;
	const partnerId = coordinatorPartnerId(actor, ecosystemId);
	const offering = await offeringOrThrow(db, ecosystemId, slug);
	const registration = (await repo.listStaffRegistrations(db, ecosystemId, offering.id, partnerId)).find((r) => r.registration_id === registrationId);
	if (!registration) throw new DomainError('PD_REGISTRATION_NOT_FOUND');
	if (registration.completed_at) return invalid([{ field: 'form', message: 'A completed offering cannot be cancelled.' }]);
	if (!registration.registered_by_user_id) {
		return invalid([{ field: 'form', message: 'This person registered themselves; only they can cancel their registration.' }]);
	}
	const person = (await repo.listPartnerMembers(db, ecosystemId, partnerId)).find((p) => p.user_id === registration.user_id)!;
	const ecosystem = await findEcosystemById(db, ecosystemId);
	if (!ecosystem) throw new DomainError('OFFERING_NOT_FOUND');
	const result = await db.transaction().execute(async (trx): Promise<Outcome<{ mailId: string }>> => {
		if ((await repo.cancelRegistration(trx, ecosystemId, registration.registration_id)) === 0) {
			return invalid([{ field: 'form', message: 'This registration was already cancelled or completed; reload the page.' }]);
		}
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'pd.registration.cancel_for_staff',
			entityType: 'pd_registration',
			entityId: registration.registration_id,
			summary: `Cancelled the registration of ${person.name} (staff) for “${offering.title}”`
		});
		const locale = person.locale === 'es' ? 'es' : 'en';
		const title = localized(locale, offering.title, offering.title_es);
		const mailId = await ctx.mailer.queue(trx, {
			ecosystemId,
			to: person.email,
			kind: 'pd_staff_cancelled',
			subject: m.edu4_staff_cancel_mail_subject({ title }, { locale }),
			text: m.edu4_staff_cancel_mail_body(
				{
					name: person.name,
					coordinator: actor.kind === 'user' ? actor.name : '',
					title,
					url: `${origin}/e/${ecosystem.slug}/pd/${offering.slug}`,
					ecosystem: localized(locale, ecosystem.name, ecosystem.name_es ?? null)
				},
				{ locale }
			)
		});
		return ok({ mailId });
	});
	if (!result.ok) return result;
	await ctx.mailer.deliver([result.value.mailId]);
	return ok(null);
}

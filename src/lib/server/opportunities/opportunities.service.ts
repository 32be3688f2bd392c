import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { AppContext } from '../context.js';
import { requireAccess } from '../auth/access.js';
import { membershipIn, partnerRoles, publicActor, type Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, isUniqueViolation, retryOnUniqueViolation } from '../db/unique-violation.js';
import { validate } from '../validation.js';
import { nowIso, randomToken, sha256, slugify } from '../util.js';
import { partnerActedFor, partnersActorActsFor } from '../partners/acting-for.js';
import { listOccupations } from '../careers/careers.repository.js';
import type { OutgoingMessage } from '../mail/mail.repository.js';
import * as m from '../../paraglide/messages.js';
import * as repo from './opportunities.repository.js';
import {
	applicationSchema,
	eligibility,
	isOpen,
	messageSchema,
	opportunitySchema,
	reviewSchema,
	todayUtc,
	type IneligibleReason,
	type OpportunitySearch
} from './opportunities.js';

type Db = Kysely<Database>;
const reservedSlugs = new Set(['new', 'saved', 'posted', 'withdraw']);

/** The public view of an opportunity: its rules parsed, and whether it takes applications today. */
function publicView(row: repo.OpportunityRow, today: string) {
	return {
		...row,
		zipCodes: JSON.parse(row.zip_codes_json) as string[],
		focus: JSON.parse(row.focus_json) as string[],
		open: isOpen(row, today)
	};
}
export type OpportunityView = ReturnType<typeof publicView>;

export async function searchOpportunities({ db, ecosystemId, search, today = todayUtc() }: { db: Db; ecosystemId: string; search: OpportunitySearch; today?: string }) {
	return (await repo.searchOpen(db, ecosystemId, search, today)).map((row) => publicView(row, today));
}

export async function getOpportunity({ db, ecosystemId, slug, today = todayUtc() }: { db: Db; ecosystemId: string; slug: string; today?: string }) {
	const row = await repo.findOpportunityBySlug(db, ecosystemId, slug);
	if (!row) throw new DomainError('OPPORTUNITY_NOT_FOUND');
	return publicView(row, today);
}

/** The visitor's saved list (kept in a cookie of web addresses, so saving needs no account). */
export async function savedOpportunities({ db, ecosystemId, slugs, today = todayUtc() }: { db: Db; ecosystemId: string; slugs: string[]; today?: string }) {
	return (await repo.findOpportunitiesBySlugs(db, ecosystemId, slugs.slice(0, 50))).map((row) => publicView(row, today));
}

/** The partners this person may post for: their own partner, or every partner for backbone staff. */
const postablePartners = (db: Db, actor: Actor, ecosystemId: string) => partnersActorActsFor(db, actor, ecosystemId, 'partner.opportunities.post');

/** What the "Post an opportunity" form offers. */
export async function prepareOpportunityForm({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partners = await postablePartners(db, actor, ecosystemId);
	if (partners.length === 0) throw new DomainError('FORBIDDEN');
	const occupations = await listOccupations(db);
	return { partners: partners.map((p) => ({ slug: p.slug, name: p.name })), occupations };
}

/**
 * A partner posts an opportunity. `partner` (a partner's web address) says for whom: partner
 * staff may post only for their own partner, backbone staff for any partner of the ecosystem.
 */
export async function postOpportunity({
	db,
	actor,
	ecosystemId,
	partnerSlug,
	input,
	isDemo = false
}: {
	db: Db;
	actor: Actor;
	ecosystemId: string;
	partnerSlug: string;
	input: unknown;
	isDemo?: boolean;
}): Promise<Outcome<{ slug: string }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await partnerActedFor(db, actor, ecosystemId, partnerSlug, 'partner.opportunities.post');
	const parsed = validate(opportunitySchema, input);
	if (!parsed.ok) return parsed;
	if (!partner) return invalid([{ field: 'partner', message: 'Choose the partner organisation offering this opportunity.' }]);
	const value = parsed.value;
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ slug: string }>> => {
			if (value.occupation_code && !(await listOccupations(trx)).some((o) => o.code === value.occupation_code)) {
				return invalid([{ field: 'occupation_code', message: 'Choose a STEM career from the list.' }]);
			}
			const base = slugify(value.title) || 'opportunity';
			// Addresses the list's own pages use (…/opportunities/new, /saved, /posted) stay theirs.
			if (reservedSlugs.has(base)) return invalid([{ field: 'title', message: 'Give the opportunity a more descriptive title.' }]);
			let slug = base;
			for (let n = 2; await repo.slugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
			const id = await repo.insertOpportunity(trx, { ecosystemId, partnerId: partner.id, slug, postedBy: actor.userId, isDemo, input: value });
			await recordAudit(trx, {
				actor,
				ecosystemId,
				action: 'opportunity.post',
				entityType: 'opportunity',
				entityId: id,
				summary: `Posted “${value.title}” for ${partner.name}`
			});
			return ok({ slug });
		});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'title', message: ADDRESS_JUST_TAKEN }]));
}

/** The poster's view of an opportunity: only members of the posting partner get past this. */
async function opportunityForReview(db: Db, actor: Actor, ecosystemId: string, slug: string) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const opportunity = await repo.findOpportunityBySlug(db, ecosystemId, slug);
	if (!opportunity) throw new DomainError('OPPORTUNITY_NOT_FOUND');
	requireAccess(actor, 'partner.applications.review', { ecosystemId, partnerId: opportunity.partner_id });
	return { opportunity, reviewer: actor };
}

/** The applications to one opportunity, with contact data, for the partner that posted it. */
export async function listApplicationsForReview({ db, actor, ecosystemId, slug, today = todayUtc() }: { db: Db; actor: Actor; ecosystemId: string; slug: string; today?: string }) {
	const { opportunity } = await opportunityForReview(db, actor, ecosystemId, slug);
	const applications = await repo.listApplications(db, ecosystemId, opportunity.id);
	return { opportunity: publicView(opportunity, today), applications, placed: applications.filter((a) => a.status === 'placed').length };
}

export async function getApplicationForReview({ db, actor, ecosystemId, slug, applicationId }: { db: Db; actor: Actor; ecosystemId: string; slug: string; applicationId: string }) {
	const { opportunity } = await opportunityForReview(db, actor, ecosystemId, slug);
	const application = await repo.findApplication(db, ecosystemId, opportunity.id, applicationId);
	if (!application) throw new DomainError('APPLICATION_NOT_FOUND');
	const messages = await repo.listMessages(db, ecosystemId, application.id);
	return { opportunity: publicView(opportunity, todayUtc()), application, messages };
}

/** The poster sets an application's status and private notes; "placed" reports a placement. */
export async function reviewApplication({
	db,
	actor,
	ecosystemId,
	slug,
	applicationId,
	input
}: {
	db: Db;
	actor: Actor;
	ecosystemId: string;
	slug: string;
	applicationId: string;
	input: unknown;
}): Promise<Outcome<null>> {
	const { opportunity } = await opportunityForReview(db, actor, ecosystemId, slug);
	const parsed = validate(reviewSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		const application = await repo.findApplication(trx, ecosystemId, opportunity.id, applicationId);
		if (!application) throw new DomainError('APPLICATION_NOT_FOUND');
		const placedAt = parsed.value.status === 'placed' ? (application.placed_at ?? nowIso()) : null;
		await repo.updateApplicationReview(trx, ecosystemId, application.id, { ...parsed.value, placedAt });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'opportunity.application.review',
			entityType: 'opportunity_application',
			entityId: application.id,
			// No applicant names in the audit log: backbone admins read it, and contact data is the poster's.
			summary: `Set an application to “${opportunity.title}” to ${parsed.value.status}`
		});
		return ok(null);
	});
}

/** The poster writes to an applicant; the email goes through the outbox and the message is kept. */
export async function messageApplicant({
	ctx,
	actor,
	ecosystemId,
	slug,
	applicationId,
	input
}: {
	ctx: Pick<AppContext, 'mailer'> & { db: { kysely: Db } };
	actor: Actor;
	ecosystemId: string;
	slug: string;
	applicationId: string;
	input: unknown;
}): Promise<Outcome<null>> {
	const db = ctx.db.kysely;
	const { opportunity, reviewer } = await opportunityForReview(db, actor, ecosystemId, slug);
	const parsed = validate(messageSchema, input);
	if (!parsed.ok) return parsed;
	const mail = await db.transaction().execute(async (trx) => {
		const application = await repo.findApplication(trx, ecosystemId, opportunity.id, applicationId);
		if (!application) throw new DomainError('APPLICATION_NOT_FOUND');
		const id = await repo.insertMessage(trx, { ecosystemId, applicationId: application.id, senderUserId: reviewer.userId, ...parsed.value });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'opportunity.application.message',
			entityType: 'opportunity_message',
			entityId: id,
			summary: `Emailed an applicant to “${opportunity.title}”`
		});
		const locale = application.locale === 'es' ? 'es' : 'en';
		const footer = m.opp_mail_message_footer({ partner: opportunity.partner_name, title: opportunity.title }, { locale });
		return {
			ecosystemId,
			to: application.applicant_email,
			subject: parsed.value.subject,
			text: `${parsed.value.body}\n\n--\n${footer}`,
			kind: 'opportunity_message'
		} satisfies OutgoingMessage;
	});
	await ctx.mailer.send(mail);
	return ok(null);
}

export type ApplyResult = { applied: true } | { applied: false; reasons: IneligibleReason[] };

/**
 * Anyone may apply (young people have no accounts). Eligibility is checked against the
 * opportunity's rules and explained when not met; the applicant gets a confirmation email.
 */
export async function applyToOpportunity({
	ctx,
	ecosystemId,
	slug,
	input,
	link,
	today = todayUtc()
}: {
	ctx: Pick<AppContext, 'mailer'> & { db: { kysely: Db } };
	ecosystemId: string;
	slug: string;
	input: unknown;
	/** The site's origin and the ecosystem's address, for the private withdrawal link in the confirmation email. */
	link?: { origin: string; ecosystemSlug: string };
	today?: string;
}): Promise<Outcome<ApplyResult>> {
	const db = ctx.db.kysely;
	const opportunity = await repo.findOpportunityBySlug(db, ecosystemId, slug);
	if (!opportunity) throw new DomainError('OPPORTUNITY_NOT_FOUND');
	if (!isOpen(opportunity, today)) throw new DomainError('OPPORTUNITY_CLOSED');
	const parsed = validate(applicationSchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	const reasons = eligibility({ ...opportunity, zipCodes: JSON.parse(opportunity.zip_codes_json) as string[] }, value);
	if (reasons.length) return ok({ applied: false, reasons });
	const duplicate = () => invalid<ApplyResult>([{ field: 'email', message: 'You have already applied to this opportunity with that email address.' }]);
	// Only its hash is stored: the link in the email is the applicant's only way to withdraw.
	const withdrawToken = randomToken();
	let confirmation: OutgoingMessage;
	try {
		const outcome = await db.transaction().execute(async (trx): Promise<Outcome<ApplyResult>> => {
			if (await repo.hasApplied(trx, ecosystemId, opportunity.id, value.email)) return duplicate();
			const id = await repo.insertApplication(trx, ecosystemId, opportunity.id, value, sha256(withdrawToken));
			await recordAudit(trx, {
				actor: publicActor,
				ecosystemId,
				action: 'opportunity.apply',
				entityType: 'opportunity_application',
				entityId: id,
				summary: `Someone applied to “${opportunity.title}”`
			});
			return ok({ applied: true });
		});
		if (!outcome.ok) return outcome;
		const title = value.locale === 'es' && opportunity.title_es ? opportunity.title_es : opportunity.title;
		confirmation = {
			ecosystemId,
			to: value.email,
			subject: m.opp_mail_applied_subject({ title }, { locale: value.locale }),
			text:
				m.opp_mail_applied_body({ name: value.name, title, partner: opportunity.partner_name }, { locale: value.locale }) +
				(link ? `\n\n${m.careers_mail_withdraw_line({ url: withdrawUrl(link.origin, link.ecosystemSlug, withdrawToken) }, { locale: value.locale })}` : ''),
			kind: 'opportunity_applied'
		};
	} catch (error) {
		// Two identical submissions at once: the unique constraint lets one in.
		if (isUniqueViolation(error)) return duplicate();
		throw error;
	}
	await ctx.mailer.send(confirmation);
	return ok({ applied: true });
}

/** The applicant's private link to withdraw an application. */
export function withdrawUrl(origin: string, ecosystemSlug: string, token: string): string {
	return `${origin}/e/${ecosystemSlug}/opportunities/withdraw/${token}`;
}

/** What the withdrawal link shows: the opportunity's title and whether the application is already withdrawn (nothing about the applicant). */
export async function getWithdrawal({ db, ecosystemId, token }: { db: Db; ecosystemId: string; token: string }) {
	const found = await repo.findApplicationByWithdrawHash(db, ecosystemId, sha256(token));
	if (!found) throw new DomainError('NOT_FOUND', 'This withdrawal link is not valid. Use the link in your confirmation email.');
	return { title: found.title, titleEs: found.title_es, slug: found.slug, withdrawn: found.withdrawn_at !== null };
}

/**
 * The applicant withdraws through the private link in their confirmation email (they have no
 * account). Idempotent; the poster then sees the application as withdrawn. The audit row names
 * no one.
 */
export async function withdrawApplication({ db, ecosystemId, token }: { db: Db; ecosystemId: string; token: string }): Promise<void> {
	const found = await repo.findApplicationByWithdrawHash(db, ecosystemId, sha256(token));
	if (!found) throw new DomainError('NOT_FOUND', 'This withdrawal link is not valid. Use the link in your confirmation email.');
	await db.transaction().execute(async (trx) => {
		if ((await repo.markWithdrawn(trx, ecosystemId, found.id)) === 0) return;
		await recordAudit(trx, { actor: publicActor, ecosystemId, action: 'opportunity.withdraw', entityType: 'opportunity_application', entityId: found.id, summary: `An applicant withdrew from “${found.title}”` });
	});
}

/** The poster's edit form, filled with the opportunity as it is. */
export async function getOpportunityForEdit({ db, actor, ecosystemId, slug }: { db: Db; actor: Actor; ecosystemId: string; slug: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const row = await repo.findOpportunityBySlug(db, ecosystemId, slug);
	if (!row) throw new DomainError('OPPORTUNITY_NOT_FOUND');
	requireAccess(actor, 'partner.opportunities.post', { ecosystemId, partnerId: row.partner_id });
	return { opportunity: row, occupations: await listOccupations(db) };
}

/** The poster (staff of the posting partner, or backbone staff) changes an opportunity; its address stays. */
export async function editOpportunity({ db, actor, ecosystemId, slug, input }: { db: Db; actor: Actor; ecosystemId: string; slug: string; input: unknown }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const row = await repo.findOpportunityBySlug(db, ecosystemId, slug);
	if (!row) throw new DomainError('OPPORTUNITY_NOT_FOUND');
	requireAccess(actor, 'partner.opportunities.post', { ecosystemId, partnerId: row.partner_id });
	const parsed = validate(opportunitySchema, input);
	if (!parsed.ok) return parsed;
	const value = parsed.value;
	return db.transaction().execute(async (trx) => {
		if (value.occupation_code && !(await listOccupations(trx)).some((o) => o.code === value.occupation_code)) {
			return invalid([{ field: 'occupation_code', message: 'Choose a STEM career from the list.' }]);
		}
		await repo.updateOpportunity(trx, ecosystemId, row.id, value);
		await recordAudit(trx, { actor, ecosystemId, action: 'opportunity.edit', entityType: 'opportunity', entityId: row.id, summary: `Edited “${value.title}”` });
		return ok(null);
	});
}

/** Closes every opportunity whose deadline day is over (all ecosystems); run by the server hourly. */
export async function closeExpiredOpportunities({ db, today = todayUtc() }: { db: Db; today?: string }): Promise<number> {
	return db.transaction().execute(async (trx) => {
		const expired = await repo.listExpired(trx, today);
		for (const o of expired) {
			await repo.closeOpportunity(trx, o.ecosystem_id, o.id, 'deadline');
			await recordAudit(trx, {
				actor: publicActor,
				ecosystemId: o.ecosystem_id,
				action: 'opportunity.expire',
				entityType: 'opportunity',
				entityId: o.id,
				summary: `“${o.title}” closed itself: its deadline passed`
			});
		}
		return expired.length;
	});
}

/** The poster closes an opportunity early (e.g. all places filled). */
export async function closeOpportunityEarly({ db, actor, ecosystemId, slug }: { db: Db; actor: Actor; ecosystemId: string; slug: string }): Promise<void> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const opportunity = await repo.findOpportunityBySlug(db, ecosystemId, slug);
	if (!opportunity) throw new DomainError('OPPORTUNITY_NOT_FOUND');
	requireAccess(actor, 'partner.opportunities.post', { ecosystemId, partnerId: opportunity.partner_id });
	await db.transaction().execute(async (trx) => {
		if ((await repo.closeOpportunity(trx, ecosystemId, opportunity.id, 'poster')) === 0) return;
		await recordAudit(trx, { actor, ecosystemId, action: 'opportunity.close', entityType: 'opportunity', entityId: opportunity.id, summary: `Closed “${opportunity.title}”` });
	});
}

/**
 * The opportunities a person posts or reviews: partner staff see their partner's, backbone staff
 * every partner's (counts only; contact data stays with the posting partner).
 */
export async function listPostedOpportunities({ db, actor, ecosystemId, today = todayUtc() }: { db: Db; actor: Actor; ecosystemId: string; today?: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partners = await postablePartners(db, actor, ecosystemId);
	if (partners.length === 0) throw new DomainError('FORBIDDEN');
	const membership = membershipIn(actor, ecosystemId);
	const reviews = !!membership && partnerRoles.includes(membership.role);
	const rows = (await Promise.all(partners.map((p) => repo.listForPartner(db, ecosystemId, p.id)))).flat();
	return {
		canReview: reviews,
		opportunities: rows.map((r) => ({ ...publicView(r, today), applications: Number(r.applications), placed: Number(r.placed) }))
	};
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import { decide, type Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { partnerActedFor, partnersActorActsFor } from '../partners/acting-for.js';
import * as repo from './commitments.repository.js';
import { commitmentSchema, percentOf, progressSchema } from './commitments.js';

type Db = Kysely<Database>;

const withPercent = (c: repo.CommitmentRow) => ({ ...c, progress: c.progress === null ? null : Number(c.progress), percent: percentOf(c.progress === null ? null : Number(c.progress), c.target) });

/** The public register: every commitment with its latest progress. */
export async function listRegister({ db, ecosystemId }: { db: Db; ecosystemId: string }) {
	return (await repo.listCommitments(db, ecosystemId)).map(withPercent);
}

export async function getCommitment({ db, actor, ecosystemId, id }: { db: Db; actor: Actor; ecosystemId: string; id: string }) {
	const commitment = await repo.findCommitment(db, ecosystemId, id);
	if (!commitment) throw new DomainError('COMMITMENT_NOT_FOUND');
	return {
		commitment: withPercent(commitment),
		updates: await repo.listUpdates(db, ecosystemId, commitment.id),
		canUpdate: decide(actor, 'partner.commitments.manage', { ecosystemId, partnerId: commitment.partner_id }) === 'allow'
	};
}

export async function prepareCommitmentForm({ db, actor, ecosystemId }: { db: Db; actor: Actor; ecosystemId: string }) {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partners = await partnersActorActsFor(db, actor, ecosystemId, 'partner.commitments.manage');
	if (partners.length === 0) throw new DomainError('FORBIDDEN');
	return { partners: partners.map((p) => ({ slug: p.slug, name: p.name })) };
}

/** A partner admin (or backbone staff for a partner) publishes a commitment on the public register. */
export async function publishCommitment({
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
}): Promise<Outcome<{ id: string }>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await partnerActedFor(db, actor, ecosystemId, partnerSlug, 'partner.commitments.manage');
	const parsed = validate(commitmentSchema, input);
	if (!parsed.ok) return parsed;
	if (!partner) return invalid([{ field: 'partner', message: 'Choose the partner organisation making the commitment.' }]);
	return db.transaction().execute(async (trx) => {
		const id = await repo.insertCommitment(trx, { ecosystemId, partnerId: partner.id, userId: actor.userId, isDemo, ...parsed.value });
		await recordAudit(trx, { actor, ecosystemId, action: 'commitment.publish', entityType: 'commitment', entityId: id, summary: `${partner.name} committed to “${parsed.value.title}”` });
		return ok({ id });
	});
}

/** The committing partner reports its progress so far (cumulative), with a note. */
export async function reportProgress({ db, actor, ecosystemId, id, input }: { db: Db; actor: Actor; ecosystemId: string; id: string; input: unknown }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const commitment = await repo.findCommitment(db, ecosystemId, id);
	if (!commitment) throw new DomainError('COMMITMENT_NOT_FOUND');
	requireAccess(actor, 'partner.commitments.manage', { ecosystemId, partnerId: commitment.partner_id });
	const parsed = validate(progressSchema, input);
	if (!parsed.ok) return parsed;
	return db.transaction().execute(async (trx) => {
		const updateId = await repo.insertUpdate(trx, { ecosystemId, commitmentId: commitment.id, userId: actor.userId, ...parsed.value });
		await recordAudit(trx, { actor, ecosystemId, action: 'commitment.progress', entityType: 'commitment_update', entityId: updateId, summary: `Progress on “${commitment.title}”: ${parsed.value.progress} of ${commitment.target}` });
		return ok(null);
	});
}

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import { decide, type Actor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type FieldIssue, type Outcome } from '../errors.js';
import { ADDRESS_JUST_TAKEN, retryOnUniqueViolation } from '../db/unique-violation.js';
import { validate } from '../validation.js';
import { slugify } from '../util.js';
import * as repo from './evidence.repository.js';
import { checkUploadFully, resourceFormValues, resourceSchema, searchTerms, type UploadedFile } from './evidence.js';

type Db = Kysely<Database>;
interface Scoped {
	db: Db;
	actor: Actor;
	ecosystemId: string;
}

/** The public library: published resources, searched in full text when there is a query. */
export async function searchLibrary({ db, ecosystemId, query }: { db: Db; ecosystemId: string; query?: string | null }) {
	return repo.searchPublished(db, ecosystemId, searchTerms(query));
}

/** A published resource; suggestions are visible only to backbone staff and the partner that made them. */
export async function getResource({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	const resource = await repo.findResourceBySlug(db, ecosystemId, slug);
	if (!resource || (resource.status !== 'published' && !canSeeUnpublished(actor, ecosystemId, resource))) throw new DomainError('RESOURCE_NOT_FOUND');
	return resource;
}

function canSeeUnpublished(actor: Actor, ecosystemId: string, resource: { suggested_by_partner_id: string | null }): boolean {
	if (decide(actor, 'ecosystem.evidence.manage', { ecosystemId }) === 'allow') return true;
	const membership = actor.kind === 'user' ? actor.memberships.find((m) => m.ecosystemId === ecosystemId) : undefined;
	return !!resource.suggested_by_partner_id && membership?.partnerId === resource.suggested_by_partner_id;
}

/** A resource's stored file, for download as an attachment. */
export async function getResourceFile({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	const resource = await getResource({ db, actor, ecosystemId, slug });
	const file = resource.file_id ? await repo.findFile(db, ecosystemId, resource.file_id) : undefined;
	if (!file) throw new DomainError('NOT_FOUND');
	return file;
}

/**
 * Backbone staff publish a resource; partner staff suggest one for review. Either way the file,
 * when there is one, is checked by its content and size before anything is stored.
 */
export async function submitResource({
	db,
	actor,
	ecosystemId,
	input,
	file
}: Scoped & { input: unknown; file?: UploadedFile | null }): Promise<Outcome<{ slug: string; status: 'published' | 'suggested' }>> {
	requireAccess(actor, 'ecosystem.evidence.suggest', { ecosystemId });
	const publish = decide(actor, 'ecosystem.evidence.manage', { ecosystemId }) === 'allow';
	const parsed = validate(resourceSchema, input);
	const issues: FieldIssue[] = parsed.ok ? [] : [...parsed.issues];
	const upload = file && file.bytes.length > 0 ? await checkUploadFully(file) : null;
	if (upload && 'issue' in upload) issues.push({ field: 'file', message: upload.issue });
	if (parsed.ok && !parsed.value.url && !upload) issues.push({ field: 'url', message: 'Give a web address or upload a file.' });
	if (!parsed.ok || issues.length) return invalid(issues);
	const value = parsed.value;
	const membership = actor.memberships.find((m) => m.ecosystemId === ecosystemId);
	const status = publish ? 'published' : 'suggested';
	const attempt = () =>
		db.transaction().execute(async (trx): Promise<Outcome<{ slug: string; status: 'published' | 'suggested' }>> => {
			const base = slugify(value.title) || 'resource';
			let slug = base === 'suggest' || base === 'review' ? `${base}-resource` : base;
			for (let n = 2; await repo.resourceSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
			const fileId = upload && 'contentType' in upload && file ? await repo.insertFile(trx, ecosystemId, { name: file.name, contentType: upload.contentType, bytes: file.bytes }) : null;
			const id = await repo.insertResource(trx, ecosystemId, {
				slug,
				status,
				input: value,
				fileId,
				partnerId: publish ? null : (membership?.partnerId ?? null),
				userId: actor.userId
			});
			await recordAudit(trx, {
				actor,
				ecosystemId,
				action: publish ? 'evidence.publish' : 'evidence.suggest',
				entityType: 'evidence_resource',
				entityId: id,
				summary: `${publish ? 'Published' : 'Suggested'} resource “${value.title}”`
			});
			return ok({ slug, status });
		});
	return retryOnUniqueViolation(attempt, () => invalid([{ field: 'title', message: ADDRESS_JUST_TAKEN }]));
}

/** Backbone staff's review queue. */
export async function listSuggestions({ db, actor, ecosystemId }: Scoped) {
	requireAccess(actor, 'ecosystem.evidence.manage', { ecosystemId });
	return repo.listByStatus(db, ecosystemId, 'suggested');
}

/** Backbone staff publish or reject a partner's suggestion, with an optional note. */
export async function reviewSuggestion({
	db,
	actor,
	ecosystemId,
	slug,
	input
}: Scoped & { slug: string; input: { decision?: string; note?: string } }): Promise<Outcome<null>> {
	requireAccess(actor, 'ecosystem.evidence.manage', { ecosystemId });
	if (input.decision !== 'publish' && input.decision !== 'reject') return invalid([{ field: 'decision', message: 'Choose to publish or reject the suggestion.' }]);
	if ((input.note?.length ?? 0) > 1000) return invalid([{ field: 'note', message: 'The note can have at most 1000 characters.' }]);
	const resource = await repo.findResourceBySlug(db, ecosystemId, slug);
	if (!resource) throw new DomainError('RESOURCE_NOT_FOUND');
	const status = input.decision === 'publish' ? 'published' : 'rejected';
	return db.transaction().execute(async (trx) => {
		if ((await repo.reviewResource(trx, ecosystemId, resource.id, { status, note: input.note?.trim() || null, userId: actor.userId })) === 0) {
			return invalid<null>([{ field: 'decision', message: 'This suggestion has already been reviewed.' }]);
		}
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: `evidence.${input.decision}`,
			entityType: 'evidence_resource',
			entityId: resource.id,
			summary: `${status === 'published' ? 'Published' : 'Rejected'} the suggested resource “${resource.title}”`
		});
		return ok(null);
	});
}

/**
 * Who may edit a resource: backbone staff always; the staff of the partner that suggested it only
 * while it is still pending review (once published or rejected, it is the backbone's).
 */
function requireEdit(actor: Actor, ecosystemId: string, resource: repo.ResourceRow): 'backbone' | 'suggester' {
	if (decide(actor, 'ecosystem.evidence.manage', { ecosystemId }) === 'allow') return 'backbone';
	requireAccess(actor, 'ecosystem.evidence.suggest', { ecosystemId });
	const membership = actor.memberships.find((m) => m.ecosystemId === ecosystemId);
	if (resource.status === 'suggested' && resource.suggested_by_partner_id && membership?.partnerId === resource.suggested_by_partner_id) return 'suggester';
	// The same refusal as for anyone else without the right.
	requireAccess(actor, 'ecosystem.evidence.manage', { ecosystemId });
	return 'backbone';
}

/** Whether to offer `actor` the edit link on a resource's page (the service still decides on save). */
export function canEditResource(actor: Actor, ecosystemId: string, resource: repo.ResourceRow): boolean {
	try {
		requireEdit(actor, ecosystemId, resource);
		return true;
	} catch {
		return false;
	}
}

/** The edit form of a resource, pre-filled with what is stored. */
export async function getResourceForEdit({ db, actor, ecosystemId, slug }: Scoped & { slug: string }) {
	requireAccess(actor, 'ecosystem.evidence.suggest', { ecosystemId });
	const resource = await repo.findResourceBySlug(db, ecosystemId, slug);
	if (!resource) throw new DomainError('RESOURCE_NOT_FOUND');
	requireEdit(actor, ecosystemId, resource);
	return { resource, values: resourceFormValues(resource) };
}

/**
 * Edits a resource (its text, tags, tier and citation, link, and optionally a new file that
 * replaces the stored one). The full-text index follows in the same statement.
 */
export async function updateResource({
	db,
	actor,
	ecosystemId,
	slug,
	input,
	file
}: Scoped & { slug: string; input: unknown; file?: UploadedFile | null }): Promise<Outcome<{ slug: string }>> {
	requireAccess(actor, 'ecosystem.evidence.suggest', { ecosystemId });
	const resource = await repo.findResourceBySlug(db, ecosystemId, slug);
	if (!resource) throw new DomainError('RESOURCE_NOT_FOUND');
	const as = requireEdit(actor, ecosystemId, resource);
	const parsed = validate(resourceSchema, input);
	const issues: FieldIssue[] = parsed.ok ? [] : [...parsed.issues];
	const upload = file && file.bytes.length > 0 ? await checkUploadFully(file) : null;
	if (upload && 'issue' in upload) issues.push({ field: 'file', message: upload.issue });
	if (parsed.ok && !parsed.value.url && !upload && !resource.file_id) issues.push({ field: 'url', message: 'Give a web address or upload a file.' });
	if (!parsed.ok || issues.length) return invalid(issues);
	const value = parsed.value;
	return db.transaction().execute(async (trx) => {
		const fileId = upload && 'contentType' in upload && file ? await repo.insertFile(trx, ecosystemId, { name: file.name, contentType: upload.contentType, bytes: file.bytes }) : resource.file_id;
		const changed = await repo.updateResource(trx, ecosystemId, resource.id, { input: value, fileId, onlyIfStatus: as === 'suggester' ? 'suggested' : undefined });
		if (changed === 0) throw new DomainError('FORBIDDEN');
		if (resource.file_id && fileId !== resource.file_id) await repo.deleteUnusedFile(trx, ecosystemId, resource.file_id);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'evidence.update',
			entityType: 'evidence_resource',
			entityId: resource.id,
			summary: `Edited resource “${value.title}”${fileId !== resource.file_id ? ' (new file)' : ''}`
		});
		return ok({ slug: resource.slug });
	});
}

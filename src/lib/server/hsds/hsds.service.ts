import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor, SignedInActor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { invalid, ok, type FieldIssue, type Outcome } from '../errors.js';
import { slugify } from '../util.js';
import { insertPartner, listPartners, partnerSlugInUse } from '../partners/partners.repository.js';
import { childrenOf, findProgramByHsdsId, insertProgram, updateProgram, type ProgramWrite } from '../programs/programs.repository.js';
import { searchPrograms } from '../programs/finder.repository.js';
import { prepareProgramWrite } from '../programs/programs.service.js';
import { hiddenBefore } from '../programs/programs.js';
import { fromHsdsService, hsdsOrganization, hsdsPage, hsdsService, hsdsServiceAtLocations, servicesIn } from './hsds.js';
import { hsdsSchemaDir, hsdsSchemaIssues } from './hsds-schema.js';
import { servicesToTables, tablesToServices } from './hsds-csv.js';

/**
 * The ecosystem's public directory as HSDS 3.0 API responses: `/services`,
 * `/organizations` and `/service_at_locations`, each one page holding everything families may see.
 */
export async function exportHsds({ db, ecosystemId, now = new Date() }: { db: Kysely<Database>; ecosystemId: string; now?: Date }) {
	const rows = await searchPrograms(db, ecosystemId, { words: [], visibleSince: hiddenBefore(now) }, 1_000_000);
	const { locations, schedules } = await childrenOf(db, ecosystemId, rows.map((r) => r.id));
	const partners = new Map((await listPartners(db, ecosystemId)).map((p) => [p.id, p]));
	const details = rows.map((program) => ({ program, locations: locations.get(program.id) ?? [], schedules: schedules.get(program.id) ?? [] }));
	const services = details.flatMap((d) => {
		const partner = partners.get(d.program.partner_id);
		return partner ? [hsdsService(d, partner)] : [];
	});
	const organizations = [...new Set(rows.map((r) => r.partner_id))].flatMap((id) => {
		const partner = partners.get(id);
		return partner ? [hsdsOrganization(partner)] : [];
	});
	return { services: hsdsPage(services), organizations: hsdsPage(organizations), serviceAtLocations: hsdsPage(details.flatMap(hsdsServiceAtLocations)) };
}

export interface ImportReport {
	programs: number;
	/** Of those, programs already imported (or exported) under the same HSDS id, updated in place. */
	programsUpdated: number;
	partnersCreated: string[];
	warnings: string[];
}

/**
 * Imports HSDS 3.0 services (a `/services` page, an array, one service, or an organization with
 * its services). Everything is checked first, against the official schema where it is on the
 * machine and against Parity's rules; any problem anywhere means nothing is stored, and every
 * problem is listed. Organizations become partners, matched by name, or added. A service whose
 * id is already known in the ecosystem (imported before under that HSDS id, or exported from
 * here with the program's own id) updates that program, so importing a file twice adds nothing.
 */
export async function importHsds({ db, actor, ecosystemId, document }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; document: unknown }): Promise<Outcome<ImportReport>> {
	requireAccess(actor, 'ecosystem.assetmap.manage', { ecosystemId });
	return importServices(db, actor, ecosystemId, servicesIn(document));
}

/** The same import from the HSDS CSV data package's files (by file name). */
export async function importHsdsTables({ db, actor, ecosystemId, files }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; files: Record<string, string> }): Promise<Outcome<ImportReport>> {
	requireAccess(actor, 'ecosystem.assetmap.manage', { ecosystemId });
	const { services, issues } = tablesToServices(files);
	if (issues.length) return invalid(issues);
	return importServices(db, actor, ecosystemId, services.map((service, i) => ({ at: `services.csv row ${i + 2}`, service })));
}

/** The ecosystem's public directory as the HSDS CSV data package's files. */
export async function exportHsdsTables({ db, ecosystemId, now = new Date() }: { db: Kysely<Database>; ecosystemId: string; now?: Date }) {
	const exported = await exportHsds({ db, ecosystemId, now });
	return servicesToTables(exported.services.contents as Record<string, unknown>[], exported.organizations.contents as Record<string, unknown>[]);
}

async function importServices(db: Kysely<Database>, actor: SignedInActor, ecosystemId: string, found: ReturnType<typeof servicesIn>): Promise<Outcome<ImportReport>> {
	if (found.length === 0) return invalid([{ field: 'file', message: 'The file holds no HSDS services.' }]);
	const schemaDir = hsdsSchemaDir();
	return db.transaction().execute(async (trx): Promise<Outcome<ImportReport>> => {
		const issues: FieldIssue[] = [];
		const prepared: { organization: ReturnType<typeof fromHsdsService>['organization']; write: ProgramWrite; hsdsId: string | null }[] = [];
		const warnings: string[] = [];
		const seenIds = new Map<string, string>();
		for (const { at, service, organization } of found) {
			const hsdsId = typeof service.id === 'string' && service.id.trim() ? service.id.trim().slice(0, 200) : null;
			if (hsdsId) {
				const first = seenIds.get(hsdsId);
				if (first) issues.push({ field: `${at}.id`, message: `${at}.id: the service id “${hsdsId}” is used twice in this file (also at ${first}).` });
				else seenIds.set(hsdsId, at);
			}
			if (schemaDir) issues.push(...hsdsSchemaIssues(schemaDir, 'service', service, at));
			const mapped = fromHsdsService(at, service, organization);
			warnings.push(...mapped.warnings);
			const write = await prepareProgramWrite(trx, ecosystemId, mapped.organization.name, mapped.input, 'import');
			if (!write.ok) issues.push(...write.issues.map((i) => ({ field: `${at}.${i.field}`, message: `${at}.${i.field}: ${i.message}` })));
			else prepared.push({ organization: mapped.organization, write: write.value, hsdsId });
		}
		if (issues.length) return invalid(issues);

		const byName = new Map((await listPartners(trx, ecosystemId)).map((p) => [p.name.toLowerCase(), p.id]));
		const partnersCreated: string[] = [];
		let programsUpdated = 0;
		for (const { organization, write, hsdsId } of prepared) {
			const existing = hsdsId ? await findProgramByHsdsId(trx, ecosystemId, hsdsId) : undefined;
			if (existing) {
				// Imports never confirm a listing: last verified stays as it was.
				await updateProgram(trx, ecosystemId, existing.id, write, null);
				programsUpdated++;
				continue;
			}
			let partnerId = byName.get(organization.name.toLowerCase());
			if (!partnerId) {
				const base = slugify(organization.name) || 'partner';
				let slug = base;
				for (let n = 2; await partnerSlugInUse(trx, ecosystemId, slug); n++) slug = `${base}-${n}`;
				partnerId = await insertPartner(trx, ecosystemId, slug, {
					name: organization.name.slice(0, 160),
					sector: 'community',
					summary: organization.description.slice(0, 280),
					description_md: organization.description.slice(0, 8000),
					website: organization.website,
					email: organization.email
				});
				byName.set(organization.name.toLowerCase(), partnerId);
				partnersCreated.push(organization.name);
			}
			await insertProgram(trx, ecosystemId, partnerId, write, { hsdsId });
		}
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'program.import',
			entityType: 'program',
			summary: `Imported ${prepared.length} HSDS service(s) (${programsUpdated} updated)${partnersCreated.length ? `, adding ${partnersCreated.length} partner(s)` : ''}`,
			detail: { warnings }
		});
		return ok({ programs: prepared.length, programsUpdated, partnersCreated, warnings });
	});
}

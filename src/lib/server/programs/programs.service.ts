import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { Executor } from '../audit/audit.repository.js';
import { requireAccess } from '../auth/access.js';
import type { Actor, SignedInActor } from '../auth/roles.js';
import { recordAudit } from '../audit/audit.repository.js';
import { DomainError, invalid, ok, type FieldIssue, type Outcome } from '../errors.js';
import { validate } from '../validation.js';
import { nowIso } from '../util.js';
import { findPartnerBySlug, type PartnerRow } from '../partners/partners.repository.js';
import { packageZipCentroid } from '../geo/zip-centroids.js';
import * as repo from './programs.repository.js';
import { dueBefore, importedProgramSchema, programSchema, searchTextOf, verificationState, type LocationInput } from './programs.js';

interface Base {
	db: Kysely<Database>;
	actor: Actor;
	ecosystemId: string;
}

/**
 * Resolves the partner named in the address, checking membership first (signed-out people are
 * sent to sign in; outsiders refused before learning whether it exists), then the right to edit
 * that partner's programs.
 */
async function editablePartner({ db, actor, ecosystemId }: Base, partnerSlug: string): Promise<{ partner: PartnerRow; user: SignedInActor }> {
	requireAccess(actor, 'ecosystem.workspace.view', { ecosystemId });
	const partner = await findPartnerBySlug(db, ecosystemId, partnerSlug);
	if (!partner) throw new DomainError('PARTNER_NOT_FOUND');
	requireAccess(actor, 'partner.programs.edit', { ecosystemId, partnerId: partner.id });
	return { partner, user: actor };
}

/** Where a ZIP is: the ecosystem's uploaded boundary's internal point, else the package centroid. */
export async function zipPoint(db: Executor, ecosystemId: string, zip: string) {
	return (await repo.uploadedZipPoint(db, ecosystemId, zip)) ?? packageZipCentroid(zip);
}

/**
 * Coordinates for each place: as typed or imported, otherwise the ZIP's internal point from the
 * ecosystem's uploaded boundaries, otherwise the ZIP centroid of the `zipcodes` package.
 */
export async function placeLocations(db: Executor, ecosystemId: string, locations: LocationInput[], mode: 'form' | 'import' = 'form'): Promise<Outcome<repo.PlacedLocation[]>> {
	const issues: FieldIssue[] = [];
	const placed: repo.PlacedLocation[] = [];
	for (const [i, l] of locations.entries()) {
		const base = { name: l.name, address_1: l.address_1, city: l.city, state_province: l.state_province, postal_code: l.postal_code };
		if (l.latitude !== undefined && l.longitude !== undefined) {
			placed.push({ ...base, latitude: l.latitude, longitude: l.longitude, geocode_source: 'given' });
			continue;
		}
		const point = await zipPoint(db, ecosystemId, l.postal_code);
		if (!point && mode === 'import') {
			placed.push({ ...base, latitude: null, longitude: null, geocode_source: 'none' });
			continue;
		}
		if (!point) {
			issues.push({ field: `locations.${i}.postal_code`, message: `We do not know where ZIP ${l.postal_code} is. Check it, or give the latitude and longitude.` });
			continue;
		}
		placed.push({ ...base, latitude: point.lat, longitude: point.lon, geocode_source: 'zip_centroid' });
	}
	return issues.length ? invalid(issues) : ok(placed);
}

/** Validates and places a program; every problem (fields and unknown ZIPs) in one list. */
export async function prepareProgramWrite(
	db: Executor,
	ecosystemId: string,
	partnerName: string,
	input: unknown,
	mode: 'form' | 'import' = 'form'
): Promise<Outcome<repo.ProgramWrite>> {
	const parsed = validate(mode === 'form' ? programSchema : importedProgramSchema, input);
	if (!parsed.ok) return parsed;
	const placed = await placeLocations(db, ecosystemId, parsed.value.locations, mode);
	if (!placed.ok) return placed;
	return ok({ value: parsed.value, locations: placed.value, searchText: searchTextOf(parsed.value, partnerName) });
}

/** A partner's programs for its team, each with whether it is due for confirmation. */
export async function listPartnerPrograms({ partnerSlug, now = new Date(), ...base }: Base & { partnerSlug: string; now?: Date }) {
	const { partner } = await editablePartner(base, partnerSlug);
	const programs = await repo.listProgramsOfPartner(base.db, base.ecosystemId, partner.id);
	return {
		partner,
		programs: programs.map((p) => ({ ...p, verification: verificationState(p.last_verified_at, p.created_at, now) }))
	};
}

export async function createProgram({ partnerSlug, input, ...base }: Base & { partnerSlug: string; input: unknown }): Promise<Outcome<{ id: string }>> {
	const { partner, user: actor } = await editablePartner(base, partnerSlug);
	const { db, ecosystemId } = base;
	return db.transaction().execute(async (trx) => {
		const write = await prepareProgramWrite(trx, ecosystemId, partner.name, input);
		if (!write.ok) return write;
		const id = await repo.insertProgram(trx, ecosystemId, partner.id, write.value, { verifiedBy: write.value.value.confirm_current ? actor.userId : null });
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'program.create',
			entityType: 'program',
			entityId: id,
			summary: `Added the program “${write.value.value.name}” for “${partner.name}”`
		});
		return ok({ id });
	});
}

async function ownedProgram(base: Base, partnerSlug: string, programId: string) {
	const { partner, user } = await editablePartner(base, partnerSlug);
	const program = await repo.findProgram(base.db, base.ecosystemId, programId);
	if (!program || program.partner_id !== partner.id) throw new DomainError('PROGRAM_NOT_FOUND');
	return { partner, program, user };
}

export async function getProgramForEdit({ partnerSlug, programId, ...base }: Base & { partnerSlug: string; programId: string }) {
	const { partner } = await ownedProgram(base, partnerSlug, programId);
	const detail = await repo.findProgramDetail(base.db, base.ecosystemId, programId);
	if (!detail) throw new DomainError('PROGRAM_NOT_FOUND');
	return { partner, ...detail };
}

export async function updateProgram({
	partnerSlug,
	programId,
	input,
	...base
}: Base & { partnerSlug: string; programId: string; input: unknown }): Promise<Outcome<null>> {
	const { partner, user: actor } = await ownedProgram(base, partnerSlug, programId);
	const { db, ecosystemId } = base;
	return db.transaction().execute(async (trx) => {
		const write = await prepareProgramWrite(trx, ecosystemId, partner.name, input);
		if (!write.ok) return write;
		const changed = await repo.updateProgram(trx, ecosystemId, programId, write.value, write.value.value.confirm_current ? actor.userId : null);
		if (changed === 0) throw new DomainError('PROGRAM_NOT_FOUND');
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'program.update',
			entityType: 'program',
			entityId: programId,
			summary: `Updated the program “${write.value.value.name}”${write.value.value.confirm_current ? ' and confirmed it is current' : ''}`
		});
		return ok(null);
	});
}

/** A person confirms the listing is still current: the only way `last_verified_at` moves. */
export async function confirmProgramCurrent({ partnerSlug, programId, ...base }: Base & { partnerSlug: string; programId: string }) {
	const { program, user: actor } = await ownedProgram(base, partnerSlug, programId);
	const { db, ecosystemId } = base;
	await db.transaction().execute(async (trx) => {
		await repo.markVerified(trx, ecosystemId, programId, actor.userId, nowIso());
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'program.verify',
			entityType: 'program',
			entityId: programId,
			summary: `Confirmed the program “${program.name}” is current`
		});
	});
}

export async function deleteProgram({ partnerSlug, programId, ...base }: Base & { partnerSlug: string; programId: string }) {
	const { program, user: actor } = await ownedProgram(base, partnerSlug, programId);
	const { db, ecosystemId } = base;
	await db.transaction().execute(async (trx) => {
		await repo.deleteProgram(trx, ecosystemId, programId);
		await recordAudit(trx, {
			actor,
			ecosystemId,
			action: 'program.delete',
			entityType: 'program',
			entityId: programId,
			summary: `Removed the program “${program.name}”`
		});
	});
}


/** The partner whose "Add a program" form this is, once the person may add programs for it. */
export async function openNewProgramForm({ partnerSlug, ...base }: Base & { partnerSlug: string }) {
	const { partner } = await editablePartner(base, partnerSlug);
	return { partner };
}

/**
 * Backbone staff: listings needing attention across the ecosystem, oldest confirmation first:
 * due (flagged to the partner, still shown) and hidden (past the grace period).
 */
export async function listStaleListings({ db, actor, ecosystemId, now = new Date() }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; now?: Date }) {
	requireAccess(actor, 'ecosystem.assetmap.manage', { ecosystemId });
	const rows = await repo.listListingsConfirmedBefore(db, ecosystemId, dueBefore(now));
	return rows.map((r) => ({ ...r, verification: verificationState(r.last_verified_at, r.created_at, now) }));
}

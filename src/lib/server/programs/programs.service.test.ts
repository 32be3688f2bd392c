import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram, programInput } from '../testing/program-factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { findProgramDetail, listProgramsOfPartner } from './programs.repository.js';
import { confirmProgramCurrent, createProgram, deleteProgram, getProgramForEdit, listPartnerPrograms, updateProgram } from './programs.service.js';

describeEachDatabase('programs service', (get) => {
	async function setup(role: 'partner_admin' | 'partner_member' | 'backbone_staff' | 'educator' = 'partner_member') {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const actor = await makeActor(ctx, { role, ecosystemId: eco.id, partnerId: role.startsWith('partner') ? partner.id : null });
		return { db, ctx, eco, partner, actor, base: { db, actor, ecosystemId: eco.id, partnerSlug: partner.slug } };
	}

	describe('createProgram', () => {
		it('lets a partner member add a program with a weekly schedule, a Spanish description and a place placed at its ZIP', async () => {
			const { db, eco, partner, actor, base } = await setup('partner_member');
			const outcome = await createProgram({ ...base, input: programInput({ name: 'Girls Code Club' }) });
			expect(outcome.ok).toBe(true);
			const id = outcome.ok ? outcome.value.id : '';
			const detail = await findProgramDetail(db, eco.id, id);
			expect(detail?.program).toMatchObject({
				partner_id: partner.id,
				name: 'Girls Code Club',
				description_es: 'Construye y programa robots con amigos después de la escuela.',
				subjects_json: '["robotics","coding"]',
				min_age: 10,
				max_age: 14,
				cost_kind: 'free',
				fee_amount: null,
				capacity: 20,
				last_verified_by: actor.userId
			});
			expect(detail?.program.last_verified_at).toMatch(/^\d{4}-\d{2}-\d{2}T/);
			expect(detail?.program.search_text).toContain(' club de robotica ');
			expect(detail?.locations).toHaveLength(1);
			expect(detail?.locations[0]).toMatchObject({ postal_code: '19104', geocode_source: 'zip_centroid' });
			expect(detail?.locations[0]?.latitude).toBeCloseTo(39.96, 1);
			expect(detail?.schedules.map((s) => [s.freq, s.byday, s.opens_at, s.closes_at, s.until])).toEqual([['WEEKLY', 'TU,TH', '15:30', '17:00', '2027-06-10']]);
			expect(await auditActions(db, eco.id)).toEqual(['program.create']);
		});

		it('leaves the last-verified date empty unless the person confirms the listing is current', async () => {
			const { db, eco, base } = await setup();
			const outcome = await createProgram({ ...base, input: programInput({ confirm_current: undefined }) });
			const detail = await findProgramDetail(db, eco.id, outcome.ok ? outcome.value.id : '');
			expect(detail?.program.last_verified_at).toBeNull();
		});

		it('keeps typed coordinates and adds a one-off session', async () => {
			const { db, eco, base } = await setup();
			const outcome = await createProgram({
				...base,
				input: programInput({
					locations: [{ postal_code: '19104', latitude: '39.95', longitude: '-75.19' }],
					schedules: [{ dtstart: '2027-03-13', opens_at: '10:00', closes_at: '14:00', description: 'Open lab day' }]
				})
			});
			const detail = await findProgramDetail(db, eco.id, outcome.ok ? outcome.value.id : '');
			expect(detail?.locations[0]).toMatchObject({ latitude: 39.95, longitude: -75.19, geocode_source: 'given' });
			expect(detail?.schedules[0]).toMatchObject({ freq: null, dtstart: '2027-03-13', description: 'Open lab day' });
		});

		it('lists every problem at once, nested rows included, and stores nothing', async () => {
			const { db, eco, partner, base } = await setup();
			const outcome = await createProgram({
				...base,
				input: {
					name: 'X',
					description: 'short',
					subjects: ['knitting'],
					formats: [],
					languages: ['en'],
					min_age: '15',
					max_age: '9',
					cost_kind: 'paid',
					locations: [{ postal_code: '123' }],
					schedules: [{ freq: 'WEEKLY', dtstart: '2026-13-40', opens_at: '17:00', closes_at: '16:00' }]
				}
			});
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual([
				'name',
				'description',
				'subjects.0',
				'formats',
				'locations.0.postal_code',
				'schedules.0.dtstart',
				'schedules.0.closes_at',
				'schedules.0.byday',
				'max_age',
				'fee_amount'
			]);
			expect(await listProgramsOfPartner(db, eco.id, partner.id)).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('reports a ZIP nobody knows where it is, and stores nothing', async () => {
			const { db, eco, partner, base } = await setup();
			const outcome = await createProgram({ ...base, input: programInput({ locations: [{ postal_code: '00000' }] }) });
			expect(outcome).toMatchObject({ ok: false, issues: [{ field: 'locations.0.postal_code' }] });
			expect(await listProgramsOfPartner(db, eco.id, partner.id)).toEqual([]);
		});

		it('refuses a member of another partner and an educator, and sends a signed-out visitor to sign in', async () => {
			const { db, ctx, eco, partner } = await setup();
			const other = await makePartner(db, eco.id);
			const outsider = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: other.id });
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			for (const actor of [outsider, educator]) {
				await expect(createProgram({ db, actor, ecosystemId: eco.id, partnerSlug: partner.slug, input: programInput() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			}
			await expect(createProgram({ db, actor: publicActor, ecosystemId: eco.id, partnerSlug: partner.slug, input: programInput() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			expect(await listProgramsOfPartner(db, eco.id, partner.id)).toEqual([]);
		});

		it('lets backbone staff add a program for any partner', async () => {
			const { base } = await setup('backbone_staff');
			expect((await createProgram({ ...base, input: programInput() })).ok).toBe(true);
		});
	});

	describe('editing', () => {
		it('updates fields, places and schedules together, and confirming moves the last-verified date', async () => {
			const { db, eco, partner, base } = await setup('partner_admin');
			const id = await makeProgram(db, eco.id, partner, {}, { now: '2025-01-01T00:00:00.000Z' });
			const outcome = await updateProgram({
				...base,
				programId: id,
				input: programInput({ name: 'Renamed club', cost_kind: 'sliding_scale', fee_amount: '40', locations: [{ postal_code: '19143' }, { postal_code: '19121' }], schedules: [], confirm_current: undefined })
			});
			expect(outcome).toEqual({ ok: true, value: null });
			let detail = await findProgramDetail(db, eco.id, id);
			expect(detail?.program).toMatchObject({ name: 'Renamed club', cost_kind: 'sliding_scale', fee_amount: 40, last_verified_at: '2025-01-01T00:00:00.000Z' });
			expect(detail?.locations.map((l) => l.postal_code)).toEqual(['19143', '19121']);
			expect(detail?.schedules).toEqual([]);

			await confirmProgramCurrent({ ...base, programId: id });
			detail = await findProgramDetail(db, eco.id, id);
			expect(detail?.program.last_verified_at! > '2026-01-01').toBe(true);
			expect(await auditActions(db, eco.id)).toEqual(['program.update', 'program.verify']);
		});

		it('shows which listings are due for confirmation', async () => {
			const { db, eco, partner, base } = await setup();
			const old = await makeProgram(db, eco.id, partner, { name: 'Old listing' }, { now: '2024-01-01T00:00:00.000Z' });
			const fresh = await makeProgram(db, eco.id, partner, { name: 'New listing' }, { now: '2026-11-01T00:00:00.000Z' });
			const late = await makeProgram(db, eco.id, partner, { name: 'Late listing' }, { now: '2025-11-01T00:00:00.000Z' });
			const { programs } = await listPartnerPrograms({ ...base, now: new Date('2026-12-01T00:00:00Z') });
			expect(Object.fromEntries(programs.map((p) => [p.id, p.verification]))).toEqual({ [old]: 'hidden', [fresh]: 'current', [late]: 'due' });
		});

		it('changes nothing when the update is invalid', async () => {
			const { db, eco, partner, base } = await setup();
			const id = await makeProgram(db, eco.id, partner);
			const before = await findProgramDetail(db, eco.id, id);
			const outcome = await updateProgram({ ...base, programId: id, input: programInput({ name: '', locations: [{ postal_code: '19104' }] }) });
			expect(outcome.ok).toBe(false);
			expect(await findProgramDetail(db, eco.id, id)).toEqual(before);
		});

		it('deletes a program with its places and schedules', async () => {
			const { db, eco, partner, base } = await setup();
			const id = await makeProgram(db, eco.id, partner);
			await deleteProgram({ ...base, programId: id });
			expect(await findProgramDetail(db, eco.id, id)).toBeUndefined();
			const orphans = await db.selectFrom('program_location').select('id').where('program_id', '=', id).execute();
			expect(orphans).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual(['program.delete']);
		});

		it('refuses another partner’s program (even by its id under one’s own partner) and another ecosystem’s, changing nothing', async () => {
			const { db, ctx, eco, partner, base } = await setup('partner_admin');
			const other = await makePartner(db, eco.id);
			const theirs = await makeProgram(db, eco.id, other);
			await expect(updateProgram({ ...base, programId: theirs, input: programInput() })).rejects.toMatchObject({ code: 'PROGRAM_NOT_FOUND' });
			await expect(deleteProgram({ ...base, partnerSlug: other.slug, programId: theirs })).rejects.toMatchObject({ code: 'FORBIDDEN' });

			const elsewhere = await makeEcosystem(db);
			const foreignPartner = await makePartner(db, elsewhere.id);
			const foreign = await makeProgram(db, elsewhere.id, foreignPartner);
			const before = await findProgramDetail(db, elsewhere.id, foreign);
			await expect(getProgramForEdit({ ...base, programId: foreign })).rejects.toMatchObject({ code: 'PROGRAM_NOT_FOUND' });
			await expect(confirmProgramCurrent({ ...base, partnerSlug: foreignPartner.slug, programId: foreign })).rejects.toMatchObject({ code: 'PARTNER_NOT_FOUND' });
			const staffElsewhere = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			await expect(deleteProgram({ db, actor: staffElsewhere, ecosystemId: elsewhere.id, partnerSlug: foreignPartner.slug, programId: foreign })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await findProgramDetail(db, elsewhere.id, foreign)).toEqual(before);
			expect(partner.id).not.toBe(other.id);
		});
	});
});

import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram } from '../testing/program-factories.js';
import { auditActions } from '../testing/assertions.js';
import { findProgramDetail } from '../programs/programs.repository.js';
import { listPartners } from '../partners/partners.repository.js';
import { exportHsds, importHsds } from './hsds.service.js';
import { hsdsSchemaDir, hsdsSchemaIssues } from './hsds-schema.js';

const schemaDir = hsdsSchemaDir();
const examplesDir = resolve(process.cwd(), '../shared/data/hsds/v3.0/examples');
if (!schemaDir) {
	if (process.env.CI === 'true') throw new Error('The official HSDS 3.0 schemas (../shared/data/hsds/v3.0) are required in CI.');
	console.warn('\n*** HSDS official-schema tests SKIPPED: ../shared/data/hsds/v3.0 is not on this machine. ***\n');
}
const withOfficial = schemaDir ? it : it.skip;
const example = (name: string): unknown => JSON.parse(readFileSync(join(examplesDir, name), 'utf8'));

describeEachDatabase('HSDS 3.0 export and import', (get) => {
	async function directory() {
		const { db, ctx } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Faro Verde Lab', website: 'https://faro.example.org', email: 'hola@faro.example.org' });
		const weekly = await makeProgram(db, eco.id, partner, {
			name: 'Robot Club',
			grade_min: '4',
			grade_max: '8',
			cost_kind: 'sliding_scale',
			fee_amount: '45',
			scholarships: 'Pay what you can.',
			scholarships_es: 'Pague lo que pueda.',
			accessibility: 'Step-free entrance.',
			phone: '215-555-0100',
			url: 'https://faro.example.org/robots',
			locations: [{ name: 'Lab', address_1: '1 Demo St', city: 'Philadelphia', state_province: 'PA', postal_code: '19133' }, { postal_code: '19104', latitude: '39.95', longitude: '-75.19' }],
			schedules: [
				{ freq: 'WEEKLY', byday: ['TU', 'TH'], dtstart: '2026-09-08', until: '2027-06-10', opens_at: '15:30', closes_at: '17:00' },
				{ dtstart: '2027-03-13', opens_at: '10:00', closes_at: '14:00', description: 'Open day' }
			]
		});
		const online = await makeProgram(db, eco.id, partner, { name: 'Online Coders', formats: ['online'], locations: [], languages: ['es'] });
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		return { db, ctx, eco, partner, weekly, online, staff };
	}

	withOfficial('exports services, organizations and service_at_locations that validate against the official schemas', async () => {
		const { db, eco } = await directory();
		const out = await exportHsds({ db, ecosystemId: eco.id });
		const services = out.services.contents as unknown[];
		expect(services).toHaveLength(2);
		expect(out.organizations.contents).toHaveLength(1);
		expect(out.serviceAtLocations.contents).toHaveLength(2);
		const issues = [
			...services.flatMap((s, i) => hsdsSchemaIssues(schemaDir!, 'service', s, `services[${i}]`)),
			...(out.organizations.contents as unknown[]).flatMap((o, i) => hsdsSchemaIssues(schemaDir!, 'organization', o, `organizations[${i}]`)),
			...(out.serviceAtLocations.contents as unknown[]).flatMap((s, i) => hsdsSchemaIssues(schemaDir!, 'service_at_location', s, `sal[${i}]`))
		];
		expect(issues).toEqual([]);
		// The checker is not a rubber stamp: a service without its required status fails.
		const { status: _status, ...broken } = services[0] as Record<string, unknown>;
		expect(hsdsSchemaIssues(schemaDir!, 'service', broken, 'broken').map((i) => i.message)).toEqual(["broken must have required property 'status'."]);
	});

	it('imports its own export into another ecosystem without losing any field Parity models', async () => {
		const { db, ctx, eco, weekly } = await directory();
		const out = await exportHsds({ db, ecosystemId: eco.id });
		const target = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: target.id });
		const outcome = await importHsds({ db, actor: staff, ecosystemId: target.id, document: out.services });
		expect(outcome).toMatchObject({ ok: true, value: { programs: 2, partnersCreated: ['Faro Verde Lab'], warnings: [] } });
		const original = (await findProgramDetail(db, eco.id, weekly))!;
		const rows = await db.selectFrom('program').select('id').where('ecosystem_id', '=', target.id).where('name', '=', 'Robot Club').execute();
		const copy = (await findProgramDetail(db, target.id, rows[0]!.id))!;
		const modelled = (d: typeof copy) => {
			const { id: _i, ecosystem_id: _e, partner_id: _p, created_at: _c, updated_at: _u, last_verified_at: _v, last_verified_by: _b, is_demo: _d, hsds_id: _h, ...fields } = d.program;
			return {
				fields,
				// Coordinates come back equal; a ZIP-centre point is simply 'given' once exported.
				locations: d.locations.map(({ id: _id, ecosystem_id: _eco, program_id: _pid, geocode_source: _g, ...l }) => l),
				schedules: d.schedules.map(({ id: _id, ecosystem_id: _eco, program_id: _pid, ...s }) => s)
			};
		};
		expect(modelled(copy)).toEqual(modelled(original));
		expect(copy.program.hsds_id).toBe(original.program.id);
		expect(await auditActions(db, target.id)).toEqual(['program.import']);
	});

	withOfficial('imports the official HSDS examples, keeping the fields Parity models and saying what it could not keep', async () => {
		const { db, ctx } = get();
		const eco = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		for (const file of ['service_full.json', 'service_list.json', 'organization_full.json']) {
			const outcome = await importHsds({ db, actor: staff, ecosystemId: eco.id, document: example(file) });
			expect(outcome.ok, `${file}: ${JSON.stringify(outcome.ok ? '' : outcome.issues)}`).toBe(true);
			// The list example's service has no places; the other two carry the example's latitude 100.
			if (outcome.ok && file !== 'service_list.json') expect(outcome.value.warnings.join(' ')).toContain('coordinates outside the globe (100, 101)');
		}
		expect((await listPartners(db, eco.id)).map((p) => p.name)).toEqual(['Example Organization Inc.']);
		// The three examples describe one service (one HSDS id): the later files update it, not copy it.
		const ids = await db.selectFrom('program').select('id').where('ecosystem_id', '=', eco.id).execute();
		expect(ids).toHaveLength(1);
		const detail = (await findProgramDetail(db, eco.id, ids[0]!.id))!;
		expect(detail.program).toMatchObject({
			name: 'Community Counselling',
			url: 'http://example.com/counselling',
			email: 'email@example.com',
			status: 'active',
			min_age: 12,
			max_age: 100,
			languages_json: '["ur"]',
			cost_kind: 'paid',
			fee_amount: 35,
			phone: '+44 1234 234567'
		});
		expect(detail.program.how_to_apply).toContain('NHS patient');
		expect(detail.program.eligibility).toContain('aged 12 and over');
		expect(detail.program.accessibility).toContain('induction loops');
		expect(detail.locations.map((l) => [l.name, l.address_1, l.city, l.postal_code, l.latitude, l.geocode_source])).toEqual([
			['MyCity Civic Center', '1-30 Main Street', 'MyCity', 'ABC 1234', null, 'none']
		]);
		expect(detail.schedules.map((s) => [s.freq, s.byday, s.dtstart, s.until, s.opens_at, s.closes_at])).toContainEqual(['WEEKLY', 'TH,FR', '2005-01-01', '2005-01-01', '10:00', '18:00']);
	});

	it('imports the same file twice without adding a copy of anything, matching on the HSDS ids', async () => {
		const { db, ctx } = get();
		const source = await directory();
		const file = JSON.parse(JSON.stringify((await exportHsds({ db, ecosystemId: source.eco.id })).services)) as { contents: Record<string, unknown>[] };
		const target = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: target.id });
		const count = async (ecosystemId: string) => (await db.selectFrom('program').select('id').where('ecosystem_id', '=', ecosystemId).execute()).length;

		expect(await importHsds({ db, actor: staff, ecosystemId: target.id, document: file })).toMatchObject({ ok: true, value: { programs: 2, programsUpdated: 0 } });
		const firstIds = (await db.selectFrom('program').select(['id', 'hsds_id']).where('ecosystem_id', '=', target.id).orderBy('hsds_id').execute());
		expect(firstIds.map((r) => r.hsds_id).sort()).toEqual([source.weekly, source.online].sort());

		// The second time the file has one change: it lands on the same program.
		file.contents.find((s) => s.id === source.weekly)!.name = 'Robot Club (renamed)';
		expect(await importHsds({ db, actor: staff, ecosystemId: target.id, document: file })).toMatchObject({ ok: true, value: { programs: 2, programsUpdated: 2, partnersCreated: [] } });
		expect(await count(target.id)).toBe(2);
		const after = await db.selectFrom('program').select(['id', 'hsds_id', 'name']).where('ecosystem_id', '=', target.id).orderBy('hsds_id').execute();
		expect(after.map((r) => r.id)).toEqual(firstIds.map((r) => r.id));
		expect(after.find((r) => r.hsds_id === source.weekly)?.name).toBe('Robot Club (renamed)');
		expect((await listPartners(db, target.id)).map((p) => p.name)).toEqual(['Faro Verde Lab']);

		// An ecosystem's own export, imported back into it, updates its programs in place.
		const sourceStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: source.eco.id });
		expect(await importHsds({ db, actor: sourceStaff, ecosystemId: source.eco.id, document: file })).toMatchObject({ ok: true, value: { programsUpdated: 2 } });
		expect(await count(source.eco.id)).toBe(2);

		// One id twice in a file is refused, naming both places.
		const doubled = { contents: [file.contents[0], file.contents[0]] };
		const refused = await importHsds({ db, actor: staff, ecosystemId: target.id, document: doubled });
		expect(refused.ok).toBe(false);
		expect(refused.ok ? [] : refused.issues.map((i) => i.message)).toContain(`contents[1].id: the service id “${String(file.contents[0]!.id)}” is used twice in this file (also at contents[0]).`);
	});

	it('stores nothing when any service is invalid, and lists every problem', async () => {
		const { db, eco, staff } = await directory();
		const before = await db.selectFrom('program').select('id').where('ecosystem_id', '=', eco.id).execute();
		const document = {
			contents: [
				{ id: '1b8f6f2e-9d43-4a3e-8e0e-6f6f2f5c9a01', name: 'Fine service', status: 'active', organization: { id: '2b8f6f2e-9d43-4a3e-8e0e-6f6f2f5c9a01', name: 'New Org', description: 'x' } },
				{ id: '1b8f6f2e-9d43-4a3e-8e0e-6f6f2f5c9a02', status: 'active', minimum_age: 'ten' },
				{ id: 'not-a-uuid', name: 'Bad one', status: 'sometimes', url: 'nope', languages: [{ id: '1b8f6f2e-9d43-4a3e-8e0e-6f6f2f5c9a03', code: 'English!' }] }
			]
		};
		const outcome = await importHsds({ db, actor: staff, ecosystemId: eco.id, document });
		expect(outcome.ok).toBe(false);
		const fields = outcome.ok ? [] : outcome.issues.map((i) => i.field);
		expect(fields).toEqual(expect.arrayContaining(['contents[1].name', 'contents[2].url', 'contents[2].languages.0']));
		if (schemaDir) expect(fields).toEqual(expect.arrayContaining(['contents[1]', 'contents[1].minimum_age', 'contents[2].id', 'contents[2].status', 'contents[2].url']));
		expect(await db.selectFrom('program').select('id').where('ecosystem_id', '=', eco.id).execute()).toEqual(before);
		expect((await listPartners(db, eco.id)).map((p) => p.name)).toEqual(['Faro Verde Lab']);
		expect(await importHsds({ db, actor: staff, ecosystemId: eco.id, document: { hello: 'world' } })).toMatchObject({ ok: false });
	});

	describe('permissions', () => {
		it('refuses partners and another ecosystem’s staff', async () => {
			const { db, ctx, eco, partner } = await directory();
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id });
			const elsewhere = await makeEcosystem(db);
			const otherStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: elsewhere.id });
			for (const actor of [partnerAdmin, otherStaff]) {
				await expect(importHsds({ db, actor, ecosystemId: eco.id, document: [] })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			}
		});
	});
});

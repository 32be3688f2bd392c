import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram } from '../testing/program-factories.js';
import { findProgramDetail } from '../programs/programs.repository.js';
import { exportHsdsTables, importHsdsTables } from './hsds.service.js';
import { hsdsSchemaDir } from './hsds-schema.js';
import { tables } from './hsds-csv.js';

const csvDir = resolve(process.cwd(), '../shared/data/hsds/v3.0/examples/csv');
const official = hsdsSchemaDir() ? it : it.skip;
if (!hsdsSchemaDir()) console.warn('\n*** HSDS CSV example test SKIPPED: ../shared/data/hsds/v3.0 is not on this machine. ***\n');

describeEachDatabase('HSDS 3.0 CSV data package', (get) => {
	it('exports a data package whose tables and columns follow HSDS 3.0, and imports it back without loss', async () => {
		const { db, ctx } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Comma, "Quoted" Lab' });
		const id = await makeProgram(db, eco.id, partner, { description: 'Robots, code and "quotes"\non two lines.', grade_min: '5', grade_max: '8' });
		const files = await exportHsdsTables({ db, ecosystemId: eco.id });
		expect(Object.keys(files).sort()).toEqual([...Object.keys(tables).map((t) => `${t}.csv`), 'datapackage.json'].sort());
		const pkg = JSON.parse(files['datapackage.json']!) as { resources: { name: string; path: string; schema: { fields: { name: string }[] } }[] };
		if (hsdsSchemaDir()) {
			// Every table and column Parity writes exists in the official package, in the same order.
			const officialPkg = JSON.parse(readFileSync(resolve(process.cwd(), '../shared/data/hsds/v3.0/datapackage.json'), 'utf8')) as typeof pkg;
			for (const resource of pkg.resources) {
				const match = officialPkg.resources.find((r) => r.path === resource.path);
				expect(match?.schema.fields.map((f) => f.name), resource.path).toEqual(resource.schema.fields.map((f) => f.name));
			}
		}
		const target = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: target.id });
		const outcome = await importHsdsTables({ db, actor: staff, ecosystemId: target.id, files });
		expect(outcome).toMatchObject({ ok: true, value: { programs: 1, partnersCreated: ['Comma, "Quoted" Lab'] } });
		const [copyRow] = await db.selectFrom('program').select('id').where('ecosystem_id', '=', target.id).execute();
		const [original, copy] = [(await findProgramDetail(db, eco.id, id))!, (await findProgramDetail(db, target.id, copyRow!.id))!];
		const pick = (d: typeof copy) => ({
			program: { ...d.program, id: '', ecosystem_id: '', partner_id: '', created_at: '', updated_at: '', last_verified_at: '', last_verified_by: '', hsds_id: '' },
			locations: d.locations.map((l) => ({ ...l, id: '', ecosystem_id: '', program_id: '', geocode_source: '' })),
			schedules: d.schedules.map((s) => ({ ...s, id: '', ecosystem_id: '', program_id: '' }))
		});
		expect(pick(copy)).toEqual(pick(original));
		// The copy remembers the HSDS id it came with, so importing the package again updates it.
		expect(copy.program.hsds_id).toBe(original.program.id);
	});

	official('imports the official CSV example', async () => {
		const { db, ctx } = get();
		const eco = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const files = Object.fromEntries(readdirSync(csvDir).filter((f) => f.endsWith('.csv')).map((f) => [f, readFileSync(join(csvDir, f), 'utf8')]));
		const outcome = await importHsdsTables({ db, actor: staff, ecosystemId: eco.id, files });
		expect(outcome.ok, JSON.stringify(outcome.ok ? '' : outcome.issues)).toBe(true);
		const [row] = await db.selectFrom('program').select('id').where('ecosystem_id', '=', eco.id).execute();
		const detail = (await findProgramDetail(db, eco.id, row!.id))!;
		expect(detail.program).toMatchObject({ name: 'Community Counselling', min_age: 12, max_age: 100, fee_amount: 35, languages_json: '["ur"]' });
		expect(detail.locations.map((l) => l.name)).toEqual(['MyCity Civic Center']);
		expect(detail.schedules.map((s) => [s.freq, s.byday, s.opens_at])).toContainEqual(['WEEKLY', 'TH,FR', '10:00']);
	});

	it('reports a missing services.csv and bad rows, storing nothing', async () => {
		const { db, ctx } = get();
		const eco = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		expect(await importHsdsTables({ db, actor: staff, ecosystemId: eco.id, files: {} })).toMatchObject({ ok: false, issues: [{ field: 'services.csv' }] });
		const services = 'id,name,status,url\n1b8f6f2e-9d43-4a3e-8e0e-6f6f2f5c9a01,,active,\n1b8f6f2e-9d43-4a3e-8e0e-6f6f2f5c9a02,Fine,active,not a url\n';
		const outcome = await importHsdsTables({ db, actor: staff, ecosystemId: eco.id, files: { 'services.csv': services } });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(expect.arrayContaining(['services.csv row 2.name', 'services.csv row 3.url']));
		expect(await db.selectFrom('program').select('id').where('ecosystem_id', '=', eco.id).execute()).toEqual([]);
	});
});

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram } from '../testing/program-factories.js';
import { insertOpportunity } from '../opportunities/opportunities.repository.js';
import { opportunitySchema } from '../opportunities/opportunities.js';
import { insertDemoMeasurement } from '../demo/demo-measurement.js';
import { loadDashboard } from '../dashboard/dashboard.service.js';
import { getCareerPathway, importAreaEducationFile, importOccupationsFile, listCareerPathways } from './careers.service.js';

const onet = 'Code,Occupation,Occupation Types\n15-1252.00,Software Developers,"Research, Development, Design, and Practitioners"\n29-1141.00,Registered Nurses,"Research, Development, Design, and Practitioners"\n';
const slbr1 = [
	'acs_occ_code,occupation,ncses_stem_group,employed_total,employed_no_bachelors,employed_bachelors_or_higher',
	'0110,Computer and information systems managers,S&E-related occupations,100,20,80',
	'1021,Software developers,S&E occupations,400,100,300',
	'1360,Architects,S&E-related occupations,50,10,40',
	'1910,Chemical technicians,STEM middle-skill occupations,40,30,10',
	'2205,Postsecondary teachers,Non-STEM occupations,70,7,63',
	'3255,Registered nurses,S&E-related occupations,200,80,120',
	'4930,Sales engineers,S&E occupations,10,2,8'
].join('\n');

describeEachDatabase('career pathways', (get) => {
	beforeAll(async () => {
		const dir = mkdtempSync(join(tmpdir(), 'parity-careers-'));
		writeFileSync(join(dir, 'onet.csv'), onet);
		writeFileSync(join(dir, 'slbr1.csv'), slbr1);
		expect((await importOccupationsFile({ db: get().db, file: join(dir, 'onet.csv') })).ok).toBe(true);
		expect(await importAreaEducationFile({ db: get().db, file: join(dir, 'slbr1.csv') })).toEqual({ ok: true, imported: 7 });
		// Importing again refreshes in place.
		expect(await importAreaEducationFile({ db: get().db, file: join(dir, 'slbr1.csv') })).toEqual({ ok: true, imported: 7 });
	});

	it('shows a career area with its education, the programs and opportunities that lead to it, and the dashboard’s Access Index', async () => {
		const { db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id, { name: 'Code Forward' });
		await makeProgram(db, eco.id, partner, { name: 'Teen web developers', subjects: ['coding'] });
		await makeProgram(db, eco.id, partner, { name: 'Nature journaling', subjects: ['environment'] });
		const raw = { kind: 'internship', audience: 'youth', title: 'Junior developer internship', description_md: 'Ten paid weeks building web apps with a mentor.', occupation_code: '15-1252.00', pay_kind: 'paid', pay_amount: '18', pay_period: 'hour', deadline: '2099-01-31', places: '3' };
		const input = opportunitySchema.parse(raw);
		await insertOpportunity(db, { ecosystemId: eco.id, partnerId: partner.id, slug: 'junior-dev', postedBy: null, input });
		const nursing = opportunitySchema.parse({ ...raw, title: 'Hospital shadow day', occupation_code: '29-1141.00', kind: 'job_shadow' });
		await insertOpportunity(db, { ecosystemId: eco.id, partnerId: partner.id, slug: 'shadow', postedBy: null, input: nursing });
		await insertDemoMeasurement(db, eco.id, 'philadelphia');

		const page = await getCareerPathway({ db, ecosystemId: eco.id, area: '15' });
		expect(page.occupations.map((o) => o.title)).toEqual(['Software Developers']);
		expect(page.education).toEqual({ bachelorsShare: 75, mostHaveBachelors: true });
		expect(page.programs.map((p) => p.name)).toEqual(['Teen web developers']);
		expect(page.opportunities.map((o) => o.slug)).toEqual(['junior-dev']);
		const dashboard = await loadDashboard({ db, ecosystemId: eco.id });
		const latest = dashboard!.indexSeries.filter((r) => r.year === page.accessIndex!.year);
		expect(page.accessIndex!.rows.map((r) => [r.group, r.index])).toEqual(latest.map((r) => [r.group, r.index]));
		expect(page.accessIndex!.rows.length).toBeGreaterThan(0);

		const health = await getCareerPathway({ db, ecosystemId: eco.id, area: '29' });
		expect(health.opportunities.map((o) => o.slug)).toEqual(['shadow']);
		expect(health.education).toEqual({ bachelorsShare: 60, mostHaveBachelors: true });
		// No health workforce metric in this ecosystem: the page says "not available".
		expect(health.accessIndex).toBeNull();
		const lab = await getCareerPathway({ db, ecosystemId: eco.id, area: '19' });
		expect(lab.education).toEqual({ bachelorsShare: 25, mostHaveBachelors: false });
		expect(lab.programs.map((p) => p.name)).toEqual(['Nature journaling']);
	});

	it('keeps each ecosystem’s programs and opportunities to itself and refuses unknown areas', async () => {
		const { db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		await makeProgram(db, eco.id, partner, { name: 'Only here', subjects: ['coding'] });
		const elsewhere = await makeEcosystem(db);
		const page = await getCareerPathway({ db, ecosystemId: elsewhere.id, area: '15' });
		expect(page.programs).toEqual([]);
		expect(page.opportunities).toEqual([]);
		expect(page.accessIndex).toBeNull();
		await expect(getCareerPathway({ db, ecosystemId: eco.id, area: '53' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		const areas = await listCareerPathways({ db });
		expect(areas.map((a) => a.area)).toEqual(['11', '15', '17', '19', '25', '29', '41']);
		expect(areas.find((a) => a.area === '25')!.education).toEqual({ bachelorsShare: 90, mostHaveBachelors: true });
	});
});

import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram } from '../testing/program-factories.js';
import { auditActions } from '../testing/assertions.js';
import { DomainError } from '../errors.js';
import { setFocusGroups } from '../ecosystems/ecosystems.repository.js';
import { listYouthPopulation, listZipAreas } from './geo.repository.js';
import { geographyStatus, programDeserts, uploadYouthPopulation, uploadZipBoundaries } from './geo.service.js';
import { itWithSharedGeo, readShared } from './geo-test-data.js';

const square = (lon: number, lat: number, d = 0.01) => [[[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]];
const zcta = (zip: string, lon: number, lat: number) => ({ type: 'Feature', properties: { ZCTA5CE10: zip }, geometry: { type: 'Polygon', coordinates: square(lon, lat) } });
const collection = (...features: unknown[]) => ({ type: 'FeatureCollection', features });

describeEachDatabase('geography service', (get) => {
	async function setup(role: 'backbone_staff' | 'partner_admin' = 'backbone_staff') {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const actor = await makeActor(ctx, { role, ecosystemId: eco.id, partnerId: role === 'partner_admin' ? partner.id : null });
		return { db, ctx, eco, partner, actor, base: { db, actor, ecosystemId: eco.id } };
	}

	describe('uploadZipBoundaries', () => {
		it('replaces the ecosystem’s boundaries in one go and records it', async () => {
			const { db, eco, base } = await setup();
			expect(await uploadZipBoundaries({ ...base, document: collection(zcta('19104', -75.2, 39.95), zcta('19121', -75.18, 39.98)) })).toEqual({ ok: true, value: { zips: 2, replaced: 0 } });
			expect(await uploadZipBoundaries({ ...base, document: collection(zcta('19133', -75.14, 39.99)) })).toEqual({ ok: true, value: { zips: 1, replaced: 2 } });
			const areas = await listZipAreas(db, eco.id);
			expect(areas.map((a) => a.zip)).toEqual(['19133']);
			expect(areas[0]!.geometry?.type).toBe('Polygon');
			expect(await auditActions(db, eco.id)).toEqual(['geo.boundaries.upload', 'geo.boundaries.upload']);
		});

		it('keeps the earlier boundaries when any feature is wrong, and lists every problem', async () => {
			const { db, eco, base } = await setup();
			await uploadZipBoundaries({ ...base, document: collection(zcta('19104', -75.2, 39.95)) });
			const outcome = await uploadZipBoundaries({ ...base, document: collection(zcta('19121', -75.18, 39.98), { type: 'Feature', properties: {}, geometry: null }, zcta('19121', -75.18, 39.98)) });
			expect(outcome.ok).toBe(false);
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.message)).toEqual([
				expect.stringContaining('features[1]: no 5-digit ZIP code'),
				'features[1]: the feature has no geometry.',
				expect.stringContaining('features[2] (ZIP 19121): ZIP 19121 appears twice')
			]);
			expect((await listZipAreas(db, eco.id)).map((a) => a.zip)).toEqual(['19104']);
			expect(await auditActions(db, eco.id)).toEqual(['geo.boundaries.upload']);
		});

		it('is for backbone staff only, and never touches another ecosystem', async () => {
			const { db, eco, base } = await setup('partner_admin');
			await expect(uploadZipBoundaries({ ...base, document: collection(zcta('19104', -75.2, 39.95)) })).rejects.toBeInstanceOf(DomainError);
			const other = await setup();
			await uploadZipBoundaries({ ...other.base, document: collection(zcta('19104', -75.2, 39.95)) });
			expect(await listZipAreas(db, eco.id)).toEqual([]);
		});

		itWithSharedGeo()('stores the 48 Philadelphia ZCTAs of the Census file', async () => {
			const { db, eco, base } = await setup();
			const outcome = await uploadZipBoundaries({ ...base, document: readShared('philadelphia_zcta2010.geojson') });
			expect(outcome).toEqual({ ok: true, value: { zips: 48, replaced: 0 } });
			const areas = await listZipAreas(db, eco.id);
			expect(areas).toHaveLength(48);
			// The Census internal point, read from the file itself.
			const feature = (readShared('philadelphia_zcta2010.geojson') as { features: { properties: Record<string, string> }[] }).features.find((f) => f.properties.ZCTA5CE10 === '19104')!;
			expect(areas.find((a) => a.zip === '19104')).toMatchObject({ lat: Number(feature.properties.INTPTLAT10), lon: Number(feature.properties.INTPTLON10) });
		});
	});

	describe('uploadYouthPopulation', () => {
		const csv = 'zip,group,count,year,source\n19104,all,5000,2013,ACS\n19104,black,2000,2013,ACS\n19121,all,4000,2013,\n';
		it('replaces every figure, keeping year and source (the file name when the row has none)', async () => {
			const { db, eco, base } = await setup();
			await uploadYouthPopulation({ ...base, text: 'zip,group,count,year,source\n19133,all,1,2010,old\n', fileName: 'old.csv' });
			expect(await uploadYouthPopulation({ ...base, text: csv, fileName: 'youth.csv' })).toEqual({ ok: true, value: { rows: 3, zips: 2, replaced: 1 } });
			expect(await listYouthPopulation(db, eco.id)).toEqual([
				{ zip: '19104', group_key: 'all', youth: 5000, year: 2013, source: 'ACS' },
				{ zip: '19104', group_key: 'black', youth: 2000, year: 2013, source: 'ACS' },
				{ zip: '19121', group_key: 'all', youth: 4000, year: 2013, source: 'youth.csv' }
			]);
			expect(await geographyStatus(base)).toMatchObject({ youthRows: 3, youthZips: 2, areas: 0 });
		});

		it('stores nothing when a row is wrong, naming row, column and value', async () => {
			const { db, eco, base } = await setup();
			await uploadYouthPopulation({ ...base, text: csv });
			const outcome = await uploadYouthPopulation({ ...base, text: 'zip,group,count,year,source\n19104,all,10,2013,x\n19121,teens,ten,2013,x\n' });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.message)).toEqual([
				expect.stringMatching(/^Row 3, group “teens”: Unknown group/),
				'Row 3, count “ten”: The count must be a whole number of young people, with no commas, decimals or signs.'
			]);
			expect(await listYouthPopulation(db, eco.id)).toHaveLength(3);
		});
	});

	describe('programDeserts', () => {
		it('ranks the uploaded ZIPs by the seats their focus-group youth lack, counting only matching, findable programs', async () => {
			const { db, eco, partner, base } = await setup();
			await setFocusGroups(db, eco.id, ['black', 'female', 'black:female']);
			await uploadZipBoundaries({ ...base, document: collection(zcta('19104', -75.2, 39.95), zcta('19121', -75.18, 39.98), zcta('19133', -75.14, 39.99)) });
			const rows = [
				['19104', 400, 500, 200],
				['19121', 800, 900, 400],
				['19133', 300, 250, 100]
			].flatMap(([zip, black, female, both]) => [`${zip},black,${black},2013,t`, `${zip},female,${female},2013,t`, `${zip},black:female,${both},2013,t`]);
			await uploadYouthPopulation({ ...base, text: `zip,group,count,year,source\n${rows.join('\n')}\n` });
			const place = (zip: string) => [{ name: 'Site', address_1: '1 Main St', city: 'Philadelphia', state_province: 'PA', postal_code: zip }];
			await makeProgram(db, eco.id, partner, { capacity: '42', locations: place('19104') });
			await makeProgram(db, eco.id, partner, { capacity: '30', locations: place('19133'), subjects: ['math'], cost_kind: 'paid', fee_amount: '50', min_age: '15', max_age: '18' });
			// Hidden from families (never confirmed, created long ago): not counted.
			await makeProgram(db, eco.id, partner, { capacity: '500', locations: place('19121') }, { verified: false, now: '2020-01-01T00:00:00.000Z' });

			const all = await programDeserts({ ...base, query: {} });
			// Focus youth: 700, 1300, 450 (2,450); 72 seats → 29.4 per 1,000.
			expect(all.measure).toBe('seats');
			expect(all.mapKind).toBe('shapes');
			expect(all.ecosystemRate).toBe(29.4);
			expect(all.rows.map((r) => [r.zip, r.rank, r.focusYouth, r.seats, r.band])).toEqual([
				['19121', 1, 1300, 0, 'none'],
				['19104', 2, 700, 42, 'high'],
				['19133', 3, 450, 30, 'high']
			]);

			const free = await programDeserts({ ...base, query: { free: '1', subject: 'robotics', age: '11-13', format: 'after_school' } });
			expect(free.rows.map((r) => [r.zip, r.seats])).toEqual([
				['19121', 0],
				['19133', 0],
				['19104', 42]
			]);
			// Age bands overlap a program's ages: 10–14 is in 11–13 and in 14–18; 15–18 only in 14–18.
			const middle = await programDeserts({ ...base, query: { age: '11-13' } });
			expect(middle.rows.map((r) => [r.zip, r.seats])).toEqual([
				['19121', 0],
				['19133', 0],
				['19104', 42]
			]);
			const high = await programDeserts({ ...base, query: { age: '14-18' } });
			expect(Object.fromEntries(high.rows.map((r) => [r.zip, r.seats]))).toEqual({ '19104': 42, '19121': 0, '19133': 30 });
			const young = await programDeserts({ ...base, query: { age: '5-10' } });
			expect(Object.fromEntries(young.rows.map((r) => [r.zip, r.seats]))).toEqual({ '19104': 42, '19121': 0, '19133': 0 });
		});

		it('shows ZIPs with youth figures at their centroids when no boundaries were uploaded, and reports bad filters', async () => {
			const { base } = await setup();
			await uploadYouthPopulation({ ...base, text: 'zip,group,count,year,source\n19104,all,100,2013,t\n' });
			const d = await programDeserts({ ...base, query: { subject: 'basket-weaving', free: '1' } });
			expect(d.mapKind).toBe('points');
			expect(d.places).toEqual([{ zip: '19104', geometry: null, lat: expect.closeTo(39.96, 1), lon: expect.closeTo(-75.2, 1) }]);
			expect(d.filterIssues).toEqual([{ field: 'subject', message: 'Choose a subject from the list.' }]);
			expect(d.filters).toEqual({ free: true });
		});

		it('refuses partners', async () => {
			const { base } = await setup('partner_admin');
			await expect(programDeserts({ ...base, query: {} })).rejects.toBeInstanceOf(DomainError);
		});
	});
});

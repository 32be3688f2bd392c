import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram } from '../testing/program-factories.js';
import { overlapAndCoverage } from './overlap.service.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const at = (zip: string) => [{ name: 'Site', address_1: '1 Demo St', city: 'Philadelphia', state_province: 'PA', postal_code: zip }];
const weekly = (byday: string[], opens_at: string, closes_at: string) => [{ freq: 'WEEKLY', byday, dtstart: '2026-09-08', until: '2027-06-10', opens_at, closes_at }];

describeEachDatabase('overlap and coverage', (get) => {
	async function world() {
		const { db, ctx } = get();
		const eco = await makeEcosystem(db);
		const bolt = await makePartner(db, eco.id, { name: 'Brick and Bolt', sector: 'ost' });
		const block = await makePartner(db, eco.id, { name: 'Block by Block', sector: 'ost' });
		const school = await makePartner(db, eco.id, { name: 'Kensington High', sector: 'k12' });
		const when = { now: '2026-10-01T00:00:00.000Z' };
		await makeProgram(db, eco.id, bolt, { name: 'Robot Builders', subjects: ['robotics', 'engineering'], min_age: '10', max_age: '14', locations: at('19122'), schedules: weekly(['TU', 'TH'], '15:30', '17:30') }, when);
		await makeProgram(db, eco.id, block, { name: 'Robotics Crew', subjects: ['robotics', 'coding'], min_age: '11', max_age: '15', locations: at('19122'), schedules: weekly(['TU', 'WE'], '16:00', '18:00') }, when);
		// Same partner as Robot Builders: never a pair.
		await makeProgram(db, eco.id, bolt, { name: 'Bolt Robotics Two', subjects: ['robotics'], locations: at('19122'), schedules: weekly(['TU'], '15:30', '17:30') }, when);
		// Same ZIP and subject, mornings only: no shared time.
		await makeProgram(db, eco.id, school, { name: 'Morning Robotics', subjects: ['robotics'], locations: at('19122'), schedules: weekly(['TU'], '08:00', '10:00') }, when);
		// Hidden (not confirmed for 14 months): left out.
		await makeProgram(db, eco.id, school, { name: 'Old Robotics', subjects: ['robotics'], locations: at('19122'), schedules: weekly(['TU'], '15:30', '17:30') }, { now: '2025-09-01T00:00:00.000Z' });
		const other = await makeEcosystem(db);
		const foreign = await makePartner(db, other.id, { name: 'Elsewhere Lab', sector: 'ost' });
		await makeProgram(db, other.id, foreign, { name: 'Foreign Robotics', subjects: ['robotics'], locations: at('19122'), schedules: weekly(['TU'], '15:30', '17:30') }, when);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		return { db, ctx, eco, bolt, staff, other };
	}

	it('finds the two partners’ programs that meet in one ZIP at one time, with what they share', async () => {
		const { db, eco, staff } = await world();
		const report = await overlapAndCoverage({ db, actor: staff, ecosystemId: eco.id, now: NOW });
		expect(report.programCount).toBe(4);
		expect(report.pairs.map((p) => [p.a.name, p.b.name])).toEqual([
			['Bolt Robotics Two', 'Robotics Crew'],
			['Robot Builders', 'Robotics Crew']
		]);
		const pair = report.pairs.find((p) => p.a.name === 'Robot Builders')!;
		expect(pair).toMatchObject({ zips: ['19122'], subjects: ['robotics'], ages: { from: 11, to: 14 }, times: [{ day: 'TU', from: '16:00', to: '17:30' }], sharedMinutes: 90 });
		expect(pair.a.partnerName).toBe('Brick and Bolt');
		expect(pair.b.partnerName).toBe('Block by Block');
	});

	it('counts partners per subject and sector, marking gaps and crowding, from this ecosystem only', async () => {
		const { db, eco, staff } = await world();
		const report = await overlapAndCoverage({ db, actor: staff, ecosystemId: eco.id, now: NOW });
		expect(report.bySubject.get('robotics')?.get('ost')).toEqual({ partners: ['Block by Block', 'Brick and Bolt'], level: 'some' });
		expect(report.bySubject.get('robotics')?.get('k12')).toEqual({ partners: ['Kensington High'], level: 'single' });
		expect(report.bySubject.get('space')?.get('ost')).toEqual({ partners: [], level: 'gap' });
		expect(report.strategies).toEqual([]);
	});

	it('is for backbone staff of the ecosystem only', async () => {
		const { db, ctx, eco, bolt, other } = await world();
		const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: bolt.id });
		const foreignStaff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: other.id });
		for (const actor of [partnerAdmin, foreignStaff]) {
			await expect(overlapAndCoverage({ db, actor, ecosystemId: eco.id, now: NOW })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		}
	});
});

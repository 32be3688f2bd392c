import { describe, expect, it } from 'vitest';
import { actorWith } from '../testing/factories.js';
import { publicActor } from '../auth/roles.js';
import { validate } from '../validation.js';
import { goalSchema, milestoneSchema, milestoneState, projectAbilities, projectSchema } from './projects.js';

const ECO = 'eco';
const project = { leadPartnerId: 'lead', partnerIds: ['lead', 'member'] };

describe('projectAbilities', () => {
	it.each([
		['backbone staff manage any project', actorWith([{ role: 'backbone_staff', ecosystemId: ECO, partnerId: null }]), { manage: true, contribute: true }, ['lead', 'member', 'outside']],
		['the lead partner’s admin manages it', actorWith([{ role: 'partner_admin', ecosystemId: ECO, partnerId: 'lead' }]), { manage: true, contribute: true }, ['lead', 'member', 'outside']],
		['the lead partner’s member contributes but does not manage', actorWith([{ role: 'partner_member', ecosystemId: ECO, partnerId: 'lead' }]), { manage: false, contribute: true }, ['lead']],
		['another partner’s admin in the project contributes', actorWith([{ role: 'partner_admin', ecosystemId: ECO, partnerId: 'member' }]), { manage: false, contribute: true }, ['member']],
		['a partner outside the project does nothing', actorWith([{ role: 'partner_admin', ecosystemId: ECO, partnerId: 'outside' }]), { manage: false, contribute: false }, []],
		['an educator does nothing', actorWith([{ role: 'educator', ecosystemId: ECO, partnerId: null }]), { manage: false, contribute: false }, []],
		['backbone staff of another ecosystem do nothing', actorWith([{ role: 'backbone_staff', ecosystemId: 'elsewhere', partnerId: null }]), { manage: false, contribute: false }, []],
		['the public does nothing', publicActor, { manage: false, contribute: false }, []]
	] as const)('%s', (_label, actor, expected, completes) => {
		const abilities = projectAbilities(actor, ECO, project);
		expect({ manage: abilities.manage, contribute: abilities.contribute }).toEqual(expected);
		expect(['lead', 'member', 'outside'].filter((p) => abilities.completes(p))).toEqual(completes);
	});
});

describe('schemas', () => {
	it('lists every problem of a project at once', () => {
		const outcome = validate(projectSchema, { lead: '', title: 'Hi', summary: 'short' });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['lead', 'title', 'summary', 'lead_role']);
	});
	it('turns empty optional fields into null', () => {
		expect(validate(goalSchema, { text: '200 students in robotics clubs', text_es: '', strategy: '' })).toEqual({ ok: true, value: { text: '200 students in robotics clubs', text_es: null, strategy: null } });
	});
	it.each([['2027-02-30'], ['next week'], ['']])('refuses the due date %j', (due_on) => {
		const outcome = validate(milestoneSchema, { title: 'Kick-off meeting', owner: 'lab', due_on });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['due_on']);
	});
});

describe('milestoneState', () => {
	it.each([
		[{ due_on: '2027-03-01', done_at: '2027-03-02T10:00:00.000Z' }, 'done'],
		[{ due_on: '2027-03-01', done_at: null }, 'late'],
		[{ due_on: '2027-03-02', done_at: null }, 'upcoming'],
		[{ due_on: '2027-03-03', done_at: null }, 'upcoming']
	] as const)('%j → %s on 2027-03-02', (m, expected) => expect(milestoneState(m, '2027-03-02')).toBe(expected));
});

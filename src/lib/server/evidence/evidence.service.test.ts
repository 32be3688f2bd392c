import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import type { AppContext } from '../context.js';
import { getResource, getResourceFile, listSuggestions, reviewSuggestion, searchLibrary, submitResource } from './evidence.service.js';

const pdf = (text: string) => ({ name: 'guide.pdf', bytes: new TextEncoder().encode(`%PDF-1.7\n${text}`) });
const resource = (overrides: Record<string, unknown> = {}) => ({
	title: 'Engineering design journals',
	summary: 'How student journals make design thinking visible in middle school.',
	kind: 'guide',
	url: 'https://example.org/journals',
	...overrides
});

describeEachDatabase('evidence library service', (get) => {
	async function setup(ctx: AppContext) {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const partner = await makePartner(db, eco.id, { name: 'Suggesting Partner' });
		const member = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id });
		return { db, eco, staff, partner, member };
	}

	it('searches published resources in full text, by prefix, across English and Spanish fields, best match first', async () => {
		const { db, eco, staff } = await setup(get().ctx);
		const add = (input: Record<string, unknown>) => submitResource({ db, actor: staff, ecosystemId: eco.id, input: resource(input) });
		await add({ title: 'Robotics clubs for girls', summary: 'Recruiting and keeping girls in after-school robotics.', tags: 'robotics, gender equity', essa_tier: '3', citation: 'Smith (2021), a correlational study of 40 clubs.' });
		await add({ title: 'Field science with families', summary: 'Family nights outdoors.', summary_es: 'Noches de ciencias en familia al aire libre.', subjects: ['science'] });
		await add({ title: 'Math talks', summary: 'Number talks for robotic precision? No: for fluency.' });
		const titles = async (query: string) => (await searchLibrary({ db, ecosystemId: eco.id, query })).map((r) => r.title);
		expect(await titles('robot')).toEqual(['Robotics clubs for girls', 'Math talks']);
		expect(await titles('robot girls')).toEqual(['Robotics clubs for girls']);
		expect(await titles('ciencias familia')).toEqual(['Field science with families']);
		expect(await titles('EQUITY')).toEqual(['Robotics clubs for girls']);
		expect(await titles('"; drop table evidence_resource; --')).toEqual([]);
		expect(await titles('')).toEqual(['Field science with families', 'Math talks', 'Robotics clubs for girls']);
	});

	it('keeps the search index in step when a suggestion is published', async () => {
		const { db, eco, staff, member } = await setup(get().ctx);
		const suggested = await submitResource({ db, actor: member, ecosystemId: eco.id, input: resource({ title: 'Solar oven challenge' }) });
		expect(suggested).toMatchObject({ ok: true, value: { status: 'suggested' } });
		expect(await searchLibrary({ db, ecosystemId: eco.id, query: 'solar' })).toEqual([]);
		expect((await listSuggestions({ db, actor: staff, ecosystemId: eco.id })).map((r) => [r.title, r.suggested_by_partner_name])).toEqual([['Solar oven challenge', 'Suggesting Partner']]);
		expect(await reviewSuggestion({ db, actor: staff, ecosystemId: eco.id, slug: 'solar-oven-challenge', input: { decision: 'publish', note: 'Thanks!' } })).toEqual({ ok: true, value: null });
		expect((await searchLibrary({ db, ecosystemId: eco.id, query: 'solar' })).map((r) => r.slug)).toEqual(['solar-oven-challenge']);
		const again = await reviewSuggestion({ db, actor: staff, ecosystemId: eco.id, slug: 'solar-oven-challenge', input: { decision: 'reject' } });
		expect(again.ok).toBe(false);
		expect(await auditActions(db, eco.id)).toEqual(['evidence.publish', 'evidence.suggest']);
	});

	it('shows a suggestion only to backbone staff and the suggesting partner until it is published', async () => {
		const { ctx } = get();
		const { db, eco, staff, member } = await setup(ctx);
		const other = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: (await makePartner(db, eco.id)).id });
		await submitResource({ db, actor: member, ecosystemId: eco.id, input: resource({ title: 'Pending idea' }) });
		for (const actor of [staff, member]) expect((await getResource({ db, actor, ecosystemId: eco.id, slug: 'pending-idea' })).status).toBe('suggested');
		for (const actor of [other, publicActor]) await expect(getResource({ db, actor, ecosystemId: eco.id, slug: 'pending-idea' })).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
		await reviewSuggestion({ db, actor: staff, ecosystemId: eco.id, slug: 'pending-idea', input: { decision: 'reject', note: 'Out of scope' } });
		await expect(getResource({ db, actor: publicActor, ecosystemId: eco.id, slug: 'pending-idea' })).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
		expect((await getResource({ db, actor: member, ecosystemId: eco.id, slug: 'pending-idea' })).review_note).toBe('Out of scope');
	});

	it('stores a checked file and serves it back byte for byte', async () => {
		const { db, eco, staff } = await setup(get().ctx);
		const file = pdf('design journal template');
		const outcome = await submitResource({ db, actor: staff, ecosystemId: eco.id, input: resource({ url: undefined }), file });
		expect(outcome).toMatchObject({ ok: true, value: { status: 'published' } });
		const stored = await getResourceFile({ db, actor: publicActor, ecosystemId: eco.id, slug: 'engineering-design-journals' });
		expect([stored.file_name, stored.content_type, stored.size_bytes]).toEqual(['guide.pdf', 'application/pdf', file.bytes.length]);
		expect(Buffer.from(stored.data).equals(Buffer.from(file.bytes))).toBe(true);
	});

	it('lists every problem at once, file included, and stores nothing', async () => {
		const { db, eco, staff } = await setup(get().ctx);
		const outcome = await submitResource({ db, actor: staff, ecosystemId: eco.id, input: { title: '', kind: 'guide', summary: 'Long enough summary.', essa_tier: '2' }, file: { name: 'x.exe', bytes: new Uint8Array([0x4d, 0x5a]) } });
		expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['title', 'citation', 'file']);
		const missing = await submitResource({ db, actor: staff, ecosystemId: eco.id, input: resource({ url: undefined }) });
		expect(missing.ok ? [] : missing.issues.map((i) => i.field)).toEqual(['url']);
		expect(await searchLibrary({ db, ecosystemId: eco.id })).toEqual([]);
		expect(await auditActions(db, eco.id)).toEqual([]);
	});

	it('refuses educators and signed-out visitors, and partners the review queue', async () => {
		const { ctx } = get();
		const { db, eco, member } = await setup(ctx);
		const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
		await expect(submitResource({ db, actor: educator, ecosystemId: eco.id, input: resource() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(submitResource({ db, actor: publicActor, ecosystemId: eco.id, input: resource() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		await expect(listSuggestions({ db, actor: member, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(reviewSuggestion({ db, actor: member, ecosystemId: eco.id, slug: 'x', input: { decision: 'publish' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});

	describe('tenant isolation', () => {
		it('never finds or reviews another ecosystem’s resources', async () => {
			const { ctx } = get();
			const home = await setup(ctx);
			const away = await setup(ctx);
			await submitResource({ db: home.db, actor: home.staff, ecosystemId: home.eco.id, input: resource({ title: 'Home only resource' }) });
			await submitResource({ db: home.db, actor: home.member, ecosystemId: home.eco.id, input: resource({ title: 'Home suggestion' }) });
			expect(await searchLibrary({ db: home.db, ecosystemId: away.eco.id, query: 'home' })).toEqual([]);
			await expect(getResource({ db: home.db, actor: away.staff, ecosystemId: away.eco.id, slug: 'home-only-resource' })).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
			await expect(reviewSuggestion({ db: home.db, actor: away.staff, ecosystemId: away.eco.id, slug: 'home-suggestion', input: { decision: 'publish' } })).rejects.toMatchObject({ code: 'RESOURCE_NOT_FOUND' });
			await expect(reviewSuggestion({ db: home.db, actor: away.staff, ecosystemId: home.eco.id, slug: 'home-suggestion', input: { decision: 'publish' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await listSuggestions({ db: home.db, actor: home.staff, ecosystemId: home.eco.id })).map((r) => r.title)).toEqual(['Home suggestion']);
		});
	});
});

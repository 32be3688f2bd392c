import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import type { AppContext } from '../context.js';
import { getResource, getResourceFile, getResourceForEdit, reviewSuggestion, searchLibrary, submitResource, updateResource } from './evidence.service.js';

const pdf = (text: string) => ({ name: 'guide.pdf', bytes: new TextEncoder().encode(`%PDF-1.7\n${text}`) });
const resource = (overrides: Record<string, unknown> = {}) => ({
	title: 'Engineering design journals',
	summary: 'How student journals make design thinking visible in middle school.',
	kind: 'guide',
	url: 'https://example.org/journals',
	...overrides
});
/** The pre-filled form as the browser posts it back: lists as arrays, empty fields left out. */
const posted = (values: Record<string, string>, changes: Record<string, string> = {}) => {
	const all = { ...values, ...changes };
	const rest = Object.fromEntries(Object.entries(all).filter(([k, v]) => v !== '' && k !== 'subjects' && k !== 'grade_bands'));
	return { ...rest, subjects: all.subjects!.split(',').filter(Boolean), grade_bands: all.grade_bands!.split(',').filter(Boolean) };
};

describeEachDatabase('editing an evidence-library resource', (get) => {
	async function setup(ctx: AppContext) {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const partner = await makePartner(db, eco.id, { name: 'Suggesting Partner' });
		const member = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id });
		return { db, eco, staff, partner, member };
	}
	const titles = async (db: AppContext['db']['kysely'], ecosystemId: string, query: string) => (await searchLibrary({ db, ecosystemId, query })).map((r) => r.title);

	it('lets backbone staff edit a published resource, pre-filled, and keeps full-text search in step', async () => {
		const { db, eco, staff } = await setup(get().ctx);
		await submitResource({ db, actor: staff, ecosystemId: eco.id, input: resource({ tags: 'journals, Design', subjects: ['engineering'], grade_bands: ['6-8'] }) });
		const { values } = await getResourceForEdit({ db, actor: staff, ecosystemId: eco.id, slug: 'engineering-design-journals' });
		expect(values).toMatchObject({ title: 'Engineering design journals', tags: 'journals, design', subjects: 'engineering', grade_bands: '6-8', essa_tier: '' });
		const outcome = await updateResource({
			db, actor: staff, ecosystemId: eco.id, slug: 'engineering-design-journals',
			input: posted(values, { title: 'Notebooks for tinkering', summary_es: 'Cuadernos de ingeniería para el aula.', essa_tier: '2', citation: 'Lee (2020), a quasi-experimental study in 12 schools.' })
		});
		expect(outcome).toEqual({ ok: true, value: { slug: 'engineering-design-journals' } });
		expect(await titles(db, eco.id, 'notebooks')).toEqual(['Notebooks for tinkering']);
		expect(await titles(db, eco.id, 'cuadernos')).toEqual(['Notebooks for tinkering']);
		expect(await titles(db, eco.id, 'journals design')).toEqual(['Notebooks for tinkering']); // still in the summary and tags
		expect(await titles(db, eco.id, 'engineering')).toEqual(['Notebooks for tinkering']); // its subject
		const stored = await getResource({ db, actor: staff, ecosystemId: eco.id, slug: 'engineering-design-journals' });
		expect([stored.essa_tier, stored.subjects, stored.status]).toEqual([2, '["engineering"]', 'published']);
		expect(await auditActions(db, eco.id)).toContain('evidence.update');
	});

	it('drops the old title from the index and refuses a tier without a citation, changing nothing', async () => {
		const { db, eco, staff } = await setup(get().ctx);
		await submitResource({ db, actor: staff, ecosystemId: eco.id, input: resource({ title: 'Kite physics', summary: 'Wind, lift and string for fourth graders.' }) });
		const { values } = await getResourceForEdit({ db, actor: staff, ecosystemId: eco.id, slug: 'kite-physics' });
		const refused = await updateResource({ db, actor: staff, ecosystemId: eco.id, slug: 'kite-physics', input: posted(values, { title: 'Paper planes', essa_tier: '1' }) });
		expect(refused).toEqual({ ok: false, issues: [{ field: 'citation', message: 'Give the study or source behind the evidence tier (at least 10 characters).' }] });
		expect(await titles(db, eco.id, 'kite')).toEqual(['Kite physics']);
		expect((await updateResource({ db, actor: staff, ecosystemId: eco.id, slug: 'kite-physics', input: posted(values, { title: 'Paper planes' }) })).ok).toBe(true);
		expect(await titles(db, eco.id, 'kite')).toEqual([]);
		expect(await titles(db, eco.id, 'planes')).toEqual(['Paper planes']);
	});

	it('replaces a stored file with a checked new one and refuses a file of the wrong type', async () => {
		const { db, eco, staff } = await setup(get().ctx);
		await submitResource({ db, actor: staff, ecosystemId: eco.id, input: resource({ url: undefined }), file: pdf('first') });
		const { values } = await getResourceForEdit({ db, actor: staff, ecosystemId: eco.id, slug: 'engineering-design-journals' });
		// No link and no new file is fine: the stored file stays.
		expect((await updateResource({ db, actor: staff, ecosystemId: eco.id, slug: 'engineering-design-journals', input: posted(values) })).ok).toBe(true);
		const bad = await updateResource({ db, actor: staff, ecosystemId: eco.id, slug: 'engineering-design-journals', input: posted(values), file: { name: 'x.pdf', bytes: new Uint8Array([0x4d, 0x5a, 1, 2]) } });
		expect(bad).toMatchObject({ ok: false, issues: [{ field: 'file' }] });
		expect((await updateResource({ db, actor: staff, ecosystemId: eco.id, slug: 'engineering-design-journals', input: posted(values), file: pdf('second') })).ok).toBe(true);
		const file = await getResourceFile({ db, actor: staff, ecosystemId: eco.id, slug: 'engineering-design-journals' });
		expect(new TextDecoder().decode(file.data)).toBe('%PDF-1.7\nsecond');
		expect((await db.selectFrom('evidence_file').select('id').where('ecosystem_id', '=', eco.id).execute()).length).toBe(1);
	});

	it('lets the suggesting partner edit only while the suggestion is pending; other partners never', async () => {
		const { ctx } = get();
		const { db, eco, staff, member } = await setup(ctx);
		const other = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: (await makePartner(db, eco.id)).id });
		const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
		await submitResource({ db, actor: member, ecosystemId: eco.id, input: resource({ title: 'Solar oven challenge' }) });
		const { values } = await getResourceForEdit({ db, actor: member, ecosystemId: eco.id, slug: 'solar-oven-challenge' });
		expect((await updateResource({ db, actor: member, ecosystemId: eco.id, slug: 'solar-oven-challenge', input: posted(values, { summary: 'Cardboard, foil and sunshine for a week of physics.' }) })).ok).toBe(true);
		for (const actor of [other, educator]) {
			await expect(getResourceForEdit({ db, actor, ecosystemId: eco.id, slug: 'solar-oven-challenge' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(updateResource({ db, actor, ecosystemId: eco.id, slug: 'solar-oven-challenge', input: posted(values) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		}
		await reviewSuggestion({ db, actor: staff, ecosystemId: eco.id, slug: 'solar-oven-challenge', input: { decision: 'publish' } });
		await expect(updateResource({ db, actor: member, ecosystemId: eco.id, slug: 'solar-oven-challenge', input: posted(values, { title: 'Changed after review' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		const stored = await getResource({ db, actor: staff, ecosystemId: eco.id, slug: 'solar-oven-challenge' });
		expect([stored.title, stored.summary, stored.status]).toEqual(['Solar oven challenge', 'Cardboard, foil and sunshine for a week of physics.', 'published']);
		expect((await updateResource({ db, actor: staff, ecosystemId: eco.id, slug: 'solar-oven-challenge', input: posted(values, { title: 'Solar ovens' }) })).ok).toBe(true);
	});
});

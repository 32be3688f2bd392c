import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import type { AppContext } from '../context.js';
import { takeRequestBudget } from '../http/request-budget.js';
import { createActivity, createResult, createStrategy } from '../agenda/agenda.service.js';
import type { SignedInActor } from '../auth/roles.js';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import {
	addItem,
	closeRun,
	createInstrument,
	createRun,
	enterResponse,
	getInstrument,
	getRun,
	getSurvey,
	listInstruments,
	publishInstrument,
	recordAsMeasure,
	renewLinks,
	submitSurvey,
	SURVEY_MISS_LIMIT,
	SURVEY_REQUEST_LIMIT,
	SURVEY_WINDOW_MS
} from './instruments.service.js';

type K = Kysely<Database>;

describeEachDatabase('instruments service', (get) => {
	// The survey pages' request budget is per client; these tests stay well inside it.
	const client = `instruments-test-${Math.random()}`;
	async function setup(ctx: AppContext) {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
		const created = await createInstrument({ db, actor: staff, ecosystemId: eco.id, input: { title: 'STEM interest and identity', title_es: 'Interés e identidad STEM', kind: 'youth_survey' } });
		if (!created.ok) throw new Error('instrument');
		const slug = created.value.slug;
		const a = await addItem({ db, actor: staff, ecosystemId: eco.id, slug, input: { type: 'likert', prompt: 'I enjoy science.', prompt_es: 'Disfruto la ciencia.', scale: 'Interest', scale_es: 'Interés' } });
		const b = await addItem({ db, actor: staff, ecosystemId: eco.id, slug, input: { type: 'likert', prompt: 'I want to learn more about engineering.', prompt_es: 'Quiero aprender más sobre ingeniería.', scale: 'Interest', scale_es: 'Interés' } });
		const c = await addItem({ db, actor: staff, ecosystemId: eco.id, slug, input: { type: 'choice', prompt: 'Have you built a robot?', prompt_es: '¿Has construido un robot?', options: 'Yes | Sí\nNo | No' } });
		if (!a.ok || !b.ok || !c.ok) throw new Error('items');
		return { db, eco, staff, slug, itemA: a.value.id, itemB: b.value.id, itemC: c.value.id };
	}

	async function partnerStaff(ctx: AppContext, ecosystemId: string) {
		const partner = await makePartner(ctx.db.kysely, ecosystemId);
		return makeActor(ctx, { role: 'partner_member', ecosystemId, partnerId: partner.id });
	}

	async function run(db: K, actor: SignedInActor, ecosystemId: string, slug: string, name = 'Spring robotics club') {
		const created = await createRun({ db, actor, ecosystemId, slug, input: { name } });
		if (!created.ok) throw new Error(JSON.stringify(created.issues));
		return created.value;
	}

	it('30 participants answer pre and post; the partner’s change and d_z match the hand calculation', async () => {
		const { ctx } = get();
		const { db, eco, staff, slug, itemA, itemB, itemC } = await setup(ctx);
		expect(await publishInstrument({ db, actor: staff, ecosystemId: eco.id, slug })).toEqual({ ok: true, value: { slug } });
		const rosa = await partnerStaff(ctx, eco.id);
		const { tokens } = await run(db, rosa, eco.id, slug);
		// Participant i: item A pre 1 + (i mod 3) (ten each of 1, 2, 3), change +1 for 20 people,
		// 0 for 5 and +2 for 5; item B 2 → 3 for everyone; item C "Yes" after.
		for (let i = 0; i < 30; i++) {
			const preA = 1 + (i % 3);
			const change = i < 20 ? 1 : i < 25 ? 0 : 2;
			const code = `kid${String(i).padStart(2, '0')}`;
			expect(await submitSurvey({ db, client, token: tokens.pre, input: { participant_code: code, [`item.${itemA}`]: String(preA), [`item.${itemB}`]: '2' } })).toEqual({ ok: true, value: { phase: 'pre' } });
			expect(await submitSurvey({ db, client, token: tokens.post, input: { participant_code: code, [`item.${itemA}`]: String(preA + change), [`item.${itemB}`]: '3', [`item.${itemC}`]: '1' } })).toMatchObject({ ok: true });
		}
		// Three more pre answers without a code: counted, never paired.
		for (let i = 0; i < 3; i++) await submitSurvey({ db, client, token: tokens.pre, input: { [`item.${itemA}`]: '5' } });

		const page = await getInstrument({ db, actor: rosa, ecosystemId: eco.id, slug });
		expect(page.counts).toEqual({ pre: 33, post: 30, pairs: 30, unpaired: 3 });
		const row = (key: string) => page.results.find((r) => r.key === key)!;
		const shown = (cell: unknown) => (cell as { state: 'shown'; change: Record<string, number | null> }).change;

		// Item A: mean change (20·1 + 5·0 + 5·2) / 30 = 1; deviations 0 (20), −1 (5), +1 (5) → SD √(10/29)
		// = 0.58722; d_z = 1 / 0.58722 = √2.9 = 1.70294.
		const a = shown(row(`item:${itemA}`).own);
		expect(a.n).toBe(30);
		expect(a.meanPre).toBeCloseTo(2, 10);
		expect(a.meanPost).toBeCloseTo(3, 10);
		expect(a.meanChange).toBeCloseTo(1, 10);
		expect(a.sdChange).toBeCloseTo(0.58722, 5);
		expect(a.dz).toBeCloseTo(1.70294, 5);
		// Item B: every change is +1, so the SD is 0 and d_z is not defined.
		expect(shown(row(`item:${itemB}`).own)).toMatchObject({ n: 30, meanChange: 1, sdChange: 0, dz: null });
		// Interest scale (mean of A and B): changes 1 (20), 0.5 (5), 1.5 (5) → mean 1, SD √(2.5/29) =
		// 0.29361, d_z = √11.6 = 3.40588.
		const scale = shown(row('scale:Interest').own);
		expect(scale.meanChange).toBeCloseTo(1, 10);
		expect(scale.sdChange).toBeCloseTo(0.29361, 5);
		expect(scale.dz).toBeCloseTo(3.40588, 5);
		// Only this partner so far: the network is the same group, nothing to subtract.
		expect(shown(row(`item:${itemA}`).network).dz).toBeCloseTo(1.70294, 5);
		expect(page.choices[0]!.post).toEqual({ options: [{ value: 30 }, { value: 0 }], total: { value: 30 } });

		// A second partner with 12 unchanged pairs, and a third with only 5.
		const ben = await partnerStaff(ctx, eco.id);
		const benRun = await run(db, ben, eco.id, slug, 'Saturday lab');
		for (let i = 0; i < 12; i++) {
			await enterResponse({ db, actor: ben, ecosystemId: eco.id, slug, runId: benRun.runId, input: { phase: 'pre', participant_code: `B${i}xyz`, [`item.${itemA}`]: '3' } });
			await enterResponse({ db, actor: ben, ecosystemId: eco.id, slug, runId: benRun.runId, input: { phase: 'post', participant_code: `B${i}xyz`, [`item.${itemA}`]: '3' } });
		}
		const small = await partnerStaff(ctx, eco.id);
		const smallRun = await run(db, small, eco.id, slug, 'Tiny pilot');
		for (let i = 0; i < 5; i++) {
			await submitSurvey({ db, client, token: smallRun.tokens.pre, input: { participant_code: `S${i}abc`, [`item.${itemA}`]: '1' } });
			await submitSurvey({ db, client, token: smallRun.tokens.post, input: { participant_code: `S${i}abc`, [`item.${itemA}`]: '5' } });
		}
		// Network item A: 47 pairs, changes summing to 30 + 0 + 20 = 50.
		const rosaAgain = (await getInstrument({ db, actor: rosa, ecosystemId: eco.id, slug })).results.find((r) => r.key === `item:${itemA}`)!;
		expect(shown(rosaAgain.network).n).toBe(47);
		expect(shown(rosaAgain.network).meanChange).toBeCloseTo(50 / 47, 10);
		const smallPage = await getInstrument({ db, actor: small, ecosystemId: eco.id, slug });
		const smallRow = smallPage.results.find((r) => r.key === `item:${itemA}`)!;
		expect(smallRow.own).toEqual({ state: 'suppressed' });
		expect(smallRow.network.state).toBe('shown');
		// Item B: only Rosa's 30 pairs; the small partner has none of its own there.
		expect(smallPage.results.find((r) => r.key === `item:${itemB}`)!.own).toEqual({ state: 'empty' });
		// Backbone staff see the network only.
		const backbone = await getInstrument({ db, actor: staff, ecosystemId: eco.id, slug });
		expect(backbone.counts).toBeNull();
		expect(backbone.results.find((r) => r.key === `item:${itemA}`)!.own).toBeNull();
	});

	it('refuses a second answer with the same code, closed links, unknown links and bad answers', async () => {
		const { ctx } = get();
		const { db, eco, staff, slug, itemA } = await setup(ctx);
		const rosa = await partnerStaff(ctx, eco.id);
		await expect(createRun({ db, actor: rosa, ecosystemId: eco.id, slug, input: { name: 'Too early' } })).rejects.toMatchObject({ code: 'INSTRUMENT_NOT_FOUND' });
		const empty = await createInstrument({ db, actor: staff, ecosystemId: eco.id, input: { title: 'Empty draft', title_es: 'Borrador vacío', kind: 'observation' } });
		expect(await publishInstrument({ db, actor: staff, ecosystemId: eco.id, slug: empty.ok ? empty.value.slug : '' })).toEqual({ ok: false, issues: [{ field: 'form', message: 'Add at least one question before publishing.' }] });
		await expect(getInstrument({ db, actor: rosa, ecosystemId: eco.id, slug })).rejects.toMatchObject({ code: 'INSTRUMENT_NOT_FOUND' });
		await publishInstrument({ db, actor: staff, ecosystemId: eco.id, slug });
		expect(await addItem({ db, actor: staff, ecosystemId: eco.id, slug, input: { type: 'likert', prompt: 'Late question', prompt_es: 'Pregunta tardía' } })).toMatchObject({ ok: false, issues: [{ field: 'form' }] });
		const { runId, tokens } = await run(db, rosa, eco.id, slug);
		expect((await getSurvey({ db, client, token: tokens.post })).run.phase).toBe('post');
		await submitSurvey({ db, client, token: tokens.pre, input: { participant_code: 'sun-42', [`item.${itemA}`]: '3' } });
		expect(await submitSurvey({ db, client, token: tokens.pre, input: { participant_code: 'SUN42', [`item.${itemA}`]: '4' } })).toMatchObject({ ok: false, issues: [{ field: 'participant_code' }] });
		expect(await submitSurvey({ db, client, token: tokens.pre, input: { participant_code: 'ab', [`item.${itemA}`]: '9' } })).toMatchObject({ ok: false, issues: [{ field: `item.${itemA}` }, { field: 'participant_code' }] });
		await expect(getSurvey({ db, client, token: 'x'.repeat(43) })).rejects.toMatchObject({ code: 'SURVEY_LINK_INVALID' });
		const renewed = await renewLinks({ db, actor: rosa, ecosystemId: eco.id, slug, runId });
		await expect(getSurvey({ db, client, token: tokens.pre })).rejects.toMatchObject({ code: 'SURVEY_LINK_INVALID' });
		expect((await getSurvey({ db, client, token: renewed.tokens.pre })).run.phase).toBe('pre');
		await closeRun({ db, actor: rosa, ecosystemId: eco.id, slug, runId });
		await expect(submitSurvey({ db, client, token: renewed.tokens.post, input: { [`item.${itemA}`]: '3' } })).rejects.toMatchObject({ code: 'SURVEY_LINK_INVALID' });
		// Staff can still enter paper answers after the links close.
		expect(await enterResponse({ db, actor: rosa, ecosystemId: eco.id, slug, runId, input: { phase: 'post', participant_code: 'SUN42', [`item.${itemA}`]: '5' } })).toMatchObject({ ok: true });
		// Anonymous answers are audited under no one's name.
		const audit = await db.selectFrom('audit_log').select(['action', 'actor_user_id']).where('ecosystem_id', '=', eco.id).where('action', '=', 'instrument.response').execute();
		expect(audit.map((r) => r.actor_user_id)).toEqual([null, rosa.userId]);
	});

	it('keeps runs to their partner, definitions to the backbone, and never crosses ecosystems', async () => {
		const { ctx } = get();
		const home = await setup(ctx);
		await publishInstrument({ db: home.db, actor: home.staff, ecosystemId: home.eco.id, slug: home.slug });
		const rosa = await partnerStaff(ctx, home.eco.id);
		const other = await partnerStaff(ctx, home.eco.id);
		const educator = await makeActor(ctx, { role: 'educator', ecosystemId: home.eco.id });
		const { runId } = await run(home.db, rosa, home.eco.id, home.slug);
		await expect(enterResponse({ db: home.db, actor: other, ecosystemId: home.eco.id, slug: home.slug, runId, input: {} })).rejects.toMatchObject({ code: 'INSTRUMENT_RUN_NOT_FOUND' });
		await expect(renewLinks({ db: home.db, actor: other, ecosystemId: home.eco.id, slug: home.slug, runId })).rejects.toMatchObject({ code: 'INSTRUMENT_RUN_NOT_FOUND' });
		await expect(getRun({ db: home.db, actor: home.staff, ecosystemId: home.eco.id, slug: home.slug, runId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await getRun({ db: home.db, actor: rosa, ecosystemId: home.eco.id, slug: home.slug, runId })).items).toHaveLength(3);
		await expect(createInstrument({ db: home.db, actor: rosa, ecosystemId: home.eco.id, input: {} })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(listInstruments({ db: home.db, actor: educator, ecosystemId: home.eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect((await listInstruments({ db: home.db, actor: rosa, ecosystemId: home.eco.id })).instruments.map((i) => i.slug)).toEqual([home.slug]);

		const away = await setup(ctx);
		await publishInstrument({ db: home.db, actor: away.staff, ecosystemId: away.eco.id, slug: away.slug });
		const awayPartner = await partnerStaff(ctx, away.eco.id);
		await expect(getInstrument({ db: home.db, actor: awayPartner, ecosystemId: home.eco.id, slug: home.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		await expect(getInstrument({ db: home.db, actor: awayPartner, ecosystemId: away.eco.id, slug: 'no-such' })).rejects.toMatchObject({ code: 'INSTRUMENT_NOT_FOUND' });
		await expect(enterResponse({ db: home.db, actor: awayPartner, ecosystemId: away.eco.id, slug: away.slug, runId, input: {} })).rejects.toMatchObject({ code: 'INSTRUMENT_RUN_NOT_FOUND' });
	});

	it('a shown result becomes a performance measure of the partner’s agenda activity; a hidden one cannot', async () => {
		const { ctx } = get();
		const { db, eco, staff, slug, itemA } = await setup(ctx);
		await publishInstrument({ db, actor: staff, ecosystemId: eco.id, slug });
		const partner = await makePartner(db, eco.id);
		const rosa = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id });
		const result = await createResult({ db, actor: staff, ecosystemId: eco.id, input: { title: 'Youth love STEM', statement: 'More young people enjoy science and see themselves in it.' } });
		if (!result.ok) throw new Error(JSON.stringify(result.issues));
		const strategy = await createStrategy({ db, actor: staff, ecosystemId: eco.id, input: { result_id: result.value.id, title: 'Hands-on clubs' } });
		if (!strategy.ok) throw new Error(JSON.stringify(strategy.issues));
		const activity = await createActivity({ db, actor: rosa, ecosystemId: eco.id, partnerSlug: partner.slug, input: { strategy_id: strategy.value.id, name: 'Robotics club' } });
		if (!activity.ok) throw new Error(JSON.stringify(activity.issues));
		const { tokens } = await run(db, rosa, eco.id, slug);
		const answer = async (count: number) => {
			for (let i = 0; i < count; i++) {
				const code = `M${i}${Math.random().toString(36).slice(2, 8)}`;
				await submitSurvey({ db, client, token: tokens.pre, input: { participant_code: code, [`item.${itemA}`]: '2' } });
				await submitSurvey({ db, client, token: tokens.post, input: { participant_code: code, [`item.${itemA}`]: i % 2 === 0 ? '4' : '3' } });
			}
		};
		await answer(4);
		const input = { activity_id: activity.value.id, row: `item:${itemA}`, year: '2026' };
		expect(await recordAsMeasure({ db, actor: rosa, ecosystemId: eco.id, slug, input })).toMatchObject({ ok: false, issues: [{ field: 'row' }] });
		await answer(7);
		// 11 pairs: six changes of +2 and five of +1 → mean 17/11 = 1.55.
		expect((await getInstrument({ db, actor: rosa, ecosystemId: eco.id, slug })).activities.map((a) => a.name)).toEqual(['Robotics club']);
		expect(await recordAsMeasure({ db, actor: rosa, ecosystemId: eco.id, slug, input })).toMatchObject({ ok: true });
		const measure = await db.selectFrom('agenda_measure').select(['name', 'kind', 'values_json']).where('ecosystem_id', '=', eco.id).executeTakeFirstOrThrow();
		expect(measure.name).toBe('STEM interest and identity: mean change, I enjoy science.');
		expect(measure.kind).toBe('better_off');
		expect(JSON.parse(measure.values_json)).toEqual([{ year: 2026, value: 1.55 }]);
		await expect(recordAsMeasure({ db, actor: staff, ecosystemId: eco.id, slug, input })).rejects.toMatchObject({ code: 'FORBIDDEN' });
	});

	it('rate-limits the anonymous survey pages per client: guessed links spend the budget, and then valid links are refused too', async () => {
		const { ctx } = get();
		const { db, eco, staff, slug, itemA } = await setup(ctx);
		await publishInstrument({ db, actor: staff, ecosystemId: eco.id, slug });
		const { tokens } = await run(db, await partnerStaff(ctx, eco.id), eco.id, slug);
		const guesser = `guesser-${Math.random()}`;
		const t0 = new Date('2027-03-01T10:00:00Z');
		for (let i = 0; i < SURVEY_MISS_LIMIT; i++) {
			await expect(getSurvey({ db, client: guesser, token: `guess-${i}-${'x'.repeat(30)}`, now: t0 })).rejects.toMatchObject({ code: 'SURVEY_LINK_INVALID' });
		}
		// The budget is spent: a real link now answers 429 as well, so a lucky guess cannot be told apart.
		await expect(getSurvey({ db, client: guesser, token: tokens.pre, now: t0 })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS', status: 429 });
		await expect(submitSurvey({ db, client: guesser, token: tokens.pre, input: { [`item.${itemA}`]: '3' }, now: t0 })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		// Nothing was stored by the refused answer.
		expect(await db.selectFrom('instrument_response').select('id').where('ecosystem_id', '=', eco.id).execute()).toHaveLength(0);
		// Another client (another network) is unaffected, and the guesser is served again in the next window.
		expect((await getSurvey({ db, client: `${guesser}-other`, token: tokens.pre, now: t0 })).run.phase).toBe('pre');
		expect((await getSurvey({ db, client: guesser, token: tokens.pre, now: new Date(t0.getTime() + SURVEY_WINDOW_MS) })).run.phase).toBe('pre');

		// Flooding answers: a client past the request budget is refused before its answer is read.
		const flooder = `flooder-${Math.random()}`;
		const t1 = new Date('2027-03-02T10:00:00Z');
		for (let i = 0; i < SURVEY_REQUEST_LIMIT - 1; i++) await takeRequestBudget(db, `survey:${flooder}`, SURVEY_REQUEST_LIMIT, SURVEY_WINDOW_MS, t1);
		expect(await submitSurvey({ db, client: flooder, token: tokens.pre, input: { [`item.${itemA}`]: '4' }, now: t1 })).toMatchObject({ ok: true });
		await expect(submitSurvey({ db, client: flooder, token: tokens.pre, input: { [`item.${itemA}`]: '4' }, now: t1 })).rejects.toMatchObject({ code: 'TOO_MANY_REQUESTS' });
		expect(await db.selectFrom('instrument_response').select('id').where('ecosystem_id', '=', eco.id).execute()).toHaveLength(1);
	});
});

import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { actorWith, makeActor, makeEcosystem, makeInitiative, unique, uniqueEmail } from '../testing/factories.js';
import { auditActions, countRows } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { sha256 } from '../util.js';
import { findEcosystemBySlug, listConditions, listInitiatives } from './ecosystems.repository.js';
import {
	createEcosystem,
	createInitiative,
	deleteInitiative,
	getAdminIndex,
	saveConditionPractice,
	updateInitiative,
	updateSiteContent
} from './ecosystems.service.js';

const origin = 'http://localhost';

describeEachDatabase('ecosystems service', (get) => {
	describe('createEcosystem', () => {
		const input = (overrides: Record<string, unknown> = {}) => ({
			name: 'Lehigh Valley STEM',
			slug: unique('lehigh'),
			region: 'Lehigh Valley, PA',
			adminEmail: uniqueEmail('First.Admin'),
			adminName: 'Kim Lee',
			...overrides
		});

		it('creates the ecosystem, its five conditions, an invitation and audit rows, and holds the email without SMTP', async () => {
			const { ctx, db } = get();
			const actor = await makeActor(ctx, { platformAdmin: true });
			const form = input();
			const outcome = await createEcosystem({ ctx, actor, input: form, origin, locale: 'en' });
			if (!outcome.ok) throw new Error(JSON.stringify(outcome.issues));
			const { ecosystemId, invitation } = outcome.value;

			expect(await findEcosystemBySlug(db, form.slug)).toMatchObject({ id: ecosystemId, name: 'Lehigh Valley STEM' });
			expect((await listConditions(db, ecosystemId)).map((c) => c.condition)).toHaveLength(5);

			const stored = await db.selectFrom('invitation').selectAll().where('ecosystem_id', '=', ecosystemId).execute();
			expect(stored).toHaveLength(1);
			expect(stored[0]).toMatchObject({ email: form.adminEmail.toLowerCase(), role: 'backbone_admin', token_hash: sha256(invitation.token) });
			expect(JSON.stringify(stored)).not.toContain(invitation.token);

			expect(await auditActions(db, ecosystemId)).toEqual(['ecosystem.create', 'invitation.create']);

			const mail = await db.selectFrom('outbox').selectAll().where('ecosystem_id', '=', ecosystemId).execute();
			expect(mail).toHaveLength(1);
			expect(mail[0]).toMatchObject({ status: 'held', kind: 'invitation', to_address: form.adminEmail.toLowerCase() });
			expect(mail[0]!.body_text).toContain(`${origin}/invite/${invitation.token}`);
		});

		it('reports a taken web address on the slug field and stores nothing', async () => {
			const { ctx, db } = get();
			const actor = await makeActor(ctx, { platformAdmin: true });
			const existing = await makeEcosystem(db);
			const before = await Promise.all([countRows(db, 'ecosystem'), countRows(db, 'invitation'), countRows(db, 'outbox')]);
			const outcome = await createEcosystem({ ctx, actor, input: input({ slug: existing.slug }), origin, locale: 'en' });
			expect(outcome).toEqual({ ok: false, issues: [{ field: 'slug', message: 'That web address is already used by another ecosystem.' }] });
			expect(await Promise.all([countRows(db, 'ecosystem'), countRows(db, 'invitation'), countRows(db, 'outbox')])).toEqual(before);
		});

		it('lists every invalid field at once and stores nothing', async () => {
			const { ctx, db } = get();
			const actor = await makeActor(ctx, { platformAdmin: true });
			const before = await countRows(db, 'ecosystem');
			const outcome = await createEcosystem({ ctx, actor, input: { name: 'X', slug: 'Bad Slug', region: '', adminEmail: 'nope' }, origin, locale: 'en' });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'slug', 'region', 'adminEmail', 'adminName']);
			expect(await countRows(db, 'ecosystem')).toBe(before);
		});

		it('is refused to everyone but a platform admin', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const backboneAdmin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			await expect(createEcosystem({ ctx, actor: backboneAdmin, input: input(), origin, locale: 'en' })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(createEcosystem({ ctx, actor: publicActor, input: input(), origin, locale: 'en' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			const noTwoFactor = await makeActor(ctx, { platformAdmin: true, twoFactor: false });
			await expect(createEcosystem({ ctx, actor: noTwoFactor, input: input(), origin, locale: 'en' })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
		});

		it('rolls the ecosystem back when writing its invitation fails (one transaction)', async () => {
			const { ctx, db } = get();
			// An actor whose user row does not exist: the invitation's invited_by foreign key fails.
			const ghost = actorWith([], { isPlatformAdmin: true, userId: 'no-such-user' });
			const form = input();
			await expect(createEcosystem({ ctx, actor: ghost, input: form, origin, locale: 'en' })).rejects.toThrow();
			expect(await findEcosystemBySlug(db, form.slug)).toBeUndefined();
			expect(await db.selectFrom('audit_log').select('id').where('summary', 'like', `%/e/${form.slug})%`).execute()).toEqual([]);
		});
	});

	describe('updateSiteContent', () => {
		it('lets backbone staff change the public texts and records it', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id, twoFactor: false });
			const outcome = await updateSiteContent({
				db,
				actor: staff,
				ecosystemId: eco.id,
				input: { name: 'Renamed STEM', region: 'Bucks County, PA', mission: 'Every learner.', goal_year: '2032', website: 'https://stem.example.org' }
			});
			expect(outcome).toEqual({ ok: true, value: null });
			const row = await db.selectFrom('ecosystem').selectAll().where('id', '=', eco.id).executeTakeFirstOrThrow();
			expect(row).toMatchObject({ name: 'Renamed STEM', region: 'Bucks County, PA', mission: 'Every learner.', goal_year: 2032, website: 'https://stem.example.org', tagline: '' });
			expect(await auditActions(db, eco.id)).toEqual(['ecosystem.site.update']);
		});

		it('lists every problem at once and changes nothing', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id });
			const before = await db.selectFrom('ecosystem').selectAll().where('id', '=', eco.id).executeTakeFirstOrThrow();
			const outcome = await updateSiteContent({
				db,
				actor: admin,
				ecosystemId: eco.id,
				input: { name: 'X', region: 'Somewhere', website: 'javascript:alert(1)', goal_year: '1800', contact_email: 'no' }
			});
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'goal_year', 'website', 'contact_email']);
			expect(await db.selectFrom('ecosystem').selectAll().where('id', '=', eco.id).executeTakeFirstOrThrow()).toEqual(before);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it.each(['partner_admin', 'partner_member', 'educator'] as const)('refuses a %s', async (role) => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const actor = await makeActor(ctx, { role, ecosystemId: eco.id, partnerId: null });
			await expect(updateSiteContent({ db, actor, ecosystemId: eco.id, input: { name: 'Renamed', region: 'Here' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await db.selectFrom('ecosystem').select('name').where('id', '=', eco.id).executeTakeFirstOrThrow()).name).toBe(eco.name);
		});

		it('sends a signed-out visitor to sign in', async () => {
			const { db } = get();
			const eco = await makeEcosystem(db);
			await expect(updateSiteContent({ db, actor: publicActor, ecosystemId: eco.id, input: {} })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		});
	});

	describe('saveConditionPractice', () => {
		it('stores how the ecosystem practises a condition and records it', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const outcome = await saveConditionPractice({
				db,
				actor: staff,
				ecosystemId: eco.id,
				input: { condition: 'shared_measurement', practice_md: 'We track **FAFSA completion**.', practice_md_es: 'Medimos **FAFSA**.' }
			});
			expect(outcome.ok).toBe(true);
			const conditions = await listConditions(db, eco.id);
			expect(conditions.find((c) => c.condition === 'shared_measurement')).toEqual({
				condition: 'shared_measurement',
				practice_md: 'We track **FAFSA completion**.',
				practice_md_es: 'Medimos **FAFSA**.'
			});
			expect(conditions.filter((c) => c.practice_md !== '')).toHaveLength(1);
			expect(await auditActions(db, eco.id)).toEqual(['ecosystem.condition.update']);
		});

		it('rejects an unknown condition and an over-long text together, storing nothing', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const outcome = await saveConditionPractice({ db, actor: staff, ecosystemId: eco.id, input: { condition: 'funding', practice_md: 'x'.repeat(8001) } });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['condition', 'practice_md']);
			expect((await listConditions(db, eco.id)).every((c) => c.practice_md === '')).toBe(true);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('refuses an educator', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			await expect(
				saveConditionPractice({ db, actor: educator, ecosystemId: eco.id, input: { condition: 'common_agenda', practice_md: 'x' } })
			).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});
	});

	describe('initiatives', () => {
		it('adds initiatives with unique web addresses, updates and removes them, recording each step', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const first = await createInitiative({ db, actor: staff, ecosystemId: eco.id, input: { title: 'Summer Bridge', position: '1' } });
			const second = await createInitiative({ db, actor: staff, ecosystemId: eco.id, input: { title: 'Summer Bridge' } });
			if (!first.ok || !second.ok) throw new Error('initiatives were not created');
			expect((await listInitiatives(db, eco.id)).map((i) => [i.slug, i.position])).toEqual([
				['summer-bridge-2', 0],
				['summer-bridge', 1]
			]);

			expect(await updateInitiative({ db, actor: staff, ecosystemId: eco.id, initiativeId: first.value.id, input: { title: 'Summer Bridge 2027', summary_md: 'Six weeks.' } })).toEqual({ ok: true, value: null });
			await deleteInitiative({ db, actor: staff, ecosystemId: eco.id, initiativeId: second.value.id });
			expect((await listInitiatives(db, eco.id)).map((i) => [i.slug, i.title, i.summary_md])).toEqual([['summer-bridge', 'Summer Bridge 2027', 'Six weeks.']]);
			expect(await auditActions(db, eco.id)).toEqual(['initiative.create', 'initiative.create', 'initiative.delete', 'initiative.update']);
		});

		it('lists every problem at once and stores nothing', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const existing = await makeInitiative(db, eco.id, { title: 'Keep me' });
			const created = await createInitiative({ db, actor: staff, ecosystemId: eco.id, input: { title: 'ab', position: '-1' } });
			expect(created.ok ? [] : created.issues.map((i) => i.field)).toEqual(['title', 'position']);
			const updated = await updateInitiative({ db, actor: staff, ecosystemId: eco.id, initiativeId: existing.id, input: { title: '', summary_md: 'x'.repeat(8001) } });
			expect(updated.ok ? [] : updated.issues.map((i) => i.field)).toEqual(['title', 'summary_md']);
			expect((await listInitiatives(db, eco.id)).map((i) => i.title)).toEqual(['Keep me']);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('answers NOT_FOUND for an initiative that does not exist', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			await expect(updateInitiative({ db, actor: staff, ecosystemId: eco.id, initiativeId: 'missing', input: { title: 'Anything' } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
			await expect(deleteInitiative({ db, actor: staff, ecosystemId: eco.id, initiativeId: 'missing' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('refuses a partner admin', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const initiative = await makeInitiative(db, eco.id);
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id });
			await expect(createInitiative({ db, actor: partnerAdmin, ecosystemId: eco.id, input: { title: 'Mine now' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(updateInitiative({ db, actor: partnerAdmin, ecosystemId: eco.id, initiativeId: initiative.id, input: { title: 'Mine now' } })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(deleteInitiative({ db, actor: partnerAdmin, ecosystemId: eco.id, initiativeId: initiative.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await listInitiatives(db, eco.id)).map((i) => i.title)).toEqual([initiative.title]);
		});
	});

	describe('getAdminIndex', () => {
		it('lists the areas each role may open, marking those that still need two-factor sign-in', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const admin = await makeActor(ctx, { role: 'backbone_admin', ecosystemId: eco.id, twoFactor: false });
			expect(await getAdminIndex({ actor: staff, ecosystemId: eco.id })).toEqual([
				{ area: 'site', access: 'allow' },
				{ area: 'partners', access: 'allow' },
				{ area: 'events', access: 'allow' },
				{ area: 'announcements', access: 'allow' }
			]);
			// A backbone admin needs two-factor sign-in for every admin area, not only personal data.
			expect(await getAdminIndex({ actor: admin, ecosystemId: eco.id })).toEqual([
				{ area: 'site', access: 'two_factor_required' },
				{ area: 'partners', access: 'two_factor_required' },
				{ area: 'events', access: 'two_factor_required' },
				{ area: 'announcements', access: 'two_factor_required' },
				{ area: 'members', access: 'two_factor_required' },
				{ area: 'audit', access: 'two_factor_required' },
				{ area: 'outbox', access: 'two_factor_required' }
			]);
		});

		it('refuses an educator and sends a signed-out visitor to sign in', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			await expect(getAdminIndex({ actor: educator, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getAdminIndex({ actor: publicActor, ecosystemId: eco.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		});
	});
});

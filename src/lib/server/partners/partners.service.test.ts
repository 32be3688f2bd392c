import { describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner, partnerInput } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { publicActor } from '../auth/roles.js';
import { findPartnerById, listPartners } from './partners.repository.js';
import { createPartner, getPartner, getPartnerForEdit, updatePartnerProfile, updatePartnerProfileBySlug } from './partners.service.js';

describeEachDatabase('partners service', (get) => {
	describe('createPartner', () => {
		it('lets backbone staff add partners, giving each a unique web address, and records it', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const first = await createPartner({ db, actor: staff, ecosystemId: eco.id, input: partnerInput({ name: 'Girls Who Code Philly', zip: '19104' }) });
			const second = await createPartner({ db, actor: staff, ecosystemId: eco.id, input: partnerInput({ name: 'Girls Who Code Philly' }) });
			expect(first).toMatchObject({ ok: true, value: { slug: 'girls-who-code-philly' } });
			expect(second).toMatchObject({ ok: true, value: { slug: 'girls-who-code-philly-2' } });
			expect((await listPartners(db, eco.id)).map((p) => [p.slug, p.zip])).toEqual([
				['girls-who-code-philly', '19104'],
				['girls-who-code-philly-2', null]
			]);
			expect(await auditActions(db, eco.id)).toEqual(['partner.create', 'partner.create']);
		});

		it('lists every problem at once and stores nothing', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const outcome = await createPartner({ db, actor: staff, ecosystemId: eco.id, input: { name: 'A', sector: 'club', website: 'www.example.org', zip: '123' } });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'sector', 'website', 'zip']);
			expect(await listPartners(db, eco.id)).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it.each(['partner_admin', 'partner_member', 'educator'] as const)('refuses a %s', async (role) => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const own = await makePartner(db, eco.id);
			const actor = await makeActor(ctx, { role, ecosystemId: eco.id, partnerId: role === 'educator' ? null : own.id });
			await expect(createPartner({ db, actor, ecosystemId: eco.id, input: partnerInput() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await listPartners(db, eco.id)).map((p) => p.id)).toEqual([own.id]);
		});
	});

	describe('updatePartnerProfile', () => {
		it('lets a partner admin edit their own partner', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const own = await makePartner(db, eco.id);
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: own.id, twoFactor: false });
			const outcome = await updatePartnerProfile({
				db,
				actor: partnerAdmin,
				ecosystemId: eco.id,
				partnerId: own.id,
				input: partnerInput({ name: 'Renamed Robotics', sector: 'community', phone: '215-555-0100' })
			});
			expect(outcome).toEqual({ ok: true, value: null });
			expect(await findPartnerById(db, eco.id, own.id)).toMatchObject({ name: 'Renamed Robotics', sector: 'community', phone: '215-555-0100', slug: own.slug });
			expect(await auditActions(db, eco.id)).toEqual(['partner.update']);
		});

		it('refuses a partner admin editing another partner of the same ecosystem, leaving it unchanged', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const own = await makePartner(db, eco.id);
			const other = await makePartner(db, eco.id);
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: own.id });
			const before = await findPartnerById(db, eco.id, other.id);
			await expect(
				updatePartnerProfile({ db, actor: partnerAdmin, ecosystemId: eco.id, partnerId: other.id, input: partnerInput({ name: 'Taken over' }) })
			).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await findPartnerById(db, eco.id, other.id)).toEqual(before);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('refuses a partner member, even of that partner', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const own = await makePartner(db, eco.id);
			const member = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: own.id });
			await expect(updatePartnerProfile({ db, actor: member, ecosystemId: eco.id, partnerId: own.id, input: partnerInput() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		});

		it('lets backbone staff edit any partner of their ecosystem', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const [a, b] = [await makePartner(db, eco.id), await makePartner(db, eco.id)];
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			for (const partner of [a, b]) {
				expect(await updatePartnerProfile({ db, actor: staff, ecosystemId: eco.id, partnerId: partner.id, input: partnerInput({ name: `Edited ${partner.slug}` }) })).toEqual({ ok: true, value: null });
			}
			expect((await listPartners(db, eco.id)).map((p) => p.name).sort()).toEqual([`Edited ${a.slug}`, `Edited ${b.slug}`].sort());
		});

		it('lists every problem at once and changes nothing', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const own = await makePartner(db, eco.id);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			const before = await findPartnerById(db, eco.id, own.id);
			const outcome = await updatePartnerProfile({ db, actor: staff, ecosystemId: eco.id, partnerId: own.id, input: { name: '', sector: 'k12', email: 'x@', phone: 'call me' } });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field)).toEqual(['name', 'email', 'phone']);
			expect(await findPartnerById(db, eco.id, own.id)).toEqual(before);
		});

		it('answers PARTNER_NOT_FOUND for a partner that does not exist', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const staff = await makeActor(ctx, { role: 'backbone_staff', ecosystemId: eco.id });
			await expect(updatePartnerProfile({ db, actor: staff, ecosystemId: eco.id, partnerId: 'missing', input: partnerInput() })).rejects.toMatchObject({ code: 'PARTNER_NOT_FOUND' });
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('sends a signed-out visitor to sign in', async () => {
			const { db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			await expect(updatePartnerProfile({ db, actor: publicActor, ecosystemId: eco.id, partnerId: partner.id, input: partnerInput() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		});
	});

	describe('editing by web address', () => {
		it('opens and saves the profile of a partner admin’s own partner only', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const [own, other] = [await makePartner(db, eco.id), await makePartner(db, eco.id)];
			const partnerAdmin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: own.id });
			expect((await getPartnerForEdit({ db, actor: partnerAdmin, ecosystemId: eco.id, slug: own.slug })).partner.id).toBe(own.id);
			await expect(getPartnerForEdit({ db, actor: partnerAdmin, ecosystemId: eco.id, slug: other.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect(await updatePartnerProfileBySlug({ db, actor: partnerAdmin, ecosystemId: eco.id, slug: own.slug, input: partnerInput({ name: 'Own renamed' }) })).toEqual({ ok: true, value: null });
			await expect(updatePartnerProfileBySlug({ db, actor: partnerAdmin, ecosystemId: eco.id, slug: other.slug, input: partnerInput({ name: 'Taken over' }) })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await findPartnerById(db, eco.id, other.id))?.name).toBe(other.name);
		});

		it('refuses an educator and sends a signed-out visitor to sign in', async () => {
			const { ctx, db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			const educator = await makeActor(ctx, { role: 'educator', ecosystemId: eco.id });
			await expect(getPartnerForEdit({ db, actor: educator, ecosystemId: eco.id, slug: partner.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getPartnerForEdit({ db, actor: publicActor, ecosystemId: eco.id, slug: 'no-such-partner' })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			await expect(updatePartnerProfileBySlug({ db, actor: publicActor, ecosystemId: eco.id, slug: 'no-such-partner', input: partnerInput() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		});
	});

	describe('getPartner', () => {
		it('finds a partner by web address within its ecosystem only', async () => {
			const { db } = get();
			const eco = await makeEcosystem(db);
			const partner = await makePartner(db, eco.id);
			expect(await getPartner({ db, ecosystemId: eco.id, slug: partner.slug })).toMatchObject({ id: partner.id });
			await expect(getPartner({ db, ecosystemId: eco.id, slug: 'nope' })).rejects.toMatchObject({ code: 'PARTNER_NOT_FOUND' });
		});
	});
});

import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeProgram } from '../testing/program-factories.js';
import { smtpSuite } from '../testing/smtp.js';
import { markVerified } from './programs.repository.js';
import { sendStaleListingNotices } from './stale-notices.service.js';
import { findPrograms } from './finder.service.js';

const NOW = new Date('2026-12-01T12:00:00Z');
const later = (days: number) => new Date(NOW.getTime() + days * 86_400_000);

describeEachDatabase('stale listing notices over SMTP', (get) => {
	const suite = smtpSuite(get);

	async function world() {
		const { ctx, received } = suite;
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db, { name: 'Delaware Valley STEM' });
		const partner = await makePartner(db, eco.id, { name: 'Faro Verde Lab' });
		const admin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id });
		const member = await makeActor(ctx, { role: 'partner_member', ecosystemId: eco.id, partnerId: partner.id });
		await db.updateTable('user').set({ locale: 'es' }).where('id', '=', member.userId).execute();
		const old = await makeProgram(db, eco.id, partner, { name: 'Robot Club' }, { now: '2025-11-15T00:00:00.000Z' });
		await makeProgram(db, eco.id, partner, { name: 'Garden Science' }, { now: '2025-10-01T00:00:00.000Z' });
		await makeProgram(db, eco.id, partner, { name: 'Fresh Listing' }, { now: '2026-11-01T00:00:00.000Z' });
		await makeProgram(db, eco.id, partner, { name: 'Paused Listing', status: 'inactive' }, { now: '2025-01-01T00:00:00.000Z' });
		// A partner with no accounts is written to at its own address.
		const quiet = await makePartner(db, eco.id, { name: 'Quiet Partner', email: `quiet-${eco.slug}@example.org` });
		await makeProgram(db, eco.id, quiet, { name: 'Quiet Coding' }, { now: '2025-06-01T00:00:00.000Z' });
		const mine = () => received.filter((r) => [admin.email, member.email, `quiet-${eco.slug}@example.org`].some((a) => r.to.includes(a)));
		return { db, eco, partner, admin, member, old, mine };
	}

	it('emails each partner once about its listings unconfirmed for a year, through the outbox, in each reader’s language', async () => {
		const { db, eco, admin, member, mine } = await world();
		const outcome = await sendStaleListingNotices({ ctx: suite.ctx, origin: 'http://localhost', now: NOW });
		expect(outcome.listings).toBeGreaterThanOrEqual(3);
		const mail = mine();
		expect(mail.map((r) => r.to.join()).sort()).toEqual([admin.email, member.email, `quiet-${eco.slug}@example.org`].sort());
		const english = mail.find((r) => r.to.includes(admin.email))!;
		expect(english.subject).toBe('Please confirm your program listings are current (Delaware Valley STEM)');
		expect(english.body).toContain('- Garden Science (2025-10-01)');
		expect(english.body).toContain('- Robot Club (2025-11-15)');
		expect(english.body).not.toContain('Fresh Listing');
		expect(english.body).not.toContain('Paused Listing');
		expect(english.body).toContain(`http://localhost/e/${eco.slug}/partners/`);
		expect(mail.find((r) => r.to.includes(member.email))!.subject).toBe('Confirme que sus programas siguen vigentes (Delaware Valley STEM)');
		const rows = await db.selectFrom('outbox').select(['status', 'kind']).where('ecosystem_id', '=', eco.id).execute();
		expect(rows).toEqual(Array(3).fill({ status: 'sent', kind: 'program_stale_notice' }));
	});

	it('is idempotent: a second run sends nothing, a confirmation starts a new year', async () => {
		const { db, eco, old, mine, admin } = await world();
		await sendStaleListingNotices({ ctx: suite.ctx, origin: 'http://localhost', now: NOW });
		const sent = mine().length;
		await Promise.all([
			sendStaleListingNotices({ ctx: suite.ctx, origin: 'http://localhost', now: later(1) }),
			sendStaleListingNotices({ ctx: suite.ctx, origin: 'http://localhost', now: later(1) })
		]);
		expect(mine()).toHaveLength(sent);

		await markVerified(db, eco.id, old, 'someone', later(2).toISOString());
		await sendStaleListingNotices({ ctx: suite.ctx, origin: 'http://localhost', now: later(300) });
		expect(mine()).toHaveLength(sent);
		// A year after that confirmation, the partner hears about it again (and only it).
		await sendStaleListingNotices({ ctx: suite.ctx, origin: 'http://localhost', now: later(370) });
		const again = mine().slice(sent).filter((r) => r.to.includes(admin.email));
		expect(again).toHaveLength(1);
		expect(again[0]!.body).toContain('- Robot Club');
		expect(again[0]!.body).not.toContain('Garden Science');
	});

	it('hides a flagged listing from families once the grace period is over', async () => {
		const { db, eco } = await world();
		const names = async (now: Date) => (await findPrograms({ db, ecosystemId: eco.id, params: new URLSearchParams(), now })).results.map((r) => r.program.name);
		// Robot Club: created 2025-11-15, due 2026-11-15, hidden from 2027-01-14.
		expect(await names(NOW)).toContain('Robot Club');
		expect(await names(new Date('2027-01-15T00:00:00Z'))).not.toContain('Robot Club');
		expect(await names(new Date('2027-01-15T00:00:00Z'))).toContain('Fresh Listing');
	});
});

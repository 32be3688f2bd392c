import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner, uniqueEmail } from '../testing/factories.js';
import { auditActions } from '../testing/assertions.js';
import { startSmtp, type Received } from '../testing/smtp.js';
import { publicActor, type EcosystemRole } from '../auth/roles.js';
import type { Executor } from '../audit/audit.repository.js';
import type { AppContext } from '../context.js';
import { importOccupationsFile } from '../careers/careers.service.js';
import { countOccupations } from '../careers/careers.repository.js';
import { insertOpportunity, listApplications } from './opportunities.repository.js';
import { opportunitySchema, type OpportunityInput } from './opportunities.js';
import {
	applyToOpportunity,
	closeExpiredOpportunities,
	closeOpportunityEarly,
	editOpportunity,
	getApplicationForReview,
	getOpportunityForEdit,
	getWithdrawal,
	withdrawApplication,
	getOpportunity,
	listApplicationsForReview,
	listPostedOpportunities,
	messageApplicant,
	postOpportunity,
	reviewApplication,
	savedOpportunities,
	searchOpportunities
} from './opportunities.service.js';
import { parseSearch } from './opportunities.js';
import { readOutbox } from '../audit/audit.service.js';

const TODAY = '2027-03-01';
const form = (overrides: Record<string, unknown> = {}) => ({
	kind: 'internship',
	audience: 'youth',
	title: 'Summer research internship',
	description_md: 'Six paid weeks in a university biology lab with a graduate mentor.',
	pay_kind: 'stipend',
	pay_amount: '1500',
	pay_period: 'total',
	deadline: '2027-04-15',
	places: '10',
	...overrides
});

async function makeOpportunity(db: Executor, ecosystemId: string, partnerId: string, overrides: Record<string, unknown> = {}) {
	const input: OpportunityInput = opportunitySchema.parse(form(overrides));
	const slug = `opp-${Math.random().toString(36).slice(2, 10)}`;
	const id = await insertOpportunity(db, { ecosystemId, partnerId, slug, postedBy: null, input });
	return { id, slug };
}

const occupationsCsv = 'Code,Occupation,Occupation Types\n19-1029.01,Bioinformatics Scientists,"Research, Development, Design, and Practitioners"\n15-1252.00,Software Developers,"Research, Development, Design, and Practitioners"\n';

const applicant = (overrides: Record<string, unknown> = {}) => ({ name: 'Ana Rivera', email: uniqueEmail('ana'), phone: '215-555-0199', age: '16', grade: '11', zip: '19121', statement: 'I love biology.', ...overrides });

describeEachDatabase('opportunities service', (get) => {
	beforeAll(async () => {
		const dir = mkdtempSync(join(tmpdir(), 'parity-onet-'));
		writeFileSync(join(dir, 'onet.csv'), occupationsCsv);
		expect(await importOccupationsFile({ db: get().db, file: join(dir, 'onet.csv') })).toEqual({ ok: true, imported: 2 });
	});

	async function setup() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const [university, other] = [await makePartner(db, eco.id, { name: 'Lumen University' }), await makePartner(db, eco.id)];
		const actor = (role: EcosystemRole, partnerId: string | null = null) => makeActor(ctx, { role, ecosystemId: eco.id, partnerId });
		return { ctx, db, eco, university, other, actor };
	}

	describe('occupation import', () => {
		it('refreshes codes in place when run again, all or nothing', async () => {
			const { db } = get();
			const dir = mkdtempSync(join(tmpdir(), 'parity-onet-'));
			writeFileSync(join(dir, 'again.csv'), occupationsCsv);
			writeFileSync(join(dir, 'bad.csv'), occupationsCsv + '99-9999.00,Bad,x\n');
			expect(await importOccupationsFile({ db, file: join(dir, 'again.csv') })).toEqual({ ok: true, imported: 2 });
			expect(await importOccupationsFile({ db, file: join(dir, 'bad.csv') })).toMatchObject({ ok: false, problems: [expect.stringContaining('Line 4')] });
			expect(await countOccupations(db)).toBe(2);
		});
	});

	describe('postOpportunity', () => {
		it('lets partner staff post for their own partner, with a unique web address and an audit entry', async () => {
			const { db, eco, university, actor } = await setup();
			const jamal = await actor('partner_admin', university.id);
			const input = form({ occupation_code: '19-1029.01', min_age: '16', max_age: '19', focus: ['black', 'hispanic'] });
			const first = await postOpportunity({ db, actor: jamal, ecosystemId: eco.id, partnerSlug: university.slug, input });
			const second = await postOpportunity({ db, actor: jamal, ecosystemId: eco.id, partnerSlug: university.slug, input });
			expect([first, second]).toEqual([
				{ ok: true, value: { slug: 'summer-research-internship' } },
				{ ok: true, value: { slug: 'summer-research-internship-2' } }
			]);
			expect(await getOpportunity({ db, ecosystemId: eco.id, slug: 'summer-research-internship', today: TODAY })).toMatchObject({
				partner_name: 'Lumen University',
				occupation_title: 'Bioinformatics Scientists',
				major_group: '19',
				min_age: 16,
				max_age: 19,
				focus: ['black', 'hispanic'],
				open: true
			});
			expect(await auditActions(db, eco.id)).toEqual(['opportunity.post', 'opportunity.post']);
		});

		it('lets backbone staff post for any partner but partner staff only for their own', async () => {
			const { db, eco, university, other, actor } = await setup();
			const staff = await actor('backbone_staff');
			expect((await postOpportunity({ db, actor: staff, ecosystemId: eco.id, partnerSlug: other.slug, input: form() })).ok).toBe(true);
			const member = await actor('partner_member', university.id);
			await expect(postOpportunity({ db, actor: member, ecosystemId: eco.id, partnerSlug: other.slug, input: form() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			const educator = await actor('educator');
			await expect(postOpportunity({ db, actor: educator, ecosystemId: eco.id, partnerSlug: university.slug, input: form() })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(postOpportunity({ db, actor: publicActor, ecosystemId: eco.id, partnerSlug: university.slug, input: form() })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
			expect(await auditActions(db, eco.id)).toEqual(['opportunity.post']);
		});

		it('lists every problem at once and stores nothing', async () => {
			const { db, eco, university, actor } = await setup();
			const jamal = await actor('partner_admin', university.id);
			const outcome = await postOpportunity({ db, actor: jamal, ecosystemId: eco.id, partnerSlug: university.slug, input: { kind: 'party', title: '', min_age: '20', max_age: '16' } });
			expect(outcome.ok ? [] : outcome.issues.map((i) => i.field).sort()).toEqual(
				['audience', 'deadline', 'description_md', 'kind', 'max_age', 'pay_kind', 'places', 'title'].sort()
			);
			const unknownCareer = await postOpportunity({ db, actor: jamal, ecosystemId: eco.id, partnerSlug: university.slug, input: form({ occupation_code: '17-9999.00' }) });
			expect(unknownCareer).toEqual({ ok: false, issues: [{ field: 'occupation_code', message: 'Choose a STEM career from the list.' }] });
			expect(await searchOpportunities({ db, ecosystemId: eco.id, search: parseSearch(new URLSearchParams()), today: TODAY })).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});
	});

	describe('searchOpportunities', () => {
		it('finds open opportunities by English or Spanish words, career area, kind and age', async () => {
			const { db, eco, university, other } = await setup();
			await makeOpportunity(db, eco.id, university.id, { title: 'Bioinformatics summer lab', title_es: 'Laboratorio de bioinformática', occupation_code: '19-1029.01', min_age: '16' });
			await makeOpportunity(db, eco.id, other.id, { kind: 'job_shadow', title: 'Shadow a software developer', occupation_code: '15-1252.00', pay_kind: 'unpaid', pay_amount: undefined, pay_period: undefined });
			await makeOpportunity(db, eco.id, other.id, { title: 'Expired internship', deadline: '2027-02-28' });
			const titles = async (query: string) =>
				(await searchOpportunities({ db, ecosystemId: eco.id, search: parseSearch(new URLSearchParams(query)), today: TODAY })).map((o) => o.title);
			expect(await titles('')).toEqual(['Bioinformatics summer lab', 'Shadow a software developer']);
			expect(await titles('q=LABORATORIO')).toEqual(['Bioinformatics summer lab']);
			expect(await titles('q=software')).toEqual(['Shadow a software developer']);
			expect(await titles('q=100%25')).toEqual([]);
			expect(await titles('area=15')).toEqual(['Shadow a software developer']);
			expect(await titles('kind=job_shadow')).toEqual(['Shadow a software developer']);
			expect(await titles('age=14')).toEqual(['Shadow a software developer']);
			expect(await titles('paid=1')).toEqual(['Bioinformatics summer lab']);
		});

		it('never shows another ecosystem’s opportunities', async () => {
			const { db, eco, university } = await setup();
			const otherEco = await makeEcosystem(db);
			const theirs = await makeOpportunity(db, otherEco.id, (await makePartner(db, otherEco.id)).id);
			await makeOpportunity(db, eco.id, university.id);
			expect((await searchOpportunities({ db, ecosystemId: eco.id, search: parseSearch(new URLSearchParams()), today: TODAY })).map((o) => o.slug)).not.toContain(theirs.slug);
			await expect(getOpportunity({ db, ecosystemId: eco.id, slug: theirs.slug })).rejects.toMatchObject({ code: 'OPPORTUNITY_NOT_FOUND' });
			expect(await savedOpportunities({ db, ecosystemId: eco.id, slugs: [theirs.slug] })).toEqual([]);
		});
	});

	describe('applyToOpportunity', () => {
		it('takes an eligible applicant’s short form and queues a confirmation in their language', async () => {
			const { ctx, db, eco, university } = await setup();
			const opp = await makeOpportunity(db, eco.id, university.id, { min_age: '16', max_age: '19', title_es: 'Pasantía de verano' });
			const email = uniqueEmail('ana');
			const outcome = await applyToOpportunity({ ctx, ecosystemId: eco.id, slug: opp.slug, input: applicant({ email: email.toUpperCase(), locale: 'es' }), today: TODAY });
			expect(outcome).toEqual({ ok: true, value: { applied: true } });
			expect(await listApplications(db, eco.id, opp.id)).toMatchObject([{ applicant_email: email, age: 16, status: 'submitted', locale: 'es' }]);
			const mail = await db.selectFrom('outbox').selectAll().where('ecosystem_id', '=', eco.id).execute();
			expect(mail).toMatchObject([{ to_address: email, kind: 'opportunity_applied', subject: 'Recibimos tu solicitud: Pasantía de verano' }]);
			expect(await auditActions(db, eco.id)).toEqual(['opportunity.apply']);
		});

		it('tells an ineligible applicant every reason and stores nothing', async () => {
			const { ctx, db, eco, university } = await setup();
			const opp = await makeOpportunity(db, eco.id, university.id, { min_age: '16', max_age: '19', zip_codes: '19121,19122' });
			const outcome = await applyToOpportunity({ ctx, ecosystemId: eco.id, slug: opp.slug, input: applicant({ age: '14', zip: '19103' }), today: TODAY });
			expect(outcome).toEqual({ ok: true, value: { applied: false, reasons: [{ code: 'too_young', min: 16 }, { code: 'outside_area' }] } });
			expect(await listApplications(db, eco.id, opp.id)).toEqual([]);
			expect(await auditActions(db, eco.id)).toEqual([]);
		});

		it('refuses a second application from the same address, a bad form, and a closed opportunity', async () => {
			const { ctx, db, eco, university } = await setup();
			const opp = await makeOpportunity(db, eco.id, university.id);
			const input = applicant();
			expect((await applyToOpportunity({ ctx, ecosystemId: eco.id, slug: opp.slug, input, today: TODAY })).ok).toBe(true);
			expect(await applyToOpportunity({ ctx, ecosystemId: eco.id, slug: opp.slug, input, today: TODAY })).toMatchObject({ ok: false, issues: [{ field: 'email' }] });
			const bad = await applyToOpportunity({ ctx, ecosystemId: eco.id, slug: opp.slug, input: { name: '', email: 'x', age: 'old' }, today: TODAY });
			expect(bad.ok ? [] : bad.issues.map((i) => i.field)).toEqual(['name', 'email', 'age']);
			await expect(applyToOpportunity({ ctx, ecosystemId: eco.id, slug: opp.slug, input: applicant(), today: '2027-04-16' })).rejects.toMatchObject({ code: 'OPPORTUNITY_CLOSED' });
			expect(await listApplications(db, eco.id, opp.id)).toHaveLength(1);
		});

		it('takes exactly one of two identical applications sent at the same moment', async () => {
			const { ctx, db, eco, university } = await setup();
			const opp = await makeOpportunity(db, eco.id, university.id);
			const input = applicant();
			const outcomes = await Promise.all([0, 1].map(() => applyToOpportunity({ ctx, ecosystemId: eco.id, slug: opp.slug, input, today: TODAY })));
			expect(outcomes.filter((o) => o.ok).length).toBe(1);
			expect(await listApplications(db, eco.id, opp.id)).toHaveLength(1);
		});
	});

	describe('reviewing applications: contact data is the posting partner’s only', () => {
		async function withApplication() {
			const s = await setup();
			const opp = await makeOpportunity(s.db, s.eco.id, s.university.id);
			const input = applicant();
			await applyToOpportunity({ ctx: s.ctx, ecosystemId: s.eco.id, slug: opp.slug, input, today: TODAY });
			const [application] = await listApplications(s.db, s.eco.id, opp.id);
			return { ...s, opp, input, application: application! };
		}

		it('shows the posting partner’s admin and members every applicant with contact details', async () => {
			const { db, eco, university, opp, input, actor } = await withApplication();
			for (const role of ['partner_admin', 'partner_member'] as const) {
				const reviewer = await actor(role, university.id);
				const view = await listApplicationsForReview({ db, actor: reviewer, ecosystemId: eco.id, slug: opp.slug, today: TODAY });
				expect(view.applications).toMatchObject([{ applicant_name: input.name, applicant_email: input.email, applicant_phone: input.phone }]);
			}
		});

		it('refuses backbone staff and admins, another partner, an educator; sends the public to sign in', async () => {
			const { db, eco, other, opp, application, actor } = await withApplication();
			const refused = [await actor('backbone_admin'), await actor('backbone_staff'), await actor('partner_admin', other.id), await actor('educator')];
			for (const reviewer of refused) {
				await expect(listApplicationsForReview({ db, actor: reviewer, ecosystemId: eco.id, slug: opp.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
				await expect(getApplicationForReview({ db, actor: reviewer, ecosystemId: eco.id, slug: opp.slug, applicationId: application.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			}
			await expect(listApplicationsForReview({ db, actor: publicActor, ecosystemId: eco.id, slug: opp.slug })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
		});

		it('keeps contact data out of every public read, the audit log and the backbone’s outbox viewer', async () => {
			const { db, eco, opp, input, actor } = await withApplication();
			expect(await db.selectFrom('outbox').select('to_address').where('ecosystem_id', '=', eco.id).execute()).toEqual([{ to_address: input.email }]);
			const publicReads = [
				await readOutbox({ db, actor: await actor('backbone_admin'), ecosystemId: eco.id }),
				await searchOpportunities({ db, ecosystemId: eco.id, search: parseSearch(new URLSearchParams()), today: TODAY }),
				await getOpportunity({ db, ecosystemId: eco.id, slug: opp.slug }),
				await savedOpportunities({ db, ecosystemId: eco.id, slugs: [opp.slug] }),
				await db.selectFrom('audit_log').selectAll().where('ecosystem_id', '=', eco.id).execute()
			];
			const text = JSON.stringify(publicReads);
			for (const secret of [input.name, input.email, input.phone]) expect(text).not.toContain(secret);
		});

		it('needs two-factor sign-in for reviewers when the deployment requires it', async () => {
			const { ctx, db, eco, university, opp } = await withApplication();
			const noTwoFactor = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: university.id, twoFactor: false });
			await expect(listApplicationsForReview({ db, actor: noTwoFactor, ecosystemId: eco.id, slug: opp.slug })).rejects.toMatchObject({ code: 'TWO_FACTOR_REQUIRED' });
		});

		it('records status, notes and placements, without naming the applicant in the audit log', async () => {
			const { db, eco, university, opp, application, actor } = await withApplication();
			const jamal = await actor('partner_admin', university.id);
			const review = (input: unknown) => reviewApplication({ db, actor: jamal, ecosystemId: eco.id, slug: opp.slug, applicationId: application.id, input });
			expect(await review({ status: 'placed', notes: 'Starts June 2.' })).toEqual({ ok: true, value: null });
			expect(await review({ status: 'hired' })).toMatchObject({ ok: false, issues: [{ field: 'status' }] });
			const view = await listApplicationsForReview({ db, actor: jamal, ecosystemId: eco.id, slug: opp.slug, today: TODAY });
			expect(view.placed).toBe(1);
			expect(view.applications[0]).toMatchObject({ status: 'placed', notes: 'Starts June 2.', placed_at: expect.any(String) });
			const posted = await listPostedOpportunities({ db, actor: jamal, ecosystemId: eco.id, today: TODAY });
			expect(posted.opportunities).toMatchObject([{ slug: opp.slug, applications: 1, placed: 1 }]);
			expect(await auditActions(db, eco.id)).toEqual(['opportunity.application.review', 'opportunity.apply']);
		});

		it('answers not found for an application of another opportunity or ecosystem', async () => {
			const { db, eco, university, application, actor } = await withApplication();
			const jamal = await actor('partner_admin', university.id);
			const second = await makeOpportunity(db, eco.id, university.id);
			await expect(getApplicationForReview({ db, actor: jamal, ecosystemId: eco.id, slug: second.slug, applicationId: application.id })).rejects.toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
			await expect(reviewApplication({ db, actor: jamal, ecosystemId: eco.id, slug: second.slug, applicationId: application.id, input: { status: 'declined' } })).rejects.toMatchObject({ code: 'APPLICATION_NOT_FOUND' });
			const otherEco = await makeEcosystem(db);
			await expect(listApplicationsForReview({ db, actor: jamal, ecosystemId: otherEco.id, slug: second.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await listApplications(db, eco.id, (await getOpportunity({ db, ecosystemId: eco.id, slug: second.slug })).id)).length).toBe(0);
		});
	});

	describe('editing and closing', () => {
		it('lets the posting partner and backbone staff edit and close; the address stays and every problem is listed', async () => {
			const { db, eco, university, other, actor } = await setup();
			const jamal = await actor('partner_member', university.id);
			const opp = await makeOpportunity(db, eco.id, university.id);
			const edit = (who: Awaited<ReturnType<typeof actor>>, input: unknown) => editOpportunity({ db, actor: who, ecosystemId: eco.id, slug: opp.slug, input });
			expect(await edit(jamal, form({ title: 'Summer research internship (paid)', places: '12', occupation_code: '15-1252.00' }))).toEqual({ ok: true, value: null });
			expect(await getOpportunity({ db, ecosystemId: eco.id, slug: opp.slug, today: TODAY })).toMatchObject({ title: 'Summer research internship (paid)', places: 12, major_group: '15', slug: opp.slug });
			const bad = await edit(jamal, form({ places: '0', deadline: 'soon', occupation_code: undefined }));
			expect(bad.ok ? [] : bad.issues.map((i) => i.field).sort()).toEqual(['deadline', 'places']);
			expect((await getOpportunity({ db, ecosystemId: eco.id, slug: opp.slug, today: TODAY })).places).toBe(12);
			await expect(edit(await actor('partner_admin', other.id), form())).rejects.toMatchObject({ code: 'FORBIDDEN' });
			await expect(getOpportunityForEdit({ db, actor: await actor('educator'), ecosystemId: eco.id, slug: opp.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });
			expect((await edit(await actor('backbone_staff'), form({ title: 'Edited by the backbone' }))).ok).toBe(true);
			await closeOpportunityEarly({ db, actor: jamal, ecosystemId: eco.id, slug: opp.slug });
			expect(await getOpportunity({ db, ecosystemId: eco.id, slug: opp.slug, today: TODAY })).toMatchObject({ closed_reason: 'poster', open: false });
			const elsewhere = await makeEcosystem(db);
			await expect(getOpportunityForEdit({ db, actor: jamal, ecosystemId: elsewhere.id, slug: opp.slug })).rejects.toMatchObject({ code: expect.stringMatching(/FORBIDDEN|OPPORTUNITY_NOT_FOUND/) });
			expect(await auditActions(db, eco.id)).toEqual(['opportunity.close', 'opportunity.edit', 'opportunity.edit']);
		});
	});

	describe('closeExpiredOpportunities', () => {
		it('closes opportunities whose deadline day is over, once, and records why', async () => {
			const { db, eco, university } = await setup();
			const expired = await makeOpportunity(db, eco.id, university.id, { deadline: '2027-02-28' });
			const lastDay = await makeOpportunity(db, eco.id, university.id, { deadline: TODAY });
			expect(await closeExpiredOpportunities({ db, today: TODAY })).toBeGreaterThanOrEqual(1);
			expect(await closeExpiredOpportunities({ db, today: TODAY })).toBe(0);
			expect(await getOpportunity({ db, ecosystemId: eco.id, slug: expired.slug, today: '2027-01-01' })).toMatchObject({ closed_reason: 'deadline', open: false });
			expect(await getOpportunity({ db, ecosystemId: eco.id, slug: lastDay.slug, today: TODAY })).toMatchObject({ closed_at: null, open: true });
			expect(await auditActions(db, eco.id)).toEqual(['opportunity.expire']);
		});
	});
});

describeEachDatabase('opportunity messages over SMTP', (get) => {
	const received: Received[] = [];
	let smtp: { port: number; stop(): Promise<void> } | undefined;
	let ctx: AppContext;
	beforeAll(async () => {
		smtp = await startSmtp(received);
		ctx = await get().openContext({ smtpUrl: `smtp://127.0.0.1:${smtp.port}` });
	});
	afterAll(async () => smtp?.stop());

	it('emails the applicant in their language and keeps the message with the application', async () => {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		const university = await makePartner(db, eco.id, { name: 'Lumen University' });
		const opp = await makeOpportunity(db, eco.id, university.id);
		const email = uniqueEmail('ana');
		await applyToOpportunity({ ctx, ecosystemId: eco.id, slug: opp.slug, input: applicant({ email, locale: 'es' }), today: TODAY });
		const jamal = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: university.id });
		const [application] = await listApplications(db, eco.id, opp.id);
		const input = { subject: 'Interview on Friday', body: 'Can you come to the lab on Friday at 4pm?' };
		expect(await messageApplicant({ ctx, actor: jamal, ecosystemId: eco.id, slug: opp.slug, applicationId: application!.id, input })).toEqual({ ok: true, value: null });
		const mine = received.filter((r) => r.to.includes(email));
		expect(mine.map((r) => r.subject)).toEqual(['Recibimos tu solicitud: Summer research internship', 'Interview on Friday']);
		expect(mine[1]!.body).toContain('Can you come to the lab on Friday at 4pm?');
		expect(mine[1]!.body).toContain('Enviado por Lumen University');
		const view = await getApplicationForReview({ db, actor: jamal, ecosystemId: eco.id, slug: opp.slug, applicationId: application!.id });
		expect(view.messages).toMatchObject([input]);
		const outbox = await db.selectFrom('outbox').select(['kind', 'status']).where('ecosystem_id', '=', eco.id).orderBy('created_at').execute();
		expect(outbox).toEqual([{ kind: 'opportunity_applied', status: 'sent' }, { kind: 'opportunity_message', status: 'sent' }]);
	});

	it('lets the applicant withdraw with the private link in their confirmation email, once', async () => {
		const db = ctx.db.kysely;
		const eco = await makeEcosystem(db);
		const university = await makePartner(db, eco.id, { name: 'Lumen University' });
		const opp = await makeOpportunity(db, eco.id, university.id);
		const email = uniqueEmail('leo');
		await applyToOpportunity({ ctx, ecosystemId: eco.id, slug: opp.slug, input: applicant({ email }), link: { origin: 'https://parity.example', ecosystemSlug: eco.slug }, today: TODAY });
		const body = received.find((r) => r.to.includes(email))!.body;
		const token = new RegExp(`https://parity\\.example/e/${eco.slug}/opportunities/withdraw/([A-Za-z0-9_-]{43})`).exec(body)?.[1];
		expect(token).toBeDefined();
		// Only the hash is stored.
		expect(JSON.stringify(await db.selectFrom('opportunity_application').selectAll().where('ecosystem_id', '=', eco.id).execute())).not.toContain(token!);
		expect(await getWithdrawal({ db, ecosystemId: eco.id, token: token! })).toEqual({ title: 'Summer research internship', titleEs: null, slug: opp.slug, withdrawn: false });
		await expect(getWithdrawal({ db, ecosystemId: eco.id, token: 'not-a-token' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		const elsewhere = await makeEcosystem(db);
		await expect(withdrawApplication({ db, ecosystemId: elsewhere.id, token: token! })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		await withdrawApplication({ db, ecosystemId: eco.id, token: token! });
		await withdrawApplication({ db, ecosystemId: eco.id, token: token! });
		expect((await getWithdrawal({ db, ecosystemId: eco.id, token: token! })).withdrawn).toBe(true);
		const jamal = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: university.id });
		const view = await listApplicationsForReview({ db, actor: jamal, ecosystemId: eco.id, slug: opp.slug, today: TODAY });
		expect(view.applications).toMatchObject([{ applicant_email: email, withdrawn_at: expect.any(String) }]);
		const audit = await db.selectFrom('audit_log').select(['action', 'summary']).where('ecosystem_id', '=', eco.id).where('action', '=', 'opportunity.withdraw').execute();
		expect(audit).toHaveLength(1);
		expect(JSON.stringify(audit)).not.toContain(email);
	});
});

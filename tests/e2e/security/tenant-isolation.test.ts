import { beforeAll, describe, expect, it } from 'vitest';
import { HttpSession } from '../helpers.js';

/**
 * A backbone admin of Philadelphia must neither read nor change anything of Portland: not by
 * Portland's own addresses, and not by slipping Portland's ids into Philadelphia's addresses.
 */
describe('tenant isolation between ecosystems', () => {
	const philadelphiaAdmin = new HttpSession();
	const portlandAdmin = new HttpSession();
	let portland: { initiativeId: string; memberId: string; partnerSlug: string; mission: string };

	beforeAll(async () => {
		await philadelphiaAdmin.signIn('dana.admin@philadelphia.demo.parity.example');
		await portlandAdmin.signIn('mei.admin@portland.demo.parity.example');
		const site = await (await portlandAdmin.get('/e/portland/admin/site')).text();
		const membersPage = await (await portlandAdmin.get('/e/portland/admin/members')).text();
		const partners = await (await portlandAdmin.get('/e/portland/partners')).text();
		portland = {
			initiativeId: /\/admin\/site\/initiatives\/([\w-]+)"/.exec(site)![1]!,
			memberId: [...membersPage.matchAll(/\/admin\/members\/([\w-]+)"/g)].at(-1)![1]!,
			partnerSlug: /\/e\/portland\/partners\/([\w-]+)"/.exec(partners)![1]!,
			mission: await missionOf('portland')
		};
	});

	async function missionOf(slug: string): Promise<string> {
		const html = await (await new HttpSession().get(`/e/${slug}`)).text();
		return /id="mission-heading"[^]*?<p>([^<]*)<\/p>/.exec(html)?.[1] ?? '';
	}

	it("refuses Portland's admin pages to Philadelphia's admin", async () => {
		for (const path of [
			'/e/portland/workspace',
			'/e/portland/admin',
			'/e/portland/admin/site',
			'/e/portland/admin/partners',
			'/e/portland/admin/members',
			'/e/portland/admin/audit',
			'/e/portland/admin/outbox',
			`/e/portland/admin/site/initiatives/${portland.initiativeId}`,
			`/e/portland/admin/members/${portland.memberId}`,
			`/e/portland/partners/${portland.partnerSlug}/edit`,
			`/e/portland/partners/${portland.partnerSlug}/team`
		]) {
			expect((await philadelphiaAdmin.get(path)).status, path).toBe(403);
		}
	});

	it("refuses Philadelphia's admin every write to Portland, and Portland is unchanged", async () => {
		const valid = {
			which: 'site',
			name: 'Taken over',
			region: 'Elsewhere',
			mission: 'Overwritten by another ecosystem'
		};
		const writes: [string, Record<string, string>][] = [
			['/e/portland/admin/site?/site', valid],
			['/e/portland/admin/site?/addInitiative', { which: 'initiative', title: 'Injected initiative' }],
			['/e/portland/admin/partners/new', { name: 'Injected partner', sector: 'employer' }],
			['/e/portland/admin/members?/invite', { which: 'invite', email: 'intruder@example.org', role: 'backbone_admin' }],
			[`/e/portland/admin/site/initiatives/${portland.initiativeId}`, { title: 'Renamed by Philadelphia' }],
			[`/e/portland/admin/site/initiatives/${portland.initiativeId}/delete`, {}],
			[`/e/portland/admin/members/${portland.memberId}?/remove`, {}],
			[`/e/portland/partners/${portland.partnerSlug}/edit`, { name: 'Renamed', sector: 'employer' }]
		];
		for (const [path, form] of writes) {
			expect((await philadelphiaAdmin.post(path, form)).status, path).toBe(403);
		}
		expect(await missionOf('portland')).toBe(portland.mission);
		const site = await (await portlandAdmin.get('/e/portland/admin/site')).text();
		expect(site).toContain(portland.initiativeId);
		expect(site).not.toContain('Injected initiative');
		const members = await (await portlandAdmin.get('/e/portland/admin/members')).text();
		expect(members).toContain(portland.memberId);
		expect(members).not.toContain('intruder@example.org');
	});

	it("does not find Portland's records through Philadelphia's addresses", async () => {
		for (const path of [
			`/e/philadelphia/admin/site/initiatives/${portland.initiativeId}`,
			`/e/philadelphia/admin/members/${portland.memberId}`,
			`/e/philadelphia/partners/${portland.partnerSlug}`,
			`/e/philadelphia/partners/${portland.partnerSlug}/edit`
		]) {
			expect((await philadelphiaAdmin.get(path)).status, path).toBe(404);
		}
		for (const [path, form] of [
			[`/e/philadelphia/admin/site/initiatives/${portland.initiativeId}`, { title: 'Renamed through Philadelphia' }],
			[`/e/philadelphia/admin/site/initiatives/${portland.initiativeId}/delete`, {}],
			[`/e/philadelphia/admin/members/${portland.memberId}?/remove`, {}],
			[`/e/philadelphia/admin/members/${portland.memberId}?/role`, { role: 'educator' }]
		] as [string, Record<string, string>][]) {
			expect((await philadelphiaAdmin.post(path, form)).status, path).toBe(404);
		}
		const site = await (await portlandAdmin.get('/e/portland/admin/site')).text();
		expect(site).not.toContain('Renamed through Philadelphia');
	});

	it("keeps each ecosystem's audit log and outbox to itself", async () => {
		const audit = await (await portlandAdmin.get('/e/portland/admin/audit')).text();
		expect(audit).not.toMatch(/Philadelphia STEM Equity Collective/);
		const philadelphiaAudit = await (await philadelphiaAdmin.get('/e/philadelphia/admin/audit')).text();
		expect(philadelphiaAudit).not.toMatch(/Portland Metro STEM Partnership/);
	});
});

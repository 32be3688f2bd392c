import { expect } from 'vitest';
import { backbone, eco, everyone, members, other, own, signedInRoles, type Route, type RouteTable } from '../matrix.js';

/** The foundation: public site, accounts, platform and ecosystem administration, measurement set-up. */
export const foundationRoutes: RouteTable = async (admin) => {
	const site = await (await admin.get(`${eco}/admin/site`)).text();
	const membersPage = await (await admin.get(`${eco}/admin/members`)).text();
	const initiativeId = /\/admin\/site\/initiatives\/([\w-]+)"/.exec(site)?.[1];
	const memberIds = [...membersPage.matchAll(/\/admin\/members\/([\w-]+)"/g)].map((m) => m[1]!);
	expect(initiativeId, 'an initiative link on the site editor').toBeTruthy();
	expect(memberIds.length, 'member links on the members page').toBeGreaterThan(1);
	// A metric and a benchmark population to aim at: the demo's, or new ones when it has none.
	const measurement = await (await admin.get(`${eco}/admin/measurement`)).text();
	const firstLink = (kind: string) => [...measurement.matchAll(new RegExp(`/admin/measurement/${kind}/([\\w-]+)"`, 'g'))].map((m) => m[1]!).find((s) => s !== 'new');
	const created = async (path: string, form: Record<string, string>) => /\/([\w-]+)\?added/.exec((await admin.post(path, form)).headers.get('location') ?? '')?.[1];
	const metricSlug =
		firstLink('metrics') ??
		(await created(`${eco}/admin/measurement/metrics/new`, { name: 'Matrix metric', definition: 'A metric made by the authorisation test.', unit: 'people', stage: 'custom', frequency: 'annual' }));
	const populationSlug = firstLink('benchmarks') ?? (await created(`${eco}/admin/measurement/benchmarks/new`, { name: 'Matrix population' }));
	expect(metricSlug, 'a metric to aim at').toBeTruthy();
	expect(populationSlug, 'a benchmark population to aim at').toBeTruthy();
	// Any member but the admin herself: acting on oneself is refused for another reason.
	const i = `${eco}/admin/site/initiatives/${initiativeId}`;
	const member = `${eco}/admin/members/${memberIds.at(-1)}`;
	const ms = `${eco}/admin/measurement`;
	const metric = `${ms}/metrics/${metricSlug}`;
	const population = `${ms}/benchmarks/${populationSlug}`;
	const rows: Route[] = [
		{ method: 'GET', path: '/', allow: everyone },
		{ method: 'GET', path: '/healthz', allow: everyone },
		{ method: 'GET', path: eco, allow: everyone },
		{ method: 'GET', path: `${eco}/partners`, allow: everyone },
		{ method: 'GET', path: own, allow: everyone },
		{ method: 'GET', path: '/forgot-password', allow: everyone },
		{ method: 'GET', path: '/account', allow: signedInRoles },
		{ method: 'GET', path: '/account/two-factor', allow: signedInRoles },
		{ method: 'POST', path: '/account?/password', form: { currentPassword: '' }, allow: signedInRoles, okStatus: 422, publicStatus: 303 },
		{ method: 'GET', path: '/admin', allow: ['platform_admin'] },
		{ method: 'GET', path: '/admin/outbox', allow: ['platform_admin'] },
		{ method: 'GET', path: '/admin/jobs', allow: ['platform_admin'] },
		{ method: 'POST', path: '/admin?/create', form: { which: 'ecosystem', name: '' }, allow: ['platform_admin'], okStatus: 422 },
		{ method: 'POST', path: '/admin?/endSessions', form: { which: 'sessions', scope: 'person', email: '' }, allow: ['platform_admin'], okStatus: 422 },
		{ method: 'POST', path: '/admin?/resetTwoFactor', form: { which: 'two-factor', email: '' }, allow: ['platform_admin'], okStatus: 422 },
		{ method: 'GET', path: `${eco}/workspace`, allow: members },
		{ method: 'GET', path: `${eco}/admin`, allow: backbone },
		{ method: 'GET', path: `${eco}/admin/site`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/site?/site`, form: { which: 'site', name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${eco}/admin/site?/condition`, form: { which: 'condition', condition: 'not-a-condition' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${eco}/admin/site?/addInitiative`, form: { which: 'initiative', title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: i, allow: backbone },
		{ method: 'POST', path: i, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${i}/delete`, allow: backbone },
		{ method: 'GET', path: `${eco}/admin/partners`, allow: backbone },
		{ method: 'GET', path: `${eco}/admin/partners/new`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/partners/new`, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${eco}/admin/members`, allow: ['backbone_admin'] },
		{ method: 'POST', path: `${eco}/admin/members?/invite`, form: { which: 'invite', email: 'not-an-email' }, allow: ['backbone_admin'], okStatus: 422 },
		{ method: 'POST', path: `${eco}/admin/members?/revoke`, form: { invitationId: 'no-such-invitation' }, allow: ['backbone_admin'], okStatus: 404 },
		{ method: 'GET', path: member, allow: ['backbone_admin'] },
		{ method: 'POST', path: `${member}?/role`, form: { role: 'nonsense' }, allow: ['backbone_admin'], okStatus: 422 },
		{ method: 'GET', path: `${eco}/admin/audit`, allow: ['backbone_admin'] },
		{ method: 'GET', path: `${eco}/admin/jobs`, allow: ['backbone_admin'] },
		{ method: 'GET', path: `${eco}/admin/outbox`, allow: ['backbone_admin'] },
		{ method: 'GET', path: `${own}/edit`, allow: ['backbone_admin', 'backbone_staff', 'partner_admin'] },
		{ method: 'POST', path: `${own}/edit`, form: { name: '' }, allow: ['backbone_admin', 'backbone_staff', 'partner_admin'], okStatus: 422 },
		{ method: 'GET', path: `${own}/team`, allow: ['backbone_admin', 'partner_admin'] },
		{ method: 'POST', path: `${own}/team?/invite`, form: { which: 'invite', email: 'not-an-email' }, allow: ['backbone_admin', 'partner_admin'], okStatus: 422 },
		{ method: 'GET', path: `${other}/edit`, allow: backbone },
		{ method: 'POST', path: `${other}/edit`, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${other}/team`, allow: ['backbone_admin'] },
		{ method: 'GET', path: ms, allow: backbone },
		{ method: 'GET', path: `${ms}/metrics/new`, allow: backbone },
		{ method: 'POST', path: `${ms}/metrics/new`, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: metric, allow: backbone },
		{ method: 'POST', path: `${metric}?/save`, form: { which: 'metric', name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${ms}/benchmarks/new`, allow: backbone },
		{ method: 'POST', path: `${ms}/benchmarks/new`, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: population, allow: backbone },
		{ method: 'POST', path: `${population}?/save`, form: { which: 'population', name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${population}?/upload`, form: { which: 'upload', year: 'soon' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${population}?/fetch`, form: { which: 'fetch', year: 'soon' }, allow: backbone, okStatus: 422 },
	];
	return rows;
};

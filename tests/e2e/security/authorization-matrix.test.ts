import { beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, signedIn, type DemoRole } from '../helpers.js';

/**
 * Every route × every role. A route names who may use it; everyone else must be refused:
 * signed-out visitors are sent to sign-in, signed-in people without the permission get 403.
 * Writes are sent with invalid input, so an allowed role gets 422 (authorised, then validated)
 * and nothing changes. Removing any permission check turns some 403 into 200/422 here.
 */
type Role = DemoRole | 'public';
const roles: Role[] = ['public', 'platform_admin', 'backbone_admin', 'backbone_staff', 'partner_admin', 'partner_member', 'educator'];
const members: Role[] = ['backbone_admin', 'backbone_staff', 'partner_admin', 'partner_member', 'educator'];
const signedInRoles: Role[] = roles.filter((r) => r !== 'public');
const backbone: Role[] = ['backbone_admin', 'backbone_staff'];

interface Route {
	method: 'GET' | 'POST';
	path: string;
	form?: Record<string, string>;
	allow: Role[];
	/** What an allowed role gets: 200 for pages, 422 for writes with invalid input. */
	okStatus?: number;
	/** Where signed-out visitors go when not allowed (default: sign-in). */
	publicStatus?: number;
}

const eco = '/e/philadelphia';
const own = `${eco}/partners/brick-and-bolt-youth-makerspace`; // the demo partner admin's partner
const other = `${eco}/partners/helix-row-biotherapeutics`; // someone else's partner
const everyone = roles;

function routes(ids: { initiativeId: string; memberId: string; metricSlug: string; populationSlug: string }): Route[] {
	const i = `${eco}/admin/site/initiatives/${ids.initiativeId}`;
	const member = `${eco}/admin/members/${ids.memberId}`;
	const ms = `${eco}/admin/measurement`;
	const metric = `${ms}/metrics/${ids.metricSlug}`;
	const population = `${ms}/benchmarks/${ids.populationSlug}`;
	return [
		{ method: 'GET', path: '/', allow: everyone },
		{ method: 'GET', path: eco, allow: everyone },
		{ method: 'GET', path: `${eco}/partners`, allow: everyone },
		{ method: 'GET', path: own, allow: everyone },
		{ method: 'GET', path: '/forgot-password', allow: everyone },
		{ method: 'GET', path: '/account', allow: signedInRoles },
		{ method: 'GET', path: '/account/two-factor', allow: signedInRoles },
		{ method: 'POST', path: '/account?/password', form: { currentPassword: '' }, allow: signedInRoles, okStatus: 422, publicStatus: 303 },
		{ method: 'GET', path: '/admin', allow: ['platform_admin'] },
		{ method: 'GET', path: '/admin/outbox', allow: ['platform_admin'] },
		{ method: 'POST', path: '/admin?/create', form: { which: 'ecosystem', name: '' }, allow: ['platform_admin'], okStatus: 422 },
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
		...opportunityRoutes(),
		...lendingRoutes(),
		...needsRoutes(),
		...commitmentRoutes()
	];
}

/**
 * Opportunities. The demo internship belongs to Helix Row, whose partner admin is not one of the
 * matrix roles: nobody here may read its applications (contact data is the poster's alone).
 */
function opportunityRoutes(): Route[] {
	const opps = `${eco}/opportunities`;
	const helix = `${opps}/summer-biomanufacturing-research-internship`;
	const posters: Role[] = ['backbone_admin', 'backbone_staff', 'partner_admin', 'partner_member'];
	return [
		{ method: 'GET', path: opps, allow: everyone },
		{ method: 'GET', path: `${opps}?q=lab&kind=internship&age=16`, allow: everyone },
		{ method: 'GET', path: `${opps}/saved`, allow: everyone },
		{ method: 'POST', path: `${opps}?/save`, form: { slug: 'NOT A SLUG', next: 'https://elsewhere.example' }, allow: everyone, okStatus: 303 },
		{ method: 'GET', path: helix, allow: everyone },
		{ method: 'POST', path: `${helix}?/apply`, form: { name: '', email: 'not-an-email' }, allow: everyone, okStatus: 422 },
		{ method: 'POST', path: `${opps}/no-such-opportunity?/close`, allow: members, okStatus: 404 },
		{ method: 'GET', path: `${opps}/new`, allow: posters },
		// Brick and Bolt is the demo partner admin's own partner; the partner member belongs to another.
		{ method: 'POST', path: `${opps}/new`, form: { partner: 'brick-and-bolt-youth-makerspace', title: '' }, allow: [...backbone, 'partner_admin'], okStatus: 422 },
		{ method: 'GET', path: `${opps}/posted`, allow: posters },
		{ method: 'GET', path: `${helix}/applications`, allow: [] },
		{ method: 'GET', path: `${helix}/applications/no-such-application`, allow: [] },
		{ method: 'POST', path: `${helix}/applications/no-such-application?/review`, form: { which: 'review', status: 'nonsense' }, allow: [] },
		{ method: 'POST', path: `${helix}/applications/no-such-application?/message`, form: { which: 'message', subject: '' }, allow: [] }
	];
}

/** The lending library. The robotics kit is lent by the demo partner admin's own partner. */
function lendingRoutes(): Route[] {
	const lending = `${eco}/lending`;
	const kit = `${lending}/robotics-starter-kit`;
	const lenders: Role[] = ['backbone_admin', 'backbone_staff', 'partner_admin', 'partner_member'];
	return [
		{ method: 'GET', path: lending, allow: everyone },
		{ method: 'GET', path: kit, allow: everyone },
		{ method: 'POST', path: `${kit}?/reserve`, form: { starts_on: 'soon' }, allow: members, okStatus: 422 },
		{ method: 'GET', path: `${lending}/loans`, allow: members },
		{ method: 'POST', path: `${lending}/loans?/cancel`, form: { reservation: 'no-such-reservation' }, allow: members, okStatus: 404 },
		{ method: 'POST', path: `${lending}/loans?/pickup`, form: { reservation: 'no-such-reservation' }, allow: members, okStatus: 404 },
		{ method: 'POST', path: `${lending}/loans?/return`, form: { reservation: 'no-such-reservation' }, allow: members, okStatus: 404 },
		{ method: 'GET', path: `${lending}/new`, allow: lenders },
		{ method: 'POST', path: `${lending}/new`, form: { partner: 'brick-and-bolt-youth-makerspace', name: '' }, allow: [...backbone, 'partner_admin'], okStatus: 422 }
	];
}

/** Needs ↔ offers: a members' board; offers by partner staff; ranking weights by the backbone. */
function needsRoutes(): Route[] {
	const needs = `${eco}/needs`;
	return [
		{ method: 'GET', path: needs, allow: members },
		{ method: 'POST', path: `${needs}?/weights`, form: { subject: 'lots' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${needs}/new`, allow: members },
		{ method: 'POST', path: `${needs}/new`, form: { title: '' }, allow: members, okStatus: 422 },
		{ method: 'GET', path: `${needs}/offers/new`, allow: ['backbone_admin', 'backbone_staff', 'partner_admin', 'partner_member'] },
		{ method: 'POST', path: `${needs}/offers/new`, form: { partner: 'brick-and-bolt-youth-makerspace', title: '' }, allow: [...backbone, 'partner_admin'], okStatus: 422 },
		{ method: 'GET', path: `${needs}/no-such-need`, allow: members, okStatus: 404 },
		{ method: 'POST', path: `${needs}/no-such-need?/connect`, form: { offer: 'none' }, allow: members, okStatus: 404 }
	];
}

/** The commitment register: public to read; partner admins (own partner) and backbone staff publish. */
function commitmentRoutes(): Route[] {
	const commitments = `${eco}/commitments`;
	return [
		{ method: 'GET', path: commitments, allow: everyone },
		{ method: 'GET', path: `${commitments}/new`, allow: [...backbone, 'partner_admin'] },
		{ method: 'POST', path: `${commitments}/new`, form: { partner: 'brick-and-bolt-youth-makerspace', title: '' }, allow: [...backbone, 'partner_admin'], okStatus: 422 },
		{ method: 'GET', path: `${commitments}/no-such-commitment`, allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'POST', path: `${commitments}/no-such-commitment?/progress`, form: { progress: '-1' }, allow: members, okStatus: 404 }
	];
}

describe('authorisation: every route × every role', () => {
	const sessions = new Map<Role, HttpSession>();
	let table: Route[] = [];

	beforeAll(async () => {
		sessions.set('public', new HttpSession());
		for (const role of signedInRoles) sessions.set(role, await signedIn(role as DemoRole));
		const admin = sessions.get('backbone_admin')!;
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
		table = routes({ initiativeId: initiativeId!, memberId: memberIds.at(-1)!, metricSlug: metricSlug!, populationSlug: populationSlug! });
	});

	it('answers each role as the route allows', async () => {
		const failures: string[] = [];
		for (const route of table) {
			for (const role of roles) {
				const session = sessions.get(role)!;
				const response =
					route.method === 'GET' ? await session.get(route.path) : await session.post(route.path, route.form ?? {});
				const allowed = route.allow.includes(role);
				const expected = allowed ? (route.okStatus ?? 200) : role === 'public' ? (route.publicStatus ?? 303) : 403;
				const location = response.headers.get('location') ?? '';
				const ok =
					response.status === expected &&
					(allowed || role !== 'public' || expected !== 303 || location.startsWith('/sign-in'));
				if (!ok) failures.push(`${route.method} ${route.path} as ${role}: expected ${expected}, got ${response.status} ${location}`);
			}
		}
		expect(failures).toEqual([]);
	});

	it('sends signed-in people away from the sign-in page to their account', async () => {
		const response = await sessions.get('educator')!.get('/sign-in');
		expect(response.status).toBe(303);
		expect(response.headers.get('location')).toBe('/account');
	});
});

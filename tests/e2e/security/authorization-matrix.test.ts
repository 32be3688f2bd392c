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
	/** What signed-in people without the right get (default 403; hidden things answer 404). */
	deniedStatus?: number;
}

const eco = '/e/philadelphia';
const own = `${eco}/partners/brick-and-bolt-youth-makerspace`; // the demo partner admin's partner
const other = `${eco}/partners/helix-row-biotherapeutics`; // someone else's partner
const everyone = roles;

function routes(ids: { initiativeId: string; memberId: string; metricSlug: string; populationSlug: string; eventSlug: string; threadId: string }): Route[] {
	const i = `${eco}/admin/site/initiatives/${ids.initiativeId}`;
	const member = `${eco}/admin/members/${ids.memberId}`;
	const ms = `${eco}/admin/measurement`;
	const metric = `${ms}/metrics/${ids.metricSlug}`;
	const population = `${ms}/benchmarks/${ids.populationSlug}`;
	const ev = `${eco}/events/${ids.eventSlug}`;
	const evAdmin = `${eco}/admin/events/${ids.eventSlug}`;
	const group = `${eco}/groups/measurement-and-evaluation-workgroup`; // members only; luis.staff and marisol.member belong
	const hidden = `${eco}/groups/youth-advisory-council`; // by invitation; luis.staff leads it
	const inGroup: Role[] = ['backbone_staff', 'partner_member'];
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
		{ method: 'GET', path: `${eco}/events`, allow: everyone },
		{ method: 'GET', path: `${eco}/events/feed.ics`, allow: everyone },
		{ method: 'GET', path: ev, allow: everyone },
		{ method: 'GET', path: `${ev}.ics`, allow: everyone },
		{ method: 'POST', path: ev, form: { name: '' }, allow: everyone, okStatus: 422, publicStatus: 422 },
		{ method: 'GET', path: `${eco}/events/registration/not-a-token`, allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'POST', path: `${eco}/events/registration/not-a-token?/cancel`, allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'GET', path: `${eco}/admin/events`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/events?/approve`, form: { event: 'no-such-event' }, allow: backbone, okStatus: 404 },
		{ method: 'POST', path: `${eco}/admin/events?/decline`, form: { event: 'no-such-event' }, allow: backbone, okStatus: 404 },
		{ method: 'GET', path: `${eco}/admin/events/new`, allow: [...backbone, 'partner_admin'] },
		{ method: 'POST', path: `${eco}/admin/events/new`, form: { title: '' }, allow: [...backbone, 'partner_admin'], okStatus: 422 },
		{ method: 'GET', path: evAdmin, allow: backbone },
		{ method: 'POST', path: `${evAdmin}?/checkin`, form: { registration: 'no-such-registration' }, allow: backbone, okStatus: 404 },
		{ method: 'POST', path: `${evAdmin}?/undo`, form: { registration: 'no-such-registration' }, allow: backbone, okStatus: 404 },
		{ method: 'GET', path: `${evAdmin}/attendance.csv`, allow: backbone },
		{ method: 'GET', path: `${eco}/groups`, allow: everyone },
		{ method: 'GET', path: `${eco}/groups/new`, allow: backbone },
		{ method: 'POST', path: `${eco}/groups/new`, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: group, allow: members, deniedStatus: 404 },
		{ method: 'GET', path: hidden, allow: backbone, deniedStatus: 404 },
		{ method: 'POST', path: `${group}?/thread`, form: { which: 'thread', title: '' }, allow: inGroup, okStatus: 422 },
		{ method: 'POST', path: `${group}?/member`, form: { which: 'member', email: 'not-an-email' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${group}?/file`, form: { which: 'file' }, allow: inGroup, okStatus: 422 },
		{ method: 'GET', path: `${group}/threads/${ids.threadId}`, allow: members, deniedStatus: 404 },
		{ method: 'POST', path: `${group}/threads/${ids.threadId}`, form: { body: '' }, allow: inGroup, okStatus: 422 },
		{ method: 'GET', path: `${group}/files/no-such-file`, allow: members, okStatus: 404, deniedStatus: 404 },
		{ method: 'GET', path: '/unsubscribe/not-a-token', allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'POST', path: '/unsubscribe/not-a-token', allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'GET', path: `${eco}/notifications`, allow: members },
		{ method: 'POST', path: `${eco}/notifications`, form: { announcements: 'hourly' }, allow: members, okStatus: 422 },
		{ method: 'GET', path: `${eco}/announcements`, allow: members },
		{ method: 'GET', path: `${eco}/admin/announcements`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/announcements`, form: { title: '' }, allow: backbone, okStatus: 422 }
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
		const eventSlug = [...(await (await admin.get(`${eco}/admin/events`)).text()).matchAll(/\/admin\/events\/([\w-]+)"/g)].map((m) => m[1]!).find((s) => s !== 'new');
		expect(eventSlug, 'an event on the staff events page').toBeTruthy();
		const threadId = /\/threads\/([\w-]+)"/.exec(await (await admin.get(`${eco}/groups/measurement-and-evaluation-workgroup`)).text())?.[1];
		expect(threadId, 'a discussion in the demo workgroup').toBeTruthy();
		// Any member but the admin herself: acting on oneself is refused for another reason.
		table = routes({ initiativeId: initiativeId!, memberId: memberIds.at(-1)!, metricSlug: metricSlug!, populationSlug: populationSlug!, eventSlug: eventSlug!, threadId: threadId! });
	});

	it('answers each role as the route allows', async () => {
		const failures: string[] = [];
		for (const route of table) {
			for (const role of roles) {
				const session = sessions.get(role)!;
				const response =
					route.method === 'GET' ? await session.get(route.path) : await session.post(route.path, route.form ?? {});
				const allowed = route.allow.includes(role);
				const expected = allowed ? (route.okStatus ?? 200) : role === 'public' ? (route.publicStatus ?? 303) : (route.deniedStatus ?? 403);
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

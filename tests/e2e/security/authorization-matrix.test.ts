import { beforeAll, describe, expect, it } from 'vitest';
import { HttpSession, signedIn, type DemoRole } from '../helpers.js';
import { roles, signedInRoles, type Role, type Route, type RouteTable } from './matrix.js';
import { foundationRoutes } from './routes/foundation.js';
import { submissionRoutes } from './routes/submissions.js';
import { participantRoutes } from './routes/participants.js';
import { agendaRoutes } from './routes/agenda.js';
import { storyRoutes } from './routes/stories.js';
import { communicationRoutes } from './routes/communication.js';
import { programRoutes } from './routes/programs.js';
import { educatorRoutes } from './routes/educators.js';
import { careerRoutes } from './routes/careers.js';

/**
 * Every route × every role. A route names who may use it; everyone else must be refused:
 * signed-out visitors are sent to sign-in, signed-in people without the permission get 403.
 * Writes are sent with invalid input, so an allowed role gets 422 (authorised, then validated)
 * and nothing changes. Removing any permission check turns some 403 into 200/422 here.
 * Each domain keeps its routes in ./routes/<domain>.ts.
 */
const routeTables: RouteTable[] = [
	foundationRoutes,
	submissionRoutes,
	participantRoutes,
	agendaRoutes,
	storyRoutes,
	communicationRoutes,
	programRoutes,
	educatorRoutes,
	careerRoutes,
];

describe('authorisation: every route × every role', () => {
	const sessions = new Map<Role, HttpSession>();
	let table: Route[] = [];

	beforeAll(async () => {
		sessions.set('public', new HttpSession());
		for (const role of signedInRoles) sessions.set(role, await signedIn(role as DemoRole));
		const admin = sessions.get('backbone_admin')!;
		for (const routesOf of routeTables) table.push(...(await routesOf(admin)));
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

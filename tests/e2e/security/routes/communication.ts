import { expect } from 'vitest';
import { backbone, eco, everyone, members, type Role, type Route, type RouteTable } from '../matrix.js';

/** Events and convenings, working groups, announcements and notification settings. */
export const communicationRoutes: RouteTable = async (admin) => {
	const eventSlug = [...(await (await admin.get(`${eco}/admin/events`)).text()).matchAll(/\/admin\/events\/([\w-]+)"/g)].map((m) => m[1]!).find((s) => s !== 'new');
	expect(eventSlug, 'an event on the staff events page').toBeTruthy();
	const threadId = /\/threads\/([\w-]+)"/.exec(await (await admin.get(`${eco}/groups/measurement-and-evaluation-workgroup`)).text())?.[1];
	expect(threadId, 'a discussion in the demo workgroup').toBeTruthy();
	const ev = `${eco}/events/${eventSlug}`;
	const evAdmin = `${eco}/admin/events/${eventSlug}`;
	const group = `${eco}/groups/measurement-and-evaluation-workgroup`; // members only; luis.staff and marisol.member belong
	const hidden = `${eco}/groups/youth-advisory-council`; // by invitation; luis.staff leads it
	const inGroup: Role[] = ['backbone_staff', 'partner_member'];
	const rows: Route[] = [
		{ method: 'GET', path: `${eco}/events`, allow: everyone },
		{ method: 'GET', path: `${eco}/events/feed.ics`, allow: everyone },
		{ method: 'GET', path: ev, allow: everyone },
		{ method: 'GET', path: `${ev}.ics`, allow: everyone },
		{ method: 'POST', path: ev, form: { name: '' }, allow: everyone, okStatus: 422, publicStatus: 422 },
		{ method: 'GET', path: `${eco}/events/registration/not-a-token`, allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'POST', path: `${eco}/events/registration/not-a-token?/cancel`, allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'GET', path: `${eco}/admin/events`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/events?/approve`, form: { event: 'no-such-event' }, allow: backbone, okStatus: 404 },
		{ method: 'POST', path: `${eco}/admin/events?/decline`, form: { event: 'no-such-event', 'reason-no-such-event': 'Not a fit this term' }, allow: backbone, okStatus: 404 },
		{ method: 'GET', path: `${eco}/events/calendar`, allow: everyone },
		{ method: 'GET', path: `${eco}/admin/outbox?status=bounced`, allow: ['backbone_admin'] },
		{ method: 'GET', path: `${eco}/events/calendar?month=2031-13`, allow: everyone, okStatus: 400, publicStatus: 400 },
		{ method: 'GET', path: `${eco}/events/proposals`, allow: [...backbone, 'partner_admin'] },
		{ method: 'GET', path: `${evAdmin}/edit`, allow: backbone },
		{ method: 'POST', path: `${evAdmin}/edit?/update`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${evAdmin}/edit?/cancel`, form: { reason: '' }, allow: backbone, okStatus: 422 },
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
		{ method: 'GET', path: `${group}/threads/${threadId}`, allow: members, deniedStatus: 404 },
		{ method: 'POST', path: `${group}/threads/${threadId}`, form: { body: '' }, allow: inGroup, okStatus: 422 },
		{ method: 'GET', path: `${group}/files/no-such-file`, allow: members, okStatus: 404, deniedStatus: 404 },
		{ method: 'GET', path: '/unsubscribe/not-a-token', allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'POST', path: '/unsubscribe/not-a-token', allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'GET', path: `${eco}/notifications`, allow: members },
		{ method: 'POST', path: `${eco}/notifications`, form: { announcements: 'hourly' }, allow: members, okStatus: 422 },
		{ method: 'GET', path: `${eco}/announcements`, allow: members },
		{ method: 'GET', path: `${eco}/admin/announcements`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/announcements`, form: { title: '' }, allow: backbone, okStatus: 422 },
	];
	return rows;
};

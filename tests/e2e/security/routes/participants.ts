import { expect } from 'vitest';
import { eco, other, own, type Role, type Route, type RouteTable } from '../matrix.js';

/** API tokens (partner admins, backbone admins) and participant-row uploads (the partner's own people). */
export const participantRoutes: RouteTable = async (admin) => {
	// A new collection cycle asking every partner for every metric, for the participant-upload routes.
	const newCycle = await (await admin.get(`${eco}/admin/cycles/new`)).text();
	const cycleForm = new URLSearchParams({ name: `Matrix cycle ${Date.now()}`, year: '2026', due_on: '2026-12-31', period_start: '2026-01-01', period_end: '2026-06-30', all_partners: '1' });
	for (const [, id] of newCycle.matchAll(/name="metric_ids" value="([^"]+)"/g)) cycleForm.append('metric_ids', id!);
	const opened = await admin.request(`${eco}/admin/cycles/new`, { method: 'POST', body: cycleForm.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded', origin: admin.origin } });
	const cycleId = /\/admin\/cycles\/([0-9a-f-]{36})/.exec(opened.headers.get('location') ?? '')?.[1];
	expect(cycleId, 'a collection cycle to aim at').toBeTruthy();
	const tokenAdmins: Role[] = ['backbone_admin', 'partner_admin'];
	// The demo partner member belongs to another partner (Faro Verde): only Keisha may upload here.
	const partnerPeople: Role[] = ['partner_admin'];
	const upload = `${own}/data/${cycleId}/participants`;
	const rows: Route[] = [
		{ method: 'GET', path: `${own}/api-tokens`, allow: tokenAdmins },
		{ method: 'POST', path: `${own}/api-tokens?/create`, form: { name: '' }, allow: tokenAdmins, okStatus: 422 },
		{ method: 'POST', path: `${own}/api-tokens?/revoke`, form: { token: 'no-such-token' }, allow: tokenAdmins, okStatus: 404 },
		{ method: 'GET', path: `${other}/api-tokens`, allow: ['backbone_admin'] },
		{ method: 'GET', path: upload, allow: partnerPeople },
		{ method: 'POST', path: upload, form: { metric: 'no-file' }, allow: partnerPeople, okStatus: 422 },
		{ method: 'GET', path: `${upload}/template`, allow: partnerPeople },
		{ method: 'GET', path: `${upload}/00000000-0000-4000-8000-000000000000`, allow: partnerPeople, okStatus: 404 },
		{ method: 'GET', path: `${other}/data/${cycleId}/participants`, allow: [] }
	];
	return rows;
};

import { expect } from 'vitest';
import { backbone, eco, everyone, members, other, own, type Role, type Route, type RouteTable } from '../matrix.js';

/** The common agenda: public pages, the backbone's editing, and partners' contributions. */
export const agendaRoutes: RouteTable = async (admin) => {
	const agendaPage = await (await admin.get(`${eco}/admin/agenda`)).text();
	const resultId = [...agendaPage.matchAll(/\/admin\/agenda\/results\/([\w-]+)"/g)].map((m) => m[1]!).find((id) => id !== 'new');
	expect(resultId, 'a result link on the agenda page').toBeTruthy();
	const ag = `${eco}/admin/agenda`;
	const firstId = (html: string, pattern: RegExp) => [...html.matchAll(pattern)].map((m) => m[1]!).find((id) => id !== 'new');
	const strategyId = firstId(agendaPage, /\/admin\/agenda\/strategies\/([\w-]+)"/g);
	const actionId = firstId(agendaPage, /\/admin\/agenda\/actions\/([\w-]+)"/g);
	const ownAgenda = await (await admin.get(`${own}/agenda`)).text();
	const activityId = firstId(ownAgenda, /\/agenda\/activities\/([\w-]+)"/g);
	const measureId = firstId(ownAgenda, /\/agenda\/measures\/([\w-]+)"/g);
	expect([strategyId, actionId, activityId, measureId].every(Boolean), 'edit links for a strategy, an action, an activity and a measure').toBe(true);
	const indicator = `${ag}/indicators/philadelphia-black-stem-workforce`;
	const result = `${ag}/results/${resultId}`;
	const ownPartner = ['backbone_admin', 'backbone_staff', 'partner_admin'] as Role[];
	const memberPartner = `${eco}/partners/faro-verde-youth-science-lab/agenda`; // the demo partner member's partner
	const rows: Route[] = [
		{ method: 'GET', path: `${eco}/agenda`, allow: everyone },
		{ method: 'GET', path: `${eco}/agenda/philadelphia-black-stem-workforce`, allow: everyone },
		{ method: 'GET', path: ag, allow: backbone },
		{ method: 'POST', path: `${ag}?/status`, form: { action_id: 'no-such-action', status: 'nonsense' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${ag}?/remind`, form: {}, allow: backbone },
		{ method: 'GET', path: `${ag}/results/new`, allow: backbone },
		{ method: 'POST', path: `${ag}/results/new`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: result, allow: backbone },
		{ method: 'POST', path: result, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${ag}/indicators/new`, allow: backbone },
		{ method: 'POST', path: `${ag}/indicators/new`, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: indicator, allow: backbone },
		{ method: 'POST', path: indicator, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${ag}/strategies/new`, allow: backbone },
		{ method: 'POST', path: `${ag}/strategies/new`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${ag}/actions/new`, allow: backbone },
		{ method: 'POST', path: `${ag}/actions/new`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${ag}/strategies/${strategyId}`, allow: backbone },
		{ method: 'POST', path: `${ag}/strategies/${strategyId}`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${ag}/actions/${actionId}`, allow: backbone },
		{ method: 'POST', path: `${ag}/actions/${actionId}`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${own}/agenda/activities/${activityId}`, allow: ownPartner },
		{ method: 'POST', path: `${own}/agenda/activities/${activityId}`, form: { name: '' }, allow: ownPartner, okStatus: 422 },
		{ method: 'GET', path: `${own}/agenda/measures/${measureId}`, allow: ownPartner },
		{ method: 'POST', path: `${own}/agenda/measures/${measureId}`, form: { name: '' }, allow: ownPartner, okStatus: 422 },
		{ method: 'GET', path: `${own}/agenda`, allow: ownPartner },
		{ method: 'POST', path: `${own}/agenda?/activity`, form: { name: '' }, allow: ownPartner, okStatus: 422 },
		{ method: 'POST', path: `${own}/agenda?/measure`, form: { measure_name: '' }, allow: ownPartner, okStatus: 422 },
		{ method: 'GET', path: `${other}/agenda`, allow: backbone },
		{ method: 'POST', path: `${other}/agenda?/activity`, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: memberPartner, allow: [...backbone, 'partner_member'] },
		{ method: 'POST', path: `${memberPartner}?/activity`, form: { name: '' }, allow: [...backbone, 'partner_member'], okStatus: 422 },
		{ method: 'GET', path: `${eco}/report`, allow: everyone },
		{ method: 'GET', path: `${eco}/report/pdf?lang=es`, allow: everyone },
		{ method: 'GET', path: `${eco}/health-check`, allow: members },
		{ method: 'GET', path: `${own}/health-check`, allow: ['partner_admin'] },
		{ method: 'POST', path: `${own}/health-check`, form: { common_agenda: '9' }, allow: ['partner_admin'], okStatus: 422 },
		{ method: 'GET', path: `${other}/health-check`, allow: [] },
		{ method: 'POST', path: `${other}/health-check`, form: { common_agenda: '9' }, allow: [] },
		{ method: 'GET', path: `${own}/assistance`, allow: [...backbone, 'partner_admin'] },
		{ method: 'POST', path: `${own}/assistance`, form: { subject: '' }, allow: [...backbone, 'partner_admin'], okStatus: 422 },
		{ method: 'GET', path: `${memberPartner.replace(/\/agenda$/, '')}/assistance`, allow: [...backbone, 'partner_member'] },
		{ method: 'GET', path: `${other}/assistance`, allow: backbone },
		{ method: 'POST', path: `${other}/assistance`, form: { subject: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${own}/assistance/no-such-request`, allow: [...backbone, 'partner_admin'], okStatus: 404 },
		{ method: 'GET', path: `${eco}/admin/assistance`, allow: backbone },
		{ method: 'GET', path: `${eco}/admin/assistance/no-such-request`, allow: backbone, okStatus: 404 },
		{ method: 'POST', path: `${eco}/admin/assistance/no-such-request?/close`, form: {}, allow: backbone, okStatus: 404 },
		{ method: 'GET', path: `${eco}/admin/health-check`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/health-check?/open`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${eco}/admin/health-check?/close`, form: { round_id: 'no-such-round' }, allow: backbone, okStatus: 404 }
	];
	return rows;
};

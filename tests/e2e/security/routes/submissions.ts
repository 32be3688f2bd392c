import { expect } from 'vitest';
import { backbone, eco, other, own, type Route, type RouteTable } from '../matrix.js';

/** Collection cycles, review and data quality (backbone); the partner's data pages. */
export const submissionRoutes: RouteTable = async (admin) => {
	// A demo collection cycle the demo partner admin's partner is asked by, with a submission on its board.
	const cyclesPage = await (await admin.get(`${eco}/admin/cycles`)).text();
	let cycleId: string | undefined;
	let submissionId: string | undefined;
	for (const id of [...cyclesPage.matchAll(/\/admin\/cycles\/([\w-]+)"/g)].map((m) => m[1]!).filter((id) => id !== 'new')) {
		const board = await (await admin.get(`${eco}/admin/cycles/${id}`)).text();
		submissionId = /\/submissions\/([\w-]+)"/.exec(board)?.[1];
		if (submissionId && board.includes('Brick and Bolt')) {
			cycleId = id;
			break;
		}
	}
	expect(cycleId, 'a demo collection cycle with a submission').toBeTruthy();
	const cycles = `${eco}/admin/cycles`;
	const cycle = `${cycles}/${cycleId}`;
	const submission = `${cycle}/submissions/${submissionId}`;
	const ownData = `${own}/data`;
	const rows: Route[] = [
		{ method: 'GET', path: cycles, allow: backbone },
		{ method: 'GET', path: `${cycles}/new`, allow: backbone },
		{ method: 'POST', path: `${cycles}/new`, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: cycle, allow: backbone },
		// Reminders have no input to get wrong: aimed at a cycle that does not exist, allowed roles get 404.
		{ method: 'POST', path: `${cycles}/00000000-0000-4000-8000-000000000000?/remind`, allow: backbone, okStatus: 404 },
		{ method: 'GET', path: submission, allow: backbone },
		{ method: 'POST', path: submission, form: { decision: 'maybe' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${eco}/admin/data-quality`, allow: backbone },
		{ method: 'GET', path: ownData, allow: ['partner_admin'] },
		{ method: 'GET', path: `${ownData}/dashboard`, allow: ['partner_admin'] },
		{ method: 'GET', path: `${ownData}/${cycleId}`, allow: ['partner_admin'] },
		{ method: 'GET', path: `${ownData}/${cycleId}/template.csv`, allow: ['partner_admin'] },
		{ method: 'POST', path: `${ownData}/${cycleId}?/grid`, form: { 'c:ost-stem-participation:all': 'many' }, allow: ['partner_admin'], okStatus: 422 },
		{ method: 'POST', path: `${ownData}/${cycleId}?/csv`, form: {}, allow: ['partner_admin'], okStatus: 422 },
		{ method: 'GET', path: `${other}/data`, allow: [] },
		{ method: 'GET', path: `${other}/data/dashboard`, allow: [] }
	];
	return rows;
};

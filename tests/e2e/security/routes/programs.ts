import { expect } from 'vitest';
import { backbone, eco, everyone, other, own, type Role, type Route, type RouteTable } from '../matrix.js';

/** The asset map: the public finder, HSDS exports, each partner's program pages, the backbone's asset map. */
export const programRoutes: RouteTable = async (admin) => {
	const ownPrograms = await (await admin.get(`${own}/programs`)).text();
	const programId = /\/programs\/([0-9a-f-]{36})"/.exec(ownPrograms)?.[1];
	expect(programId, 'a program of the partner admin’s partner').toBeTruthy();
	const ownEditors: Role[] = ['backbone_admin', 'backbone_staff', 'partner_admin'];
	// marisol.member, the demo partner member, belongs to Faro Verde.
	const memberPartner = `${eco}/partners/faro-verde-youth-science-lab`;
	const memberEditors: Role[] = ['backbone_admin', 'backbone_staff', 'partner_member'];
	const rows: Route[] = [
		{ method: 'GET', path: `${eco}/programs`, allow: everyone },
		{ method: 'GET', path: `${eco}/programs/${programId}`, allow: everyone },
		{ method: 'GET', path: `${own}/programs`, allow: ownEditors },
		{ method: 'GET', path: `${own}/programs/new`, allow: ownEditors },
		{ method: 'POST', path: `${own}/programs/new`, form: { name: '' }, allow: ownEditors, okStatus: 422 },
		{ method: 'GET', path: `${own}/programs/${programId}`, allow: ownEditors },
		{ method: 'POST', path: `${own}/programs/${programId}?/save`, form: { name: '' }, allow: ownEditors, okStatus: 422 },
		{ method: 'POST', path: `${own}/programs?/confirm`, form: { programId: 'no-such-program' }, allow: ownEditors, okStatus: 404 },
		{ method: 'POST', path: `${own}/programs/no-such-program?/delete`, allow: ownEditors, okStatus: 404 },
		{ method: 'GET', path: `${memberPartner}/programs`, allow: memberEditors },
		{ method: 'POST', path: `${memberPartner}/programs/new`, form: { name: '' }, allow: memberEditors, okStatus: 422 },
		{ method: 'GET', path: `${other}/programs`, allow: backbone },
		{ method: 'GET', path: `${eco}/programs/hsds/services.json`, allow: everyone },
		{ method: 'GET', path: `${eco}/programs/hsds/organizations.json`, allow: everyone },
		{ method: 'GET', path: `${eco}/programs/hsds/service_at_locations.json`, allow: everyone },
		{ method: 'GET', path: `${eco}/admin/asset-map`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/asset-map?/import`, form: { file: '' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${eco}/admin/asset-map?/importCsv`, form: { files: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${eco}/programs/hsds/datapackage.zip`, allow: everyone },
		// Geography and program deserts (backbone only; the uploads refuse an empty file).
		{ method: 'GET', path: `${eco}/admin/asset-map/geography`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/asset-map/geography?/boundaries`, form: { boundaries: '' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${eco}/admin/asset-map/geography?/youth`, form: { youth: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${eco}/admin/asset-map/deserts`, allow: backbone },
		{ method: 'GET', path: `${eco}/admin/asset-map/deserts?subject=robotics&free=1&age=11-13&format=after_school`, allow: backbone },
		{ method: 'GET', path: `${eco}/admin/asset-map/overlap`, allow: backbone },
	];
	return rows;
};

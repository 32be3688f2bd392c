import { backbone, eco, everyone, members, other, own, type Role, type Route, type RouteTable } from '../matrix.js';
import type { HttpSession } from '../../helpers.js';

/** Careers and partnerships: opportunities, the lending library, needs and offers, commitments. */
export const careerRoutes: RouteTable = async (admin) => [...opportunityRoutes(), ...lendingRoutes(), ...needsRoutes(), ...commitmentRoutes(), ...pathwayRoutes(), ...(await projectRoutes(admin))];

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
		{ method: 'POST', path: `${helix}/applications/no-such-application?/message`, form: { which: 'message', subject: '' }, allow: [] },
		// Editing: staff of the posting partner (Helix Row, none of the matrix's partner roles) and the backbone.
		{ method: 'GET', path: `${helix}/edit`, allow: backbone },
		{ method: 'POST', path: `${helix}/edit`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${opps}/no-such-opportunity/edit`, allow: members, okStatus: 404 },
		// The applicant's private withdrawal link: a wrong token is simply not found, for everyone.
		{ method: 'GET', path: `${opps}/withdraw/not-a-real-token`, allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'POST', path: `${opps}/withdraw/not-a-real-token`, allow: everyone, okStatus: 404, publicStatus: 404 }
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
		{ method: 'POST', path: `${needs}/no-such-need?/connect`, form: { offer: 'none' }, allow: members, okStatus: 404 },
		{ method: 'POST', path: `${needs}/no-such-need?/close`, form: { reason: 'answered' }, allow: members, okStatus: 404 },
		{ method: 'GET', path: `${needs}/offers/no-such-offer`, allow: members, okStatus: 404 },
		{ method: 'POST', path: `${needs}/offers/no-such-offer?/edit`, form: { title: '' }, allow: members, okStatus: 404 },
		{ method: 'POST', path: `${needs}/offers/no-such-offer?/close`, allow: members, okStatus: 404 }
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

/** Career pathway pages: public, one per STEM career area. */
function pathwayRoutes(): Route[] {
	const careers = `${eco}/careers`;
	return [
		{ method: 'GET', path: careers, allow: everyone },
		{ method: 'GET', path: `${careers}/15`, allow: everyone },
		{ method: 'GET', path: `${careers}/29`, allow: everyone },
		{ method: 'GET', path: `${careers}/53`, allow: everyone, okStatus: 404, publicStatus: 404 }
	];
}

/**
 * Multi-partner projects. The demo robotics project is led by Brick and Bolt (the partner admin's
 * partner) with Faro Verde (the partner member's partner): the lead's admin and the backbone
 * manage it, the member contributes, everyone reads what it is and who is in it.
 */
async function projectRoutes(admin: HttpSession): Promise<Route[]> {
	const projects = `${eco}/projects`;
	const robotics = `${projects}/robotics-in-north-philadelphia-middle-schools`;
	const managers: Role[] = [...backbone, 'partner_admin'];
	const contributors: Role[] = [...managers, 'partner_member'];
	const page = await (await admin.get(robotics)).text();
	const fileId = /\/files\/([0-9a-f-]{36})"/.exec(page)?.[1] ?? 'no-such-file';
	return [
		{ method: 'GET', path: projects, allow: everyone },
		{ method: 'GET', path: robotics, allow: everyone },
		{ method: 'GET', path: `${projects}/no-such-project`, allow: everyone, okStatus: 404, publicStatus: 404 },
		{ method: 'GET', path: `${projects}/new`, allow: managers },
		{ method: 'POST', path: `${projects}/new`, form: { lead: 'brick-and-bolt-youth-makerspace', title: '' }, allow: managers, okStatus: 422 },
		{ method: 'POST', path: `${robotics}?/partner`, form: { partner: '', role: '' }, allow: managers, okStatus: 422 },
		{ method: 'POST', path: `${robotics}?/goal`, form: { text: '' }, allow: managers, okStatus: 422 },
		{ method: 'POST', path: `${robotics}?/milestone`, form: { title: '', due_on: 'soon' }, allow: managers, okStatus: 422 },
		{ method: 'POST', path: `${robotics}?/update`, form: { body: '' }, allow: contributors, okStatus: 422 },
		{ method: 'POST', path: `${robotics}?/complete`, form: { milestone: 'no-such-milestone' }, allow: contributors, okStatus: 404 },
		{ method: 'GET', path: `${robotics}/files/${fileId}`, allow: contributors, okStatus: fileId === 'no-such-file' ? 404 : 200 }
	];
}

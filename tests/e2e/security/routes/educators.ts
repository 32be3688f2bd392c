import { backbone, eco, everyone, members, type Role, type Route, type RouteTable } from '../matrix.js';

/** Educators: professional development, certificates, the evidence library and school transformation. */
export const educatorRoutes: RouteTable = async () => pdAndSchoolRoutes();

/** Professional development and certificate verification (issue 8). */
function pdAndSchoolRoutes(): Route[] {
	const pd = `${eco}/pd`;
	const backboneOffering = `${pd}/culturally-responsive-lab-investigations`;
	const partnerOffering = `${pd}/makerspace-facilitation-for-afterschool-educators`; // Brick and Bolt's
	const providers: Role[] = [...backbone, 'partner_admin', 'partner_member'];
	const tooLong = 'x'.repeat(4001);
	return [
		{ method: 'GET', path: pd, allow: everyone },
		{ method: 'GET', path: backboneOffering, allow: everyone },
		{ method: 'GET', path: partnerOffering, allow: everyone },
		{ method: 'POST', path: `${partnerOffering}?/complete`, form: { reflection: tooLong }, allow: members, okStatus: 422 },
		{ method: 'POST', path: `${partnerOffering}?/evaluate`, form: { overall: '9' }, allow: members, okStatus: 422 },
		{ method: 'GET', path: `${pd}/mine`, allow: members },
		{ method: 'GET', path: `${pd}/mine/transcript.csv`, allow: members },
		{ method: 'GET', path: `${pd}/certificates/PD-0000-0000-0000-0000-0000`, allow: members, okStatus: 404 },
		{ method: 'GET', path: `${pd}/manage`, allow: providers },
		{ method: 'POST', path: `${pd}/manage?/creditType`, form: { code: 'NOT VALID' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${pd}/new`, allow: providers },
		{ method: 'POST', path: `${pd}/new`, form: { title: '' }, allow: providers, okStatus: 422 },
		{ method: 'GET', path: `${backboneOffering}/roster`, allow: backbone },
		{ method: 'GET', path: `${partnerOffering}/roster`, allow: [...backbone, 'partner_admin'] },
		{ method: 'POST', path: `${partnerOffering}/roster?/attendance`, form: { session_id: 'none' }, allow: [...backbone, 'partner_admin'], okStatus: 422 },
		{ method: 'POST', path: `${backboneOffering}/roster?/attendance`, form: { session_id: 'none' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${partnerOffering}/roster?/revoke`, form: { registration_id: 'none' }, allow: [...backbone, 'partner_admin'], okStatus: 422 },
		{ method: 'POST', path: `${backboneOffering}/roster?/revoke`, form: { registration_id: 'none' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${backboneOffering}/edit`, allow: backbone },
		{ method: 'GET', path: `${partnerOffering}/edit`, allow: [...backbone, 'partner_admin'] },
		{ method: 'POST', path: `${partnerOffering}/edit`, form: { title: '' }, allow: [...backbone, 'partner_admin'], okStatus: 422 },
		{ method: 'POST', path: `${backboneOffering}/edit`, form: { title: '' }, allow: backbone, okStatus: 422 },
		// A partner coordinator (partner admin) registers her own staff; no one else may.
		{ method: 'GET', path: `${backboneOffering}/staff`, allow: ['partner_admin'] },
		{ method: 'POST', path: `${backboneOffering}/staff?/register`, form: {}, allow: ['partner_admin'], okStatus: 422 },
		{ method: 'POST', path: `${backboneOffering}/staff?/cancel`, form: { registration_id: 'none' }, allow: ['partner_admin'], okStatus: 404 },
		{ method: 'GET', path: `${backboneOffering}/sessions.ics`, allow: everyone },
		{ method: 'GET', path: '/verify', allow: everyone },
		{ method: 'GET', path: '/verify/PD-0000-0000-0000-0000-0000', allow: everyone },
		...evidenceRoutes(),
		...instrumentRoutes(),
		{ method: 'GET', path: `${eco}/schools`, allow: [...backbone, 'educator'] },
		{ method: 'POST', path: `${eco}/schools`, form: { name: '' }, allow: backbone, okStatus: 422 },
		// The demo educator's school team; backbone staff see every school.
		{ method: 'GET', path: `${eco}/schools/kestrel-park-stem-academy`, allow: [...backbone, 'educator'] },
		{ method: 'POST', path: `${eco}/schools/kestrel-park-stem-academy`, form: { year: 'soon' }, allow: [...backbone, 'educator'], okStatus: 422 },
		{ method: 'GET', path: `${eco}/schools/kestrel-park-stem-academy/edit`, allow: backbone },
		{ method: 'POST', path: `${eco}/schools/kestrel-park-stem-academy/edit`, form: { name: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${eco}/schools/kestrel-park-stem-academy/team`, allow: backbone },
		{ method: 'POST', path: `${eco}/schools/kestrel-park-stem-academy/team?/add`, form: { email: 'nobody' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${eco}/schools/kestrel-park-stem-academy/team?/remove`, form: { user_id: 'none' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${eco}/schools/rubric`, allow: backbone },
		{ method: 'POST', path: `${eco}/schools/rubric?/save`, form: { name: '', levels: '' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${eco}/schools/rubric?/remove`, form: { domain_id: 'none' }, allow: backbone, okStatus: 422 }
	];
}

/** The evidence library (issue 8). */
function evidenceRoutes(): Route[] {
	const ev = `${eco}/evidence`;
	const suggesters: Role[] = [...backbone, 'partner_admin', 'partner_member'];
	return [
		{ method: 'GET', path: ev, allow: everyone },
		{ method: 'GET', path: `${ev}?q=robotics`, allow: everyone },
		{ method: 'GET', path: `${ev}/family-science-nights-playbook`, allow: everyone },
		// A demo resource that links out and has no stored file.
		{ method: 'GET', path: `${ev}/family-science-nights-playbook/file`, allow: everyone, okStatus: 404 },
		{ method: 'GET', path: `${ev}/suggest`, allow: suggesters },
		{ method: 'POST', path: `${ev}/suggest`, form: { title: '' }, allow: suggesters, okStatus: 422 },
		// A published demo resource: only backbone staff edit it (partners edit their own pending suggestions).
		{ method: 'GET', path: `${ev}/family-science-nights-playbook/edit`, allow: backbone },
		{ method: 'POST', path: `${ev}/family-science-nights-playbook/edit`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: `${ev}/review`, allow: backbone },
		{ method: 'POST', path: `${ev}/review`, form: { slug: 'family-science-nights-playbook', decision: 'maybe' }, allow: backbone, okStatus: 422 }
	];
}

/** Program-quality and outcome instruments (issue 8): the demo instrument and anonymous links. */
function instrumentRoutes(): Route[] {
	const list = `${eco}/instruments`;
	const demo = `${list}/stem-interest-and-identity`;
	const partners: Role[] = ['partner_admin', 'partner_member'];
	const noRun = '00000000-0000-4000-8000-000000000000';
	const noLink = 'x'.repeat(43);
	return [
		{ method: 'GET', path: list, allow: [...backbone, ...partners] },
		{ method: 'POST', path: `${list}?/create`, form: { title: '' }, allow: backbone, okStatus: 422 },
		{ method: 'GET', path: demo, allow: [...backbone, ...partners] },
		// Published: the backbone is told the questions are frozen; others may not try.
		{ method: 'POST', path: `${demo}?/item`, form: { type: 'likert' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${demo}?/publish`, form: {}, allow: backbone, okStatus: 303 },
		{ method: 'POST', path: `${demo}?/run`, form: { name: '' }, allow: partners, okStatus: 422 },
		{ method: 'POST', path: `${demo}?/links`, form: { run: noRun }, allow: partners, okStatus: 404 },
		{ method: 'POST', path: `${demo}?/close`, form: { run: noRun }, allow: partners, okStatus: 404 },
		{ method: 'GET', path: `${demo}/runs/${noRun}`, allow: partners, okStatus: 404 },
		{ method: 'POST', path: `${demo}/runs/${noRun}`, form: { phase: 'pre' }, allow: partners, okStatus: 404 },
		{ method: 'GET', path: `/survey/${noLink}`, allow: everyone, okStatus: 404 },
		{ method: 'POST', path: `/survey/${noLink}`, form: { participant_code: 'ABCD' }, allow: everyone, okStatus: 404 }
	];
}

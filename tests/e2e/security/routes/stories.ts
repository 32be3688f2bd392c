import { expect } from 'vitest';
import { backbone, eco, everyone, type Role, type Route, type RouteTable } from '../matrix.js';

/** Hear From Our Youth: the public campaign pages, private consent links, and moderation. */
export const storyRoutes: RouteTable = async (admin) => {
	// The demo story waiting for review (Ari, 13–15, parent consent on paper): approving it
	// without uses is invalid (422); recording a second parent consent is refused (409).
	const queue = await (await admin.get(`${eco}/admin/stories`)).text();
	const storyId = /\/admin\/stories\/([\w-]+)">Ari</.exec(queue)?.[1];
	expect(storyId, 'a story in the moderation queue').toBeTruthy();
	const story = `${eco}/admin/stories/${storyId}`;
	const wall = await (await admin.get(`${eco}/stories`)).text();
	const publicStoryId = new RegExp(`${eco}/stories/([\\w-]{36})"`).exec(wall)?.[1];
	expect(publicStoryId, 'a published demo story').toBeTruthy();

	// The backbone trusts the demo partner admin (Brick and Bolt) to moderate stories; the demo
	// partner member is not trusted. Moderation rows below allow exactly backbone + that person.
	const moderators = await (await admin.get(`${eco}/admin/stories/moderators`)).text();
	const keisha = new RegExp(`keisha\\.partner@[\\s\\S]*?name="user_id" value="([\\w-]+)"`).exec(moderators)?.[1];
	expect(keisha, 'the demo partner admin in the partner staff list').toBeTruthy();
	expect((await admin.post(`${eco}/admin/stories/moderators?/trust`, { user_id: keisha! })).status).toBe(200);
	const moderation: Role[] = [...backbone, 'partner_admin'];

	const rows: Route[] = [
		{ method: 'GET', path: `${eco}/stories`, allow: everyone },
		{ method: 'GET', path: `${eco}/stories/embed`, allow: everyone },
		{ method: 'GET', path: `${eco}/stories/join`, allow: everyone },
		{ method: 'POST', path: `${eco}/stories/join`, form: { age: '' }, allow: everyone, okStatus: 422 },
		{ method: 'GET', path: `${eco}/stories/consent/not-a-real-token`, allow: everyone },
		{ method: 'GET', path: `${eco}/stories/withdraw/not-a-real-token`, allow: everyone },
		{ method: 'POST', path: `${eco}/stories/withdraw/not-a-real-token?/withdraw`, form: {}, allow: everyone, okStatus: 410 },
		{ method: 'GET', path: `${eco}/stories/feed.json`, allow: everyone },
		// The report form's bot checks: no signed time stamp → refused with a plain message (422).
		{ method: 'POST', path: `${eco}/stories/${publicStoryId}?/report`, form: { reason: 'x' }, allow: everyone, okStatus: 422 },
		// The CSV export: backbone and partner staff (public data only), not educators.
		{ method: 'GET', path: `${eco}/stories/export.csv`, allow: [...backbone, 'partner_admin', 'partner_member'] },
		{ method: 'GET', path: `${eco}/admin/stories`, allow: moderation },
		{ method: 'GET', path: story, allow: moderation },
		// The demo story has no photo: moderators get 404, everyone else is refused first.
		{ method: 'GET', path: `${story}/photo`, allow: moderation, okStatus: 404 },
		{ method: 'POST', path: `${story}?/decline`, form: { which: 'decline', note: '' }, allow: moderation, okStatus: 422 },
		{ method: 'POST', path: `${story}?/approve`, form: { which: 'approve' }, allow: moderation, okStatus: 422 },
		{ method: 'POST', path: `${story}?/paper_consent`, form: { which: 'paper_consent', signer_name: '' }, allow: moderation, okStatus: 409 },
		// Linking to goals and indicators stays with the backbone, even for trusted partner staff.
		{ method: 'POST', path: `${story}?/link`, form: { target: 'metric:none' }, allow: backbone, okStatus: 422 },
		// Only the backbone decides whom to trust (an unknown person: 404).
		{ method: 'GET', path: `${eco}/admin/stories/moderators`, allow: backbone },
		{ method: 'POST', path: `${eco}/admin/stories/moderators?/trust`, form: { user_id: 'nobody' }, allow: backbone, okStatus: 404 },
	];
	return rows;
};

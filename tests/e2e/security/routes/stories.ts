import { expect } from 'vitest';
import { backbone, eco, everyone, type Route, type RouteTable } from '../matrix.js';

/** Hear From Our Youth: the public campaign pages, private consent links, and moderation. */
export const storyRoutes: RouteTable = async (admin) => {
	// The demo story waiting for review (Ari, 13–15, parent consent on paper): approving it
	// without uses is invalid (422); recording a second parent consent is refused (409).
	const queue = await (await admin.get(`${eco}/admin/stories`)).text();
	const storyId = /\/admin\/stories\/([\w-]+)">Ari</.exec(queue)?.[1];
	expect(storyId, 'a story in the moderation queue').toBeTruthy();
	const story = `${eco}/admin/stories/${storyId}`;
	const rows: Route[] = [
		{ method: 'GET', path: `${eco}/stories`, allow: everyone },
		{ method: 'GET', path: `${eco}/stories/embed`, allow: everyone },
		{ method: 'GET', path: `${eco}/stories/join`, allow: everyone },
		{ method: 'POST', path: `${eco}/stories/join`, form: { age: '' }, allow: everyone, okStatus: 422 },
		{ method: 'GET', path: `${eco}/stories/consent/not-a-real-token`, allow: everyone },
		{ method: 'GET', path: `${eco}/stories/withdraw/not-a-real-token`, allow: everyone },
		{ method: 'POST', path: `${eco}/stories/withdraw/not-a-real-token?/withdraw`, form: {}, allow: everyone, okStatus: 410 },
		{ method: 'GET', path: `${eco}/admin/stories`, allow: backbone },
		{ method: 'GET', path: story, allow: backbone },
		{ method: 'POST', path: `${story}?/decline`, form: { which: 'decline', note: '' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${story}?/approve`, form: { which: 'approve' }, allow: backbone, okStatus: 422 },
		{ method: 'POST', path: `${story}?/paper_consent`, form: { which: 'paper_consent', signer_name: '' }, allow: backbone, okStatus: 409 },
	];
	return rows;
};

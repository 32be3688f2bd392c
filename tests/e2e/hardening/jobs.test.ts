import { describe, expect, it } from 'vitest';
import { signedIn } from '../helpers.js';

/**
 * Background work on the running server: the story purge runs at start as one job per ecosystem
 * (scheduled-work.ts). The platform admin's page lists every ecosystem's run; a backbone admin's
 * page lists only their own ecosystem's, with state, attempts and timings.
 */
const rowsOf = (html: string, name: string) => html.split('<tr').filter((row) => row.includes(`>${name}<`));

async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
	const end = Date.now() + timeoutMs;
	for (;;) {
		const value = await read();
		if (ok(value) || Date.now() > end) return value;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

describe("background jobs: each ecosystem's backbone admins see their own", () => {
	it('the start-up story purge is one job per ecosystem, and Philadelphia sees only its own', async () => {
		const platform = await signedIn('platform_admin');
		const everyJob = await until(
			async () => (await platform.get('/admin/jobs')).text(),
			(html) => rowsOf(html, 'story-purge/ecosystem').filter((row) => row.includes('Done')).length >= 2
		);
		expect(rowsOf(everyJob, 'story-purge/ecosystem').length).toBe(2); // Philadelphia and Portland

		const admin = await signedIn('backbone_admin');
		const response = await admin.get('/e/philadelphia/admin/jobs');
		expect(response.status).toBe(200);
		const html = await response.text();
		const ours = rowsOf(html, 'story-purge/ecosystem');
		expect(ours).toHaveLength(1);
		expect(ours[0]).toContain('Done');
		expect(ours[0]).toContain('Story consent expiry and purge'); // the kind's readable name beside its queue name
		expect(html).toContain('Attempts');
		expect(html).not.toContain('>story-purge<'); // the deployment-wide fan-out is the platform's

		const staff = await signedIn('backbone_staff');
		expect((await staff.get('/e/philadelphia/admin/jobs')).status).toBe(403);
	});
});

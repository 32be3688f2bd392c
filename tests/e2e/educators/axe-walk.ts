import { expect } from 'vitest';
import { browserSignIn, demoAccounts, expectAccessible, newContext } from '../helpers.js';

/**
 * Visits each path as `role` (or signed out) in English and then Spanish, in a JavaScript-on
 * context (axe runs inside the page), expecting 200, one h1 and no axe violations.
 */
export async function axeWalk(role: keyof typeof demoAccounts | null, paths: string[]): Promise<void> {
	const context = await newContext({ javaScriptEnabled: true });
	try {
		const page = await context.newPage();
		if (role) await browserSignIn(page, demoAccounts[role]);
		for (const locale of ['en', 'es']) {
			await page.goto(`/language/${locale}?next=/`);
			for (const path of paths) {
				const response = await page.goto(path);
				expect(response?.status(), path).toBe(200);
				expect(await page.locator('h1').count(), `one h1 on ${path}`).toBe(1);
				await expectAccessible(page);
			}
		}
	} finally {
		await context.close();
	}
}

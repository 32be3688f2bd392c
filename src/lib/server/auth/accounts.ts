import type { Auth } from './better-auth.js';

/**
 * Creates an email + password account whose address is already proven (an accepted invitation,
 * or demo seeding), through better-auth's own adapter so hashing and rows stay better-auth's.
 */
export async function createVerifiedAccount(
	auth: Auth,
	input: { email: string; name: string; password: string; locale?: 'en' | 'es' }
): Promise<string> {
	const context = await auth.$context;
	const user = await context.internalAdapter.createUser({
		email: input.email.toLowerCase(),
		name: input.name,
		emailVerified: true,
		locale: input.locale ?? 'en'
	}, { method: 'email-password' });
	await context.internalAdapter.linkAccount({
		userId: user.id,
		providerId: 'credential',
		accountId: user.id,
		password: await context.password.hash(input.password)
	});
	return user.id;
}

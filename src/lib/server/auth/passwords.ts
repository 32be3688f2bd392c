import { z } from 'zod';
import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Parity's password policy (ASVS 5.0 V6.2): at least 10 characters, at most 256, no composition
 * rules, and never one of the most common passwords. The list is zxcvbn-ts's common-password
 * dictionary (about 49,000 passwords seen most often in breaches, held locally: no password
 * leaves the server); only its entries that the length rule would let through need checking.
 */
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;

const common: ReadonlySet<string> = new Set(
	(dictionary['passwords-common'] as string[]).filter((p) => p.length >= MIN_PASSWORD_LENGTH).map((p) => p.toLowerCase())
);

/** How many listed passwords the length rule alone would have allowed (for the security page). */
export const COMMON_PASSWORDS_CHECKED = common.size;

/** A password of the common list, compared without case (Password123 is password123). */
export function isCommonPassword(password: string): boolean {
	return common.has(password.toLowerCase());
}

export const COMMON_PASSWORD_MESSAGE = 'This password is one of the most common passwords, so it is easy to guess. Choose another: a few unrelated words make a strong one.';

/** The new-password field of every form that sets one (sign-up by invitation, reset, change). */
export const newPasswordField = (required = 'Choose a new password.') =>
	z
		.string({ message: required })
		.min(MIN_PASSWORD_LENGTH, `Choose a password of at least ${MIN_PASSWORD_LENGTH} characters.`)
		.max(MAX_PASSWORD_LENGTH, `The password can have at most ${MAX_PASSWORD_LENGTH} characters.`)
		.refine((p) => !isCommonPassword(p), COMMON_PASSWORD_MESSAGE);

/** The better-auth endpoints that set a password, and the body field holding it. */
export const PASSWORD_SETTING_ENDPOINTS: Readonly<Record<string, 'password' | 'newPassword'>> = {
	'/sign-up/email': 'password',
	'/reset-password': 'newPassword',
	'/change-password': 'newPassword',
	'/set-password': 'newPassword'
};

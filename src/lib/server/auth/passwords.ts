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

/**
 * Context-specific words (ASVS 5.0 V6.1.2, V6.2.11): a password holding the product's name, a
 * name of an ecosystem on this deployment, or the person's own name or email address is among
 * the first an attacker who knows them tries. Short words are left out: a person's name parts
 * under four letters ("Ana") and ecosystem name words under five ("STEM", which "system" holds)
 * would refuse far more passwords than they protect; the whole name is still checked.
 */
export const PRODUCT_WORDS: readonly string[] = ['parity'];
const MIN_PERSON_WORD = 4;
const MIN_ECOSYSTEM_WORD = 5;

/** Lower case, accents and everything but letters and digits removed: "Ana López-2" → "analopez2". */
export function foldForPasswordCheck(text: string): string {
	return text
		.normalize('NFKD')
		.replace(/\p{M}/gu, '')
		.toLowerCase()
		.replace(/[^\p{L}\p{N}]/gu, '');
}

/** The common look-alike spellings read back as letters ("P@r1ty" → "parity"). */
const LOOK_ALIKES: Readonly<Record<string, string>> = { '@': 'a', '4': 'a', '3': 'e', '1': 'i', '!': 'i', '0': 'o', '$': 's', '5': 's', '7': 't', '|': 'l' };

function spellings(password: string): string[] {
	const plain = foldForPasswordCheck(password);
	const lookAlike = foldForPasswordCheck([...password.toLowerCase()].map((c) => LOOK_ALIKES[c] ?? c).join(''));
	// "1" stands for "l" as often as for "i".
	const withL = foldForPasswordCheck([...password.toLowerCase()].map((c) => (c === '1' ? 'l' : (LOOK_ALIKES[c] ?? c))).join(''));
	return [...new Set([plain, lookAlike, withL])];
}

export interface PasswordContext {
	email?: string | null;
	name?: string | null;
	/** Names and short names (slugs) of the ecosystems on this deployment. */
	ecosystems?: readonly string[];
}

/** The documented list, for one person: product, ecosystems, their name and address, whole and word by word. */
export function contextWords({ email, name, ecosystems = [] }: PasswordContext): string[] {
	const words = new Set<string>(PRODUCT_WORDS);
	const add = (phrase: string | null | undefined, minPart: number) => {
		if (!phrase) return;
		const whole = foldForPasswordCheck(phrase);
		if (whole.length >= MIN_PERSON_WORD) words.add(whole);
		for (const part of phrase.split(/[^\p{L}\p{N}]+/u)) {
			const folded = foldForPasswordCheck(part);
			if (folded.length >= minPart) words.add(folded);
		}
	};
	add(email?.split('@')[0], MIN_PERSON_WORD);
	add(name, MIN_PERSON_WORD);
	for (const ecosystem of ecosystems) add(ecosystem, MIN_ECOSYSTEM_WORD);
	return [...words];
}

/** The first context word found inside the password (however written), or null. */
export function contextWordIn(password: string, words: readonly string[]): string | null {
	const variants = spellings(password);
	return words.find((word) => variants.some((v) => v.includes(word))) ?? null;
}

export const CONTEXT_WORD_MESSAGE = 'This password contains a word that is easy to guess here: the name of this site, of an ecosystem on it, or your own name or email address. Choose one without it.';

/**
 * Per-partner API tokens: the secret a partner's system sends as `Authorization: Bearer …`.
 * Pure: the token format, what is stored (a SHA-256 hash and a short prefix to tell tokens
 * apart; never the secret), and the name schema.
 */
import { z } from 'zod';
import { randomToken, sha256 } from '../util.js';

export const TOKEN_PREFIX = 'pty_';

/** A new secret: shown once to the person who made it, then only its hash is kept. */
export function newTokenSecret(): { secret: string; hash: string; prefix: string } {
	const secret = `${TOKEN_PREFIX}${randomToken()}`;
	return { secret, hash: hashToken(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 6) };
}

export const hashToken = (secret: string): string => sha256(secret);

/** The secret from an Authorization header, or null when there is none or it is not a Parity token. */
export function bearerSecret(header: string | null): string | null {
	const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
	const secret = match?.[1];
	return secret && secret.startsWith(TOKEN_PREFIX) && secret.length >= 20 && secret.length <= 200 ? secret : null;
}

export const apiTokenSchema = z.object({
	name: z
		.string({ message: 'Name the token after the system that will use it.' })
		.trim()
		.min(2, 'The name needs at least 2 characters, like “Student information system”.')
		.max(80, 'The name can have at most 80 characters.')
});

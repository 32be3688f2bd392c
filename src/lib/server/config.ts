import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { cronFor } from './jobs/jobs.js';

/**
 * Every environment variable Parity reads, validated once. Kit's `$app/env` is not used because
 * the same modules run outside Kit (migrations, seed, backup, Vitest).
 */
const booleanFlag = z
	.enum(['true', 'false', '1', '0', 'yes', 'no'])
	.transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
	DATABASE_URL: z.string().optional(),
	SMTP_URL: z.string().url({ message: 'SMTP_URL must be a URL such as smtp://user:pass@host:587' }).optional(),
	MAIL_FROM: z.string().default('Parity <no-reply@parity.localhost>'),
	ORIGIN: z
		.string()
		.url({ message: 'ORIGIN must be a full origin such as https://parity.example.org' })
		.optional(),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	BETTER_AUTH_SECRET: z.string().min(32, 'BETTER_AUTH_SECRET must be at least 32 characters').optional(),
	DEMO: booleanFlag.default(true),
	TWO_FACTOR_FOR_ADMINS: z.enum(['required', 'optional']).default('required'),
	TRUST_PROXY: booleanFlag.default(false),
	SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000).default(30),
	INVITATION_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(14),
	CENSUS_API_BASE_URL: z
		.string()
		.url({ message: 'CENSUS_API_BASE_URL must be a URL such as https://api.census.gov/data' })
		.default('https://api.census.gov/data'),
	CENSUS_API_KEY: z.string().optional(),
	// Scheduled online backups of a SQLite database (docs/deploy.md): off unless BACKUP_DIR is set.
	BACKUP_DIR: z.string().optional(),
	BACKUP_EVERY_MINUTES: z.coerce
		.number()
		.int()
		.min(1)
		.default(60)
		.refine((minutes) => validPeriod(minutes), { message: 'BACKUP_EVERY_MINUTES must divide an hour (1, 5, 15, 30…) or be whole hours dividing a day (60, 120, 360, 1440…)' }),
	BACKUP_KEEP: z.coerce.number().int().min(1).max(10_000).default(48),
	// Antivirus for uploads (docs/security.md, V5.4.3): clamd's TCP socket; off unless CLAMD_HOST is set.
	CLAMD_HOST: z.string().optional(),
	CLAMD_PORT: z.coerce.number().int().min(1).max(65535).default(3310)
});

function validPeriod(minutes: number): boolean {
	try {
		cronFor(minutes * 60_000);
		return true;
	} catch {
		return false;
	}
}

export type Config = z.infer<typeof schema> & { authSecret: string };

let cached: Config | undefined;

export function config(): Config {
	if (cached) return cached;
	const parsed = schema.safeParse(
		Object.fromEntries(Object.entries(process.env).filter(([, v]) => v !== undefined && v !== ''))
	);
	if (!parsed.success) {
		const problems = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n');
		throw new Error(`Parity's configuration is invalid:\n${problems}`);
	}
	cached = { ...parsed.data, authSecret: parsed.data.BETTER_AUTH_SECRET ?? localSecret() };
	return cached;
}

/** Tests change the environment between cases. */
export function resetConfigForTests(): void {
	cached = undefined;
}

/**
 * Without BETTER_AUTH_SECRET (the local quick start) a random secret is made once and kept in
 * data/, so sessions survive restarts and no two installs share a secret.
 */
function localSecret(file = 'data/.auth-secret'): string {
	if (existsSync(file)) return readFileSync(file, 'utf8').trim();
	mkdirSync(dirname(file), { recursive: true });
	const secret = randomBytes(32).toString('base64url');
	writeFileSync(file, secret, { mode: 0o600 });
	return secret;
}

/**
 * Server log lines: one JSON object per line, so a value holding CR/LF (a path, an error message
 * quoting user input) cannot forge a line, and fields that may carry secrets are masked before
 * they are written (ASVS 5.0 V16: no credentials, tokens or session ids in logs).
 */
const SECRET_KEY = /pass(word)?|secret|token|authorization|cookie|api[-_]?key|session/i;
const SECRET_VALUE = /\b(Bearer\s+)[A-Za-z0-9._~+/=-]{8,}|\bpty_[A-Za-z0-9_-]{8,}|(token|code|key|secret)=([^&\s]{6,})/gi;

/** Private-link pages carry their token in the path: /invite/<token>, /survey/<token>, …/withdraw/<token>. */
const TOKEN_IN_PATH = /\/(invite|unsubscribe|survey|consent|withdraw|registration)\/([^/?#\s"]+)/gi;

export type LogLevel = 'info' | 'warn' | 'error';

export function logLine(level: LogLevel, event: string, fields: Record<string, unknown> = {}, now: Date = new Date()): string {
	return JSON.stringify({ time: now.toISOString(), level, event: maskSecrets(event), ...(redact(fields) as Record<string, unknown>) });
}

export function log(level: LogLevel, event: string, fields: Record<string, unknown> = {}): void {
	const line = logLine(level, event, fields);
	if (level === 'error') console.error(line);
	else if (level === 'warn') console.warn(line);
	else console.log(line);
}

function redact(value: unknown, key = '', depth = 0): unknown {
	if (depth > 6) return '[deep]';
	if (key && SECRET_KEY.test(key) && value != null && value !== '') return '[redacted]';
	if (typeof value === 'string') return maskSecrets(value);
	if (value instanceof Error) {
		return { name: value.name, message: maskSecrets(value.message), ...(value.stack ? { stack: maskSecrets(value.stack) } : {}), ...('code' in value ? { code: (value as { code: unknown }).code } : {}) };
	}
	if (Array.isArray(value)) return value.map((item) => redact(item, '', depth + 1));
	if (value && typeof value === 'object') {
		return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v, k, depth + 1)]));
	}
	return value;
}

function maskSecrets(text: string): string {
	return text.replace(TOKEN_IN_PATH, '/$1/[redacted]').replace(SECRET_VALUE, (match, bearer: string | undefined, name: string | undefined) =>
		bearer ? `${bearer}[redacted]` : name ? `${name}=[redacted]` : '[redacted]'
	);
}

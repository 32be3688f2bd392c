/**
 * Delivery rules of the outbox (pure): what a failed SMTP attempt means and when to try again.
 *
 * - A permanent rejection (an SMTP reply in the 5xx range, e.g. "550 no such mailbox") will not
 *   change by retrying: the message is 'bounced' at once.
 * - Anything else (a 4xx "try later", a refused or dropped connection, a timeout) is transient:
 *   the message is retried with exponential back-off, and after MAX_ATTEMPTS it is 'failed'.
 */
export const MAX_ATTEMPTS = 5;
/** Wait after the first failed attempt; doubled after each further one. */
export const BASE_DELAY_MS = 60_000;
/** Never wait longer than this between attempts. */
export const MAX_DELAY_MS = 6 * 3600_000;

export type FailureOutcome = { status: 'bounced' } | { status: 'failed' } | { status: 'queued'; nextAttemptAt: string };

/** The SMTP reply code of a nodemailer error (e.g. 550), if the server answered at all. */
export function smtpCode(error: unknown): number | null {
	if (typeof error !== 'object' || error === null) return null;
	const code = (error as { responseCode?: unknown }).responseCode;
	return typeof code === 'number' && code >= 200 && code < 600 ? code : null;
}

/** Milliseconds to wait after `attempts` failed attempts: 1, 2, 4, 8 … minutes, capped. */
export function backoffMs(attempts: number): number {
	return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

/** What becomes of a message whose attempt number `attempts` (1 = first) failed with `error`. */
export function afterFailure(error: unknown, attempts: number, now: number): FailureOutcome {
	const code = smtpCode(error);
	if (code !== null && code >= 500) return { status: 'bounced' };
	if (attempts >= MAX_ATTEMPTS) return { status: 'failed' };
	return { status: 'queued', nextAttemptAt: new Date(now + backoffMs(attempts)).toISOString() };
}

/** The error text kept on the message: the SMTP reply when there is one. */
export function describeFailure(error: unknown): string {
	const code = smtpCode(error);
	const message = error instanceof Error ? error.message : String(error);
	const response = typeof error === 'object' && error !== null ? (error as { response?: unknown }).response : undefined;
	return (code !== null && typeof response === 'string' ? response : message).slice(0, 500);
}

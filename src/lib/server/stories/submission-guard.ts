import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Keeps bots out of the story form without puzzles a child cannot solve: a hidden field people
 * never fill (honeypot), a signed time stamp that must be at least a few seconds old and not
 * older than a day, and a per-address limit on submissions per hour (kept in the database).
 */
export const MIN_FILL_SECONDS = 3;
const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000;

const sign = (secret: string, value: string) => createHmac('sha256', secret).update(`story-form:${value}`).digest('base64url');

export function formStamp(secret: string, now = Date.now()): string {
	return `${now}.${sign(secret, String(now))}`;
}

export type SubmissionCheck = 'ok' | 'bot' | 'too_fast' | 'stale';

export function checkSubmission({
	stamp,
	honeypot,
	secret,
	now = Date.now()
}: {
	stamp: string | undefined;
	honeypot: string | undefined;
	secret: string;
	now?: number;
}): SubmissionCheck {
	if (honeypot) return 'bot';
	const [time, mac] = (stamp ?? '').split('.');
	if (!time || !mac || !/^\d+$/.test(time)) return 'bot';
	const expected = Buffer.from(sign(secret, time));
	const given = Buffer.from(mac);
	if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bot';
	const age = now - Number(time);
	if (age < MIN_FILL_SECONDS * 1000) return 'too_fast';
	if (age > MAX_FORM_AGE_MS) return 'stale';
	return 'ok';
}

/** A keyed hash of a network address: enough to count, not enough to know who. */
export const addressKey = (secret: string, address: string) => createHmac('sha256', secret).update(`story-address:${address}`).digest('hex');

/** Per network address and hour; counted in the database (http/request-budget.ts), shared by every process. */
export const SUBMISSIONS_PER_HOUR = 5;
export const REPORTS_PER_HOUR = 20;

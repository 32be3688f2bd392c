import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Keeps bots out of the story form without puzzles a child cannot solve: a hidden field people
 * never fill (honeypot), a signed time stamp that must be at least a few seconds old and not
 * older than a day, and a per-address limit on submissions per hour.
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

/**
 * Submissions per address per hour, in this process's memory: nothing about the submitter is
 * stored, and a restart forgets it (acceptable for a campaign form behind moderation).
 */
export class HourlyLimit {
	private readonly hits = new Map<string, number[]>();
	constructor(private readonly max: number) {}

	/** Counts an attempt and says whether it is within the limit. */
	take(key: string, now = Date.now()): boolean {
		const recent = (this.hits.get(key) ?? []).filter((t) => now - t < 60 * 60 * 1000);
		if (recent.length >= this.max) {
			this.hits.set(key, recent);
			return false;
		}
		recent.push(now);
		this.hits.set(key, recent);
		if (this.hits.size > 10_000) this.hits.delete(this.hits.keys().next().value!);
		return true;
	}
}

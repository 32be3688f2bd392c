import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Cookies, RequestEvent } from '@sveltejs/kit';
import * as m from '../../paraglide/messages.js';
import { config } from '../config.js';
import type { FieldIssue } from '../errors.js';
import { ageBands, type AgeBand } from './stories.js';
import { takeRequestBudget } from '../http/request-budget.js';
import { runtime } from '../runtime.js';
import { SUBMISSIONS_PER_HOUR, REPORTS_PER_HOUR, addressKey, checkSubmission, formStamp } from './submission-guard.js';

/**
 * What the story routes share: the age answer kept for the browser session, and the bot and
 * rate checks every public submission passes before its use-case runs.
 */
const AGE_COOKIE = 'parity_story_age';
const signBand = (band: string) => createHmac('sha256', config().authSecret).update(`story-age:${band}`).digest('base64url');

/**
 * The first answer to the age screen holds for the whole browser session (a session cookie,
 * signed so it cannot be edited): someone who answered "under 13" cannot go back and answer
 * again, and is never told which answer would have opened the other form.
 */
export function answeredBand(cookies: Cookies): AgeBand | undefined {
	const [band, mac] = (cookies.get(AGE_COOKIE) ?? '').split('.');
	if (!band || !mac || !(ageBands as readonly string[]).includes(band)) return undefined;
	const expected = Buffer.from(signBand(band));
	const given = Buffer.from(mac);
	return expected.length === given.length && timingSafeEqual(expected, given) ? (band as AgeBand) : undefined;
}

export function rememberBand(cookies: Cookies, ecosystemSlug: string, band: AgeBand, secure: boolean): void {
	cookies.set(AGE_COOKIE, `${band}.${signBand(band)}`, { path: `/e/${ecosystemSlug}/stories`, httpOnly: true, sameSite: 'lax', secure });
}

export const newFormStamp = () => formStamp(config().authSecret);

const HOUR = 60 * 60 * 1000;

/**
 * Per-address budgets live in the database (request_budget), so every server process counts
 * against the same number. The key is a keyed hash of the address, never the address itself.
 */
const withinBudget = (event: Pick<RequestEvent, 'getClientAddress'>, purpose: 'submit' | 'report', limit: number) =>
	takeRequestBudget(runtime().db.kysely, `story-${purpose}:${addressKey(config().authSecret, event.getClientAddress())}`, limit, HOUR);

/** Honeypot, timing and per-address limit; returns the problem to show, or null. */
export async function screenSubmission(
	event: Pick<RequestEvent, 'getClientAddress'>,
	values: Record<string, string | undefined>,
	locale: 'en' | 'es'
): Promise<FieldIssue[] | null> {
	const check = checkSubmission({ stamp: values.stamp, honeypot: values.website, secret: config().authSecret });
	if (check !== 'ok') return [{ field: 'form', message: m.stories_err_too_fast({}, { locale }) }];
	if (!(await withinBudget(event, 'submit', SUBMISSIONS_PER_HOUR))) return [{ field: 'form', message: m.stories_err_rate({}, { locale }) }];
	return null;
}

/**
 * The "report this story" form gets the same bot checks as the submission form. Answers the
 * keyed hash that counts distinct reporters, or why the report is refused.
 */
export async function screenReport(
	event: Pick<RequestEvent, 'getClientAddress'>,
	values: { stamp?: string; website?: string }
): Promise<{ ok: true; key: string } | { ok: false; problem: 'bot' | 'rate' }> {
	const check = checkSubmission({ stamp: values.stamp, honeypot: values.website, secret: config().authSecret });
	if (check !== 'ok') return { ok: false, problem: 'bot' };
	if (!(await withinBudget(event, 'report', REPORTS_PER_HOUR))) return { ok: false, problem: 'rate' };
	return { ok: true, key: addressKey(config().authSecret, event.getClientAddress()) };
}

/**
 * Private-link pages: never cached, never leaked to another site in a Referer header.
 * 'same-origin' rather than 'no-referrer': the latter makes browsers send `Origin: null` with
 * the page's own forms, which the cross-site write check rightly refuses.
 */
export const privateHeaders = { 'cache-control': 'no-store', 'referrer-policy': 'same-origin' } as const;

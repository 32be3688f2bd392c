/**
 * Every expected failure a use-case can report, with the plain-language message a person sees.
 * Routes map `status` to HTTP; unexpected errors become a generic 500 without details.
 */
export const errorCodes = {
	UNAUTHENTICATED: { status: 401, message: 'Please sign in to continue.' },
	FORBIDDEN: { status: 403, message: 'You do not have permission to do that.' },
	TWO_FACTOR_REQUIRED: {
		status: 403,
		message: 'Set up two-factor sign-in on your account before using administrator tools.'
	},
	NOT_FOUND: { status: 404, message: 'We could not find that page.' },
	ECOSYSTEM_NOT_FOUND: { status: 404, message: 'There is no ecosystem at that address.' },
	PARTNER_NOT_FOUND: { status: 404, message: 'There is no partner at that address in this ecosystem.' },
	METRIC_NOT_FOUND: { status: 404, message: 'There is no metric at that address in this ecosystem.' },
	PROGRAM_NOT_FOUND: { status: 404, message: 'There is no program at that address in this ecosystem.' },
	BENCHMARK_NOT_FOUND: { status: 404, message: 'There is no benchmark population at that address in this ecosystem.' },
	CYCLE_NOT_FOUND: { status: 404, message: 'There is no such collection cycle for this partner in this ecosystem.' },
	SUBMISSION_NOT_FOUND: { status: 404, message: 'There is no such submission in this ecosystem.' },
	SUBMISSION_ALREADY_REVIEWED: { status: 409, message: 'This version was already reviewed or replaced by a newer one; open the latest version.' },
	AGENDA_ITEM_NOT_FOUND: { status: 404, message: 'There is no such result, indicator, strategy or action in this ecosystem’s agenda.' },
	STORY_NOT_FOUND: { status: 404, message: 'There is no story at that address in this ecosystem.' },
	STORY_LINK_INVALID: { status: 410, message: 'This link is not valid any more. If you need help, contact the collective.' },
	STORY_ACTION_NOT_ALLOWED: { status: 409, message: 'This story cannot do that in its current state.' },
	EVENT_NOT_FOUND: { status: 404, message: 'There is no open event at that address in this ecosystem.' },
	EVENT_NOT_PENDING: { status: 409, message: 'This event is not waiting for approval any more.' },
	MONTH_INVALID: { status: 400, message: 'Choose a month as year and month, for example 2031-03 (years 2000 to 2100).' },
	EVENT_CANCELLED: { status: 409, message: 'This event is cancelled (or its proposal was declined) and cannot be changed any more.' },
	REGISTRATION_NOT_FOUND: {
		status: 404,
		message: 'This registration link is not valid. Links from earlier emails stop working when a newer email is sent: use the most recent one.'
	},
	GROUP_NOT_FOUND: { status: 404, message: 'There is no group at that address that you can see.' },
	THREAD_NOT_FOUND: { status: 404, message: 'There is no such discussion in this group.' },
	FILE_NOT_FOUND: { status: 404, message: 'There is no such file in this group.' },
	OPPORTUNITY_NOT_FOUND: { status: 404, message: 'There is no opportunity at that address in this ecosystem.' },
	APPLICATION_NOT_FOUND: { status: 404, message: 'There is no such application for this opportunity.' },
	OPPORTUNITY_CLOSED: { status: 410, message: 'This opportunity has closed and takes no more applications.' },
	LENDING_ITEM_NOT_FOUND: { status: 404, message: 'There is no lendable equipment at that address in this ecosystem.' },
	RESERVATION_NOT_FOUND: { status: 404, message: 'There is no such reservation in this ecosystem.' },
	RESERVATION_STATE: { status: 409, message: 'That reservation has already moved on (picked up, returned or cancelled). Reload the page.' },
	NEED_NOT_FOUND: { status: 404, message: 'There is no such need in this ecosystem.' },
	OFFER_NOT_FOUND: { status: 404, message: 'There is no such open offer in this ecosystem.' },
	COMMITMENT_NOT_FOUND: { status: 404, message: 'There is no such commitment in this ecosystem.' },
	SLUG_TAKEN: { status: 409, message: 'That web address is already used. Choose another.' },
	ALREADY_MEMBER: { status: 409, message: 'That person already has a role in this ecosystem.' },
	INVITATION_INVALID: { status: 410, message: 'This invitation link is not valid. Ask for a new one.' },
	INVITATION_EXPIRED: { status: 410, message: 'This invitation has expired. Ask for a new one.' },
	INVITATION_USED: { status: 410, message: 'This invitation has already been used.' },
	INVITATION_EMAIL_MISMATCH: {
		status: 403,
		message: 'This invitation was sent to a different email address. Sign in with that address.'
	},
	VALIDATION: { status: 422, message: 'Some fields need attention.' },
	OFFERING_NOT_FOUND: { status: 404, message: 'There is no professional development offering at that address in this ecosystem.' },
	PD_REGISTRATION_NOT_FOUND: { status: 404, message: 'That registration does not exist for this offering.' },
	CERTIFICATE_NOT_FOUND: { status: 404, message: 'No certificate has that verification code.' },
	RESOURCE_NOT_FOUND: { status: 404, message: 'There is no resource at that address in this ecosystem.' },
	SCHOOL_NOT_FOUND: { status: 404, message: 'There is no school at that address in this ecosystem.' },
	INSTRUMENT_NOT_FOUND: { status: 404, message: 'There is no instrument at that address in this ecosystem.' },
	INSTRUMENT_RUN_NOT_FOUND: { status: 404, message: 'There is no such run of this instrument for your partner.' },
	SURVEY_LINK_INVALID: { status: 404, message: 'This survey link is not valid or the survey has closed. Ask the program for the current link.' },
	TOO_MANY_REQUESTS: { status: 429, message: 'Too many requests from your network. Wait a few minutes and try again.' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export class DomainError extends Error {
	readonly code: ErrorCode;
	readonly status: number;
	constructor(code: ErrorCode, message?: string) {
		super(message ?? errorCodes[code].message);
		this.code = code;
		this.status = errorCodes[code].status;
		this.name = 'DomainError';
	}
}

/** A field-level problem, in words a person can act on. */
export interface FieldIssue {
	field: string;
	message: string;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; issues: FieldIssue[] };

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const invalid = <T = never>(issues: FieldIssue[]): Outcome<T> => ({ ok: false, issues });

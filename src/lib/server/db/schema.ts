import type { Generated } from 'kysely';

/** Kysely's view of Parity's tables. Timestamps in app tables are ISO-8601 UTC strings. */
export interface Database {
	user: UserTable;
	session: SessionTable;
	account: AccountTable;
	verification: VerificationTable;
	twoFactor: TwoFactorTable;
	rateLimit: RateLimitTable;
	totp_used_code: TotpUsedCodeTable;
	ecosystem: EcosystemTable;
	ecosystem_condition: EcosystemConditionTable;
	initiative: InitiativeTable;
	partner: PartnerTable;
	platform_admin: PlatformAdminTable;
	membership: MembershipTable;
	invitation: InvitationTable;
	audit_log: AuditLogTable;
	outbox: OutboxTable;
	job: JobTable;
	metric: MetricTable;
	benchmark_population: BenchmarkPopulationTable;
	benchmark_value: BenchmarkValueTable;
	metric_value: MetricValueTable;
	collection_cycle: CollectionCycleTable;
	collection_cycle_metric: CollectionCycleMetricTable;
	collection_cycle_partner: CollectionCyclePartnerTable;
	partner_api_token: PartnerApiTokenTable;
	submission: SubmissionTable;
	submission_value: SubmissionValueTable;
	participant_batch: ParticipantBatchTable;
	import_job: ImportJobTable;
	import_file_chunk: ImportFileChunkTable;
	agenda_result: AgendaResultTable;
	agenda_indicator: AgendaIndicatorTable;
	agenda_target: AgendaYearValueTable;
	agenda_indicator_value: AgendaYearValueTable;
	agenda_strategy: AgendaStrategyTable;
	agenda_action: AgendaActionTable;
	agenda_activity: AgendaActivityTable;
	agenda_measure: AgendaMeasureTable;
	agenda_revision: AgendaRevisionTable;
	health_check_round: HealthCheckRoundTable;
	health_check_response: HealthCheckResponseTable;
	ta_request: TaRequestTable;
	ta_message: TaMessageTable;
	story: StoryTable;
	story_consent: StoryConsentTable;
	story_token: StoryTokenTable;
	story_report: StoryReportTable;
	story_link: StoryLinkTable;
	story_photo: StoryPhotoTable;
	story_moderator: StoryModeratorTable;
	event_series: EventSeriesTable;
	event: EventTable;
	event_registration: EventRegistrationTable;
	work_group: WorkGroupTable;
	work_group_member: WorkGroupMemberTable;
	group_thread: GroupThreadTable;
	group_post: GroupPostTable;
	group_file: GroupFileTable;
	announcement: AnnouncementTable;
	notification_preference: NotificationPreferenceTable;
	mail_subscriber: MailSubscriberTable;
	program: ProgramTable;
	program_location: ProgramLocationTable;
	finder_place: FinderPlaceTable;
	/** PostgreSQL only: every lexeme of the programs' search text (the finder expands a typed prefix to them). */
	finder_lexeme: { lexeme: string };
	program_schedule: ProgramScheduleTable;
	zip_area: ZipAreaTable;
	zip_youth_population: ZipYouthPopulationTable;
	pd_credit_type: PdCreditTypeTable;
	pd_offering: PdOfferingTable;
	pd_session: PdSessionTable;
	pd_registration: PdRegistrationTable;
	pd_attendance: PdAttendanceTable;
	pd_certificate: PdCertificateTable;
	pd_evaluation: PdEvaluationTable;
	request_budget: RequestBudgetTable;
	evidence_file: EvidenceFileTable;
	evidence_resource: EvidenceResourceTable;
	school: SchoolTable;
	school_member: SchoolMemberTable;
	school_rubric_domain: SchoolRubricDomainTable;
	school_assessment: SchoolAssessmentTable;
	school_assessment_score: SchoolAssessmentScoreTable;
	instrument: InstrumentTable;
	instrument_item: InstrumentItemTable;
	instrument_run: InstrumentRunTable;
	instrument_response: InstrumentResponseTable;
	instrument_answer: InstrumentAnswerTable;
	occupation: OccupationTable;
	opportunity: OpportunityTable;
	opportunity_application: OpportunityApplicationTable;
	opportunity_message: OpportunityMessageTable;
	lending_item: LendingItemTable;
	lending_unit: LendingUnitTable;
	lending_reservation: LendingReservationTable;
	lending_booking: LendingBookingTable;
	career_area_education: CareerAreaEducationTable;
	project: ProjectTable;
	project_partner: ProjectPartnerTable;
	project_goal: ProjectGoalTable;
	project_milestone: ProjectMilestoneTable;
	project_update: ProjectUpdateTable;
	project_file: ProjectFileTable;
	need: NeedTable;
	offer: OfferTable;
	match_connection: MatchConnectionTable;
	matchmaking_setting: MatchmakingSettingTable;
	commitment: CommitmentTable;
	commitment_update: CommitmentUpdateTable;
}

/** better-auth owns these rows; Parity reads them and never writes them outside better-auth. */
export interface UserTable {
	id: string;
	name: string;
	email: string;
	emailVerified: boolean | number;
	image: string | null;
	createdAt: Date | string;
	updatedAt: Date | string;
	twoFactorEnabled: boolean | number | null;
	locale: string | null;
}
export interface SessionTable {
	id: string;
	expiresAt: Date | string;
	token: string;
	createdAt: Date | string;
	updatedAt: Date | string;
	ipAddress: string | null;
	userAgent: string | null;
	userId: string;
}
export interface AccountTable {
	id: string;
	accountId: string;
	providerId: string;
	userId: string;
	accessToken: string | null;
	refreshToken: string | null;
	idToken: string | null;
	accessTokenExpiresAt: Date | string | null;
	refreshTokenExpiresAt: Date | string | null;
	scope: string | null;
	password: string | null;
	createdAt: Date | string;
	updatedAt: Date | string;
}
export interface VerificationTable {
	id: string;
	identifier: string;
	value: string;
	expiresAt: Date | string;
	createdAt: Date | string;
	updatedAt: Date | string;
}
export interface TwoFactorTable {
	id: string;
	secret: string;
	backupCodes: string;
	userId: string;
	verified: boolean | number | null;
	failedVerificationCount: number | null;
	lockedUntil: Date | string | null;
}
/** A TOTP code already used by a person (keyed hash only), kept until it could no longer be accepted. */
export interface TotpUsedCodeTable {
	code_hash: string;
	user_id: string;
	expires_at: string;
}

export interface RateLimitTable {
	id: string;
	key: string;
	count: number;
	lastRequest: number;
}

export interface EcosystemTable {
	id: string;
	slug: string;
	name: string;
	name_es: string | null;
	region: string;
	tagline: Generated<string>;
	tagline_es: string | null;
	mission: Generated<string>;
	mission_es: string | null;
	vision: Generated<string>;
	vision_es: string | null;
	goal: Generated<string>;
	goal_es: string | null;
	goal_year: number | null;
	website: string | null;
	contact_email: string | null;
	is_demo: Generated<number>;
	suppression_threshold: Generated<number>;
	focus_groups_json: string | null;
	created_at: string;
	updated_at: string;
	time_zone: Generated<string>;
}
export interface EcosystemConditionTable {
	ecosystem_id: string;
	condition: string;
	practice_md: Generated<string>;
	practice_md_es: string | null;
	updated_at: string;
}
export interface InitiativeTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	title: string;
	title_es: string | null;
	summary_md: Generated<string>;
	summary_md_es: string | null;
	position: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface PartnerTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	name: string;
	sector: string;
	summary: Generated<string>;
	summary_es: string | null;
	description_md: Generated<string>;
	description_md_es: string | null;
	website: string | null;
	email: string | null;
	phone: string | null;
	city: string | null;
	zip: string | null;
	is_demo: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface PlatformAdminTable {
	user_id: string;
	created_at: string;
}
export interface MembershipTable {
	id: string;
	ecosystem_id: string;
	user_id: string;
	role: string;
	partner_id: string | null;
	created_at: string;
}
export interface InvitationTable {
	id: string;
	ecosystem_id: string;
	email: string;
	role: string;
	partner_id: string | null;
	token_hash: string;
	invited_by_user_id: string | null;
	expires_at: string;
	accepted_at: string | null;
	accepted_by_user_id: string | null;
	revoked_at: string | null;
	created_at: string;
}
export interface AuditLogTable {
	id: string;
	ecosystem_id: string | null;
	actor_user_id: string | null;
	actor_email: string | null;
	action: string;
	entity_type: string;
	entity_id: string | null;
	summary: string;
	detail_json: string | null;
	created_at: string;
}
/** The SQLite job queue (jobs/table-queue.ts); PostgreSQL uses pg-boss's own schema. */
export interface JobTable {
	id: string;
	name: string;
	data: string;
	state: 'created' | 'retry' | 'active' | 'completed' | 'failed';
	singleton_key: string | null;
	retry_count: number;
	retry_limit: number;
	retry_delay_seconds: number;
	expire_in_seconds: number;
	start_after: string;
	started_on: string | null;
	completed_on: string | null;
	created_on: string;
	output: string | null;
	/** The ecosystem the job works for; null for deployment-wide work. */
	ecosystem_id: string | null;
}

export interface OutboxTable {
	id: string;
	ecosystem_id: string | null;
	to_address: string;
	subject: string;
	body_text: string;
	kind: string;
	status: 'held' | 'queued' | 'sent' | 'failed' | 'bounced';
	attempts: Generated<number>;
	last_error: string | null;
	created_at: string;
	sent_at: string | null;
	headers_json: string | null;
	/** Set while one sender is delivering the message (see the outbox-lease migration). */
	claimed_until?: string | null;
	/** A queued message is not tried again before this instant (back-off); null: at once. */
	next_attempt_at?: string | null;
}

export interface MetricTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	name: string;
	name_es: string | null;
	definition: Generated<string>;
	definition_es: string | null;
	unit: 'people' | 'percent' | 'rate' | 'hours' | 'other';
	stage: 'k12_course_taking' | 'ost_participation' | 'postsecondary' | 'workforce' | 'custom';
	stage_position: Generated<number>;
	source: Generated<string>;
	frequency: 'annual' | 'semester' | 'quarterly' | 'monthly' | 'one_time';
	disaggregations_json: Generated<string>;
	benchmark_population_id: string | null;
	archived_at: string | null;
	created_at: string;
	updated_at: string;
}
export interface BenchmarkPopulationTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	name: string;
	name_es: string | null;
	description: Generated<string>;
	description_es: string | null;
	geography: Generated<string>;
	source: Generated<string>;
	created_at: string;
	updated_at: string;
}
export interface BenchmarkValueTable {
	ecosystem_id: string;
	population_id: string;
	year: number;
	group_key: string;
	estimate: number;
	moe: number | null;
	vintage: Generated<string>;
	imported_at: string;
}
export interface MetricValueTable {
	ecosystem_id: string;
	metric_id: string;
	year: number;
	group_key: string;
	value: number;
	moe: number | null;
	origin: 'census' | 'partners' | 'manual';
	source_note: Generated<string>;
	updated_at: string;
}

export interface CollectionCycleTable {
	id: string;
	ecosystem_id: string;
	name: string;
	year: number;
	period_start: string;
	period_end: string;
	due_on: string;
	instructions: Generated<string>;
	closed_at: string | null;
	created_by_user_id: string | null;
	created_at: string;
	updated_at: string;
}
export interface CollectionCycleMetricTable {
	ecosystem_id: string;
	cycle_id: string;
	metric_id: string;
	position: Generated<number>;
}
export interface CollectionCyclePartnerTable {
	ecosystem_id: string;
	cycle_id: string;
	partner_id: string;
	reminded_at: string | null;
}
export interface PartnerApiTokenTable {
	id: string;
	ecosystem_id: string;
	partner_id: string;
	name: string;
	token_hash: string;
	token_prefix: string;
	created_by_user_id: string | null;
	created_at: string;
	last_used_at: string | null;
	revoked_at: string | null;
}
export type SubmissionMethod = 'grid' | 'csv' | 'api' | 'participants';
export type SubmissionStatus = 'submitted' | 'accepted' | 'returned' | 'superseded';
export interface SubmissionTable {
	id: string;
	ecosystem_id: string;
	cycle_id: string;
	partner_id: string;
	version: number;
	method: SubmissionMethod;
	status: SubmissionStatus;
	submitted_by_user_id: string | null;
	api_token_id: string | null;
	idempotency_key: string | null;
	request_fingerprint: string | null;
	file_name: string | null;
	row_count: Generated<number>;
	note: Generated<string>;
	reviewed_by_user_id: string | null;
	reviewed_at: string | null;
	review_comment: string | null;
	created_at: string;
	/** When this version was accepted (kept when a later version supersedes it). */
	accepted_at: string | null;
}
export interface SubmissionValueTable {
	ecosystem_id: string;
	submission_id: string;
	metric_id: string;
	group_key: string;
	value: number;
}
/** Up to PARTICIPANT_BATCH_ROWS consecutive participant rows of one submission, packed (participants/participants.batch.ts). */
export interface ParticipantBatchTable {
	ecosystem_id: string;
	submission_id: string;
	first_row_number: number;
	row_count: number;
	payload: string;
}
export interface ImportJobTable {
	id: string;
	ecosystem_id: string;
	cycle_id: string;
	partner_id: string;
	kind: 'csv' | 'participants';
	status: 'queued' | 'running' | 'succeeded' | 'failed';
	file_name: string;
	bytes_total: Generated<number>;
	bytes_read: Generated<number>;
	rows_read: Generated<number>;
	problems_json: string | null;
	submission_id: string | null;
	created_by_user_id: string | null;
	created_at: string;
	updated_at: string;
	/** The metric the rows are counted into (web uploads, read by the import job). */
	metric_id: string | null;
}

/** An uploaded participant file, kept in ~1 MB pieces until its import job ends. */
export interface ImportFileChunkTable {
	ecosystem_id: string;
	import_job_id: string;
	seq: number;
	bytes: Uint8Array;
}

export interface AgendaResultTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	title: string;
	title_es: string | null;
	statement: string;
	statement_es: string | null;
	position: Generated<number>;
	published_at: string | null;
	version: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface AgendaIndicatorTable {
	id: string;
	ecosystem_id: string;
	result_id: string;
	slug: string;
	name: string;
	name_es: string | null;
	source: 'access_index' | 'manual';
	metric_id: string | null;
	group_key: string | null;
	unit: 'index' | 'people' | 'percent' | 'number';
	polarity: 'up' | 'down';
	baseline_year: number | null;
	baseline_value: number | null;
	target_year: number;
	forecast_window: Generated<number>;
	story_md: Generated<string>;
	story_md_es: string | null;
	position: Generated<number>;
	version: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface AgendaYearValueTable {
	ecosystem_id: string;
	indicator_id: string;
	year: number;
	value: number;
}
export interface AgendaStrategyTable {
	id: string;
	ecosystem_id: string;
	result_id: string;
	title: string;
	title_es: string | null;
	description: Generated<string>;
	description_es: string | null;
	position: Generated<number>;
	version: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface AgendaActionTable {
	id: string;
	ecosystem_id: string;
	result_id: string;
	indicator_id: string | null;
	title: string;
	owner_user_id: string;
	due_on: string;
	status: 'planned' | 'in_progress' | 'done' | 'dropped';
	notes: Generated<string>;
	reminded_at: string | null;
	version: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface AgendaActivityTable {
	id: string;
	ecosystem_id: string;
	partner_id: string;
	strategy_id: string;
	name: string;
	name_es: string | null;
	description: Generated<string>;
	description_es: string | null;
	version: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface AgendaMeasureTable {
	id: string;
	ecosystem_id: string;
	activity_id: string;
	name: string;
	name_es: string | null;
	kind: 'how_much' | 'how_well' | 'better_off';
	polarity: 'up' | 'down';
	values_json: Generated<string>;
	version: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface AgendaRevisionTable {
	id: string;
	ecosystem_id: string;
	entity_type: string;
	entity_id: string;
	version: number;
	snapshot_json: string;
	actor_user_id: string | null;
	created_at: string;
}
export interface HealthCheckRoundTable {
	id: string;
	ecosystem_id: string;
	title: string;
	year: number;
	opened_at: string;
	closed_at: string | null;
	created_at: string;
}
export interface HealthCheckResponseTable {
	id: string;
	ecosystem_id: string;
	round_id: string;
	partner_id: string;
	answers_json: string;
	comment: Generated<string>;
	submitted_by_user_id: string | null;
	submitted_at: string;
}
export interface StoryTable {
	id: string;
	ecosystem_id: string;
	status: 'awaiting_consent' | 'in_review' | 'changes_requested' | 'published' | 'declined' | 'withdrawn' | 'expired';
	age_band: 'under_13' | '13_15' | '16_17' | '18_24';
	language: 'en' | 'es';
	display_name: string | null;
	story_text: string | null;
	original_text: string | null;
	interests_json: Generated<string>;
	school: string | null;
	parent_email: string | null;
	requested_scopes_json: Generated<string>;
	consent_scopes_json: string | null;
	approved_scopes_json: string | null;
	moderator_note: string | null;
	consent_expires_at: string | null;
	published_at: string | null;
	featured_at: string | null;
	hidden_at: string | null;
	revoked_at: string | null;
	delete_after: string | null;
	is_demo: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface StoryConsentTable {
	id: string;
	ecosystem_id: string;
	story_id: string;
	kind: 'youth_assent' | 'parent_consent' | 'parent_verification' | 'revocation' | 'expiry';
	method: 'online_form' | 'emailed_link' | 'paper' | 'signed_form' | 'phone_call' | 'video_call' | 'private_link' | 'schedule';
	signer_name: string | null;
	relationship: string | null;
	scopes_json: Generated<string>;
	recorded_by_user_id: string | null;
	given_on: string | null;
	recorded_at: string;
}
export interface StoryTokenTable {
	id: string;
	ecosystem_id: string;
	story_id: string;
	purpose: 'parent_consent' | 'withdraw';
	holder: 'author' | 'parent';
	token_hash: string;
	expires_at: string | null;
	used_at: string | null;
	created_at: string;
}
export interface StoryReportTable {
	id: string;
	ecosystem_id: string;
	story_id: string;
	reporter_hash: string;
	reason: Generated<string>;
	resolved_at: string | null;
	created_at: string;
}
export interface StoryLinkTable {
	id: string;
	ecosystem_id: string;
	story_id: string;
	target_type: 'metric' | 'initiative';
	target_id: string;
	created_at: string;
}
/** A story's photo as Parity re-encoded it (JPEG, no metadata); never the uploaded bytes. */
export interface StoryPhotoTable {
	id: string;
	ecosystem_id: string;
	story_id: string;
	content_type: 'image/jpeg';
	width: number;
	height: number;
	size_bytes: number;
	sha256: string;
	data: Uint8Array;
	created_at: string;
}
/** Partner staff an ecosystem trusts to moderate stories. */
export interface StoryModeratorTable {
	id: string;
	ecosystem_id: string;
	user_id: string;
	partner_id: string;
	granted_by_user_id: string;
	created_at: string;
}
export interface EventSeriesTable {
	id: string;
	ecosystem_id: string;
	rule_json: string;
	created_at: string;
}
export interface EventTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	title: string;
	title_es: string | null;
	description_md: Generated<string>;
	description_md_es: string | null;
	audience: Generated<string>;
	audience_es: string | null;
	format: 'in_person' | 'online' | 'hybrid';
	location: string | null;
	online_url: string | null;
	starts_at: string;
	ends_at: string;
	time_zone: string;
	capacity: number | null;
	seats_taken: Generated<number>;
	registrations_made: Generated<number>;
	questions_json: Generated<string>;
	reminder_hours: Generated<number>;
	status: 'pending' | 'published' | 'cancelled';
	proposed_by_partner_id: string | null;
	created_by_user_id: string | null;
	approved_at: string | null;
	series_id: string | null;
	is_demo: Generated<number>;
	created_at: string;
	updated_at: string;
	/** iCalendar SEQUENCE: bumped when the time, place or status changes. */
	sequence: Generated<number>;
	/** Why it was cancelled, or the backbone's comment on a proposal. */
	status_note: Generated<string | null>;
	decided_at: Generated<string | null>;
	visibility: Generated<'public' | 'members' | 'group'>;
	group_id: Generated<string | null>;
}
export interface EventRegistrationTable {
	id: string;
	ecosystem_id: string;
	event_id: string;
	user_id: string | null;
	name: string;
	email: string;
	locale: Generated<string>;
	status: 'confirmed' | 'waitlisted' | 'cancelled';
	position: number;
	answers_json: Generated<string>;
	accessibility_request: string | null;
	language_request: string | null;
	token_hash: string;
	checked_in_at: string | null;
	reminder_sent_at: string | null;
	promoted_at: string | null;
	cancelled_at: string | null;
	created_at: string;
}
export interface WorkGroupTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	name: string;
	name_es: string | null;
	purpose_md: Generated<string>;
	purpose_md_es: string | null;
	visibility: 'public' | 'members' | 'invitation';
	is_demo: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface WorkGroupMemberTable {
	ecosystem_id: string;
	group_id: string;
	user_id: string;
	role: 'lead' | 'member';
	joined_at: string;
}
export interface GroupThreadTable {
	id: string;
	ecosystem_id: string;
	group_id: string;
	title: string;
	author_user_id: string | null;
	created_at: string;
	last_post_at: string;
}
export interface GroupPostTable {
	id: string;
	ecosystem_id: string;
	thread_id: string;
	author_user_id: string | null;
	body: string;
	created_at: string;
}
export interface GroupFileTable {
	id: string;
	ecosystem_id: string;
	group_id: string;
	uploader_user_id: string | null;
	filename: string;
	content_type: string;
	size: number;
	data: Uint8Array;
	created_at: string;
}
export interface AnnouncementTable {
	id: string;
	ecosystem_id: string;
	title: string;
	title_es: string | null;
	body_md: string;
	body_md_es: string | null;
	audience: 'ecosystem' | 'sector' | 'group';
	sector: string | null;
	group_id: string | null;
	author_user_id: string | null;
	published_at: string;
}
export interface NotificationPreferenceTable {
	ecosystem_id: string;
	user_id: string;
	channel: 'announcements' | 'groups';
	mode: 'immediate' | 'digest' | 'never';
}
export interface MailSubscriberTable {
	ecosystem_id: string;
	user_id: string;
	unsubscribe_token: string;
	digest_through: string | null;
}
export interface ProgramTable {
	id: string;
	ecosystem_id: string;
	partner_id: string;
	name: string;
	name_es: string | null;
	description: string;
	description_es: string | null;
	subjects_json: string;
	formats_json: string;
	populations_json: string;
	languages_json: string;
	min_age: number | null;
	max_age: number | null;
	grade_min: number | null;
	grade_max: number | null;
	cost_kind: 'free' | 'paid' | 'sliding_scale';
	fee_amount: number | null;
	scholarships: string | null;
	scholarships_es: string | null;
	eligibility: string | null;
	eligibility_es: string | null;
	accessibility: string | null;
	accessibility_es: string | null;
	how_to_apply: string | null;
	how_to_apply_es: string | null;
	capacity: number | null;
	url: string | null;
	email: string | null;
	phone: string | null;
	status: Generated<'active' | 'inactive'>;
	search_text: string;
	/** The service id in the HSDS file it was imported from (re-imports match on it). */
	hsds_id: string | null;
	/** When the partner was last emailed that the listing needs confirming. */
	stale_notified_at: string | null;
	last_verified_at: string | null;
	last_verified_by: string | null;
	is_demo: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface ProgramLocationTable {
	id: string;
	ecosystem_id: string;
	program_id: string;
	name: string;
	address_1: string;
	city: string;
	state_province: string;
	postal_code: string;
	latitude: number | null;
	longitude: number | null;
	geocode_source: 'given' | 'zip_centroid' | 'none';
	position: number;
}
/** The finder's copy of each located place with its program's filter columns (kept by triggers). */
export interface FinderPlaceTable {
	ecosystem_id: string;
	latitude: number;
	longitude: number;
	location_id: string;
	program_id: string;
	fts_key: number | null;
	postal_code: string;
	name: string;
	status: 'active' | 'inactive';
	last_verified_at: string | null;
	created_at: string;
	cost_kind: 'free' | 'paid' | 'sliding_scale';
	min_age: number | null;
	max_age: number | null;
	grade_min: number | null;
	grade_max: number | null;
	subjects_json: string;
	formats_json: string;
	languages_json: string;
	capacity: number | null;
	/** PostgreSQL only: the program's tsvector. */
	search?: unknown;
}
export interface ProgramScheduleTable {
	id: string;
	ecosystem_id: string;
	program_id: string;
	freq: 'WEEKLY' | 'MONTHLY' | null;
	interval: number;
	byday: string;
	dtstart: string;
	until: string | null;
	opens_at: string;
	closes_at: string;
	description: string;
	description_es: string | null;
	position: number;
}
export interface ZipAreaTable {
	ecosystem_id: string;
	zip: string;
	geometry_json: string | null;
	intpt_lat: number;
	intpt_lon: number;
	updated_at: string;
}
export interface ZipYouthPopulationTable {
	ecosystem_id: string;
	zip: string;
	group_key: string;
	youth: number;
	source: Generated<string>;
	year: number | null;
	updated_at: string;
}
export interface PdCreditTypeTable {
	id: string;
	ecosystem_id: string;
	code: string;
	name: string;
	name_es: string | null;
	created_at: string;
}
export type PdFormat = 'workshop' | 'course' | 'series' | 'self_paced';
export interface PdOfferingTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	partner_id: string | null;
	title: string;
	title_es: string | null;
	description_md: Generated<string>;
	description_md_es: string | null;
	topic: string;
	audience: string;
	grade_bands: Generated<string>;
	subject: string;
	format: PdFormat;
	hours: number;
	credit_type_id: string | null;
	cost_cents: Generated<number>;
	capacity: number;
	attendance_threshold: Generated<number>;
	reflection_required: Generated<number>;
	published_at: string | null;
	is_demo: Generated<number>;
	created_by_user_id: string | null;
	created_at: string;
	updated_at: string;
}
export interface PdSessionTable {
	id: string;
	ecosystem_id: string;
	offering_id: string;
	starts_at: string;
	ends_at: string;
	location: Generated<string>;
	/** iCalendar SEQUENCE: bumped each time the session moves (time or place). */
	sequence: Generated<number>;
}
export interface PdRegistrationTable {
	id: string;
	ecosystem_id: string;
	offering_id: string;
	user_id: string;
	registered_at: string;
	cancelled_at: string | null;
	completed_at: string | null;
	reflection: string | null;
	/** The partner coordinator who registered this educator; null when they registered themselves. */
	registered_by_user_id: Generated<string | null>;
}
export interface PdAttendanceTable {
	ecosystem_id: string;
	session_id: string;
	registration_id: string;
	checked_in_at: string;
	checked_in_by_user_id: string | null;
}
export interface PdCertificateTable {
	id: string;
	ecosystem_id: string;
	registration_id: string;
	user_id: string;
	code: string;
	educator_name: string;
	offering_title: string;
	hours: number;
	credit_type_name: string | null;
	issuer_name: string;
	first_session_on: string;
	last_session_on: string;
	issued_at: string;
	revoked_at: string | null;
	revoked_reason: Generated<string | null>;
}
export interface PdEvaluationTable {
	id: string;
	ecosystem_id: string;
	offering_id: string;
	registration_id: string;
	overall: number;
	relevance: number;
	will_use: number;
	comment: Generated<string>;
	created_at: string;
}
export interface RequestBudgetTable {
	key: string;
	window_start: string;
	count: number;
}
export interface EvidenceFileTable {
	id: string;
	ecosystem_id: string;
	file_name: string;
	content_type: string;
	size_bytes: number;
	sha256: string;
	data: Uint8Array;
	created_at: string;
}
export type EvidenceKind = 'tool' | 'guide' | 'curriculum' | 'research_summary' | 'proven_method';
export type EvidenceStatus = 'published' | 'suggested' | 'rejected';
export interface EvidenceResourceTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	kind: EvidenceKind;
	title: string;
	title_es: string | null;
	summary: Generated<string>;
	summary_es: string | null;
	tags: Generated<string>;
	grade_bands: Generated<string>;
	subjects: Generated<string>;
	essa_tier: number | null;
	citation: Generated<string>;
	url: string | null;
	file_id: string | null;
	status: EvidenceStatus;
	suggested_by_partner_id: string | null;
	suggested_by_user_id: string | null;
	reviewed_by_user_id: string | null;
	reviewed_at: string | null;
	review_note: string | null;
	is_demo: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface SchoolTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	name: string;
	grade_bands: Generated<string>;
	is_demo: Generated<number>;
	created_at: string;
}
export interface SchoolMemberTable {
	ecosystem_id: string;
	school_id: string;
	user_id: string;
}
export interface SchoolRubricDomainTable {
	id: string;
	ecosystem_id: string;
	key: string;
	name: string;
	name_es: string | null;
	levels: string;
	position: Generated<number>;
}
export interface SchoolAssessmentTable {
	id: string;
	ecosystem_id: string;
	school_id: string;
	year: number;
	submitted_by_user_id: string | null;
	submitted_at: string;
}
export interface SchoolAssessmentScoreTable {
	ecosystem_id: string;
	assessment_id: string;
	domain_id: string;
	level: number;
	action_plan: Generated<string>;
}
export interface InstrumentTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	kind: 'youth_survey' | 'educator_self' | 'observation';
	title: string;
	title_es: string;
	intro: Generated<string>;
	intro_es: Generated<string>;
	published_at: string | null;
	is_demo: Generated<number>;
	created_by_user_id: string | null;
	created_at: string;
}
export interface InstrumentItemTable {
	id: string;
	ecosystem_id: string;
	instrument_id: string;
	position: number;
	type: 'likert' | 'choice';
	scale: string | null;
	scale_es: string | null;
	prompt: string;
	prompt_es: string;
	options_json: Generated<string>;
}
export interface InstrumentRunTable {
	id: string;
	ecosystem_id: string;
	instrument_id: string;
	partner_id: string;
	name: string;
	pre_token_hash: string;
	post_token_hash: string;
	closed_at: string | null;
	created_by_user_id: string | null;
	created_at: string;
}
export interface InstrumentResponseTable {
	id: string;
	ecosystem_id: string;
	instrument_id: string;
	run_id: string;
	partner_id: string;
	phase: 'pre' | 'post';
	participant_code: string | null;
	entry: 'link' | 'staff';
	entered_by_user_id: string | null;
	submitted_at: string;
}
export interface InstrumentAnswerTable {
	ecosystem_id: string;
	response_id: string;
	item_id: string;
	value: number;
}
export interface OccupationTable {
	code: string;
	soc_code: string;
	major_group: string;
	title: string;
	stem_types: Generated<string>;
	source: string;
	imported_at: string;
}
export interface OpportunityTable {
	id: string;
	ecosystem_id: string;
	partner_id: string;
	slug: string;
	kind: string;
	audience: string;
	title: string;
	title_es: string | null;
	description_md: Generated<string>;
	description_md_es: string | null;
	occupation_code: string | null;
	min_age: number | null;
	max_age: number | null;
	min_grade: number | null;
	max_grade: number | null;
	zip_codes_json: Generated<string>;
	focus_json: Generated<string>;
	location: Generated<string>;
	pay_kind: string;
	pay_amount: number | null;
	pay_period: string | null;
	starts_on: string | null;
	ends_on: string | null;
	deadline: string;
	places: number;
	closed_at: string | null;
	closed_reason: string | null;
	posted_by_user_id: string | null;
	is_demo: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface OpportunityApplicationTable {
	id: string;
	ecosystem_id: string;
	opportunity_id: string;
	applicant_name: string;
	applicant_email: string;
	applicant_phone: string | null;
	age: number | null;
	grade: number | null;
	zip: string | null;
	statement: Generated<string>;
	locale: Generated<string>;
	status: string;
	notes: Generated<string>;
	placed_at: string | null;
	withdrawn_at: string | null;
	withdraw_token_hash: string | null;
	created_at: string;
	updated_at: string;
}
export interface OpportunityMessageTable {
	id: string;
	ecosystem_id: string;
	application_id: string;
	sender_user_id: string | null;
	subject: string;
	body: string;
	created_at: string;
}
export interface LendingItemTable {
	id: string;
	ecosystem_id: string;
	partner_id: string;
	slug: string;
	name: string;
	name_es: string | null;
	description: Generated<string>;
	description_es: string | null;
	quantity: number;
	condition: string;
	pickup_location: Generated<string>;
	is_demo: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface LendingUnitTable {
	ecosystem_id: string;
	item_id: string;
	unit_no: number;
}
export interface LendingReservationTable {
	id: string;
	ecosystem_id: string;
	item_id: string;
	user_id: string;
	quantity: number;
	starts_on: string;
	ends_on: string;
	purpose: Generated<string>;
	status: string;
	pickup_note: string | null;
	return_note: string | null;
	return_condition: string | null;
	picked_up_at: string | null;
	returned_at: string | null;
	reminded_at: string | null;
	created_at: string;
}
export interface LendingBookingTable {
	ecosystem_id: string;
	item_id: string;
	unit_no: number;
	day: string;
	reservation_id: string;
}
export interface CareerAreaEducationTable {
	major_group: string;
	year: number;
	employed_total: number;
	employed_bachelors_or_higher: number;
	source: string;
	imported_at: string;
}
export interface ProjectTable {
	id: string;
	ecosystem_id: string;
	slug: string;
	title: string;
	title_es: string | null;
	summary: Generated<string>;
	summary_es: string | null;
	lead_partner_id: string;
	created_by_user_id: string | null;
	is_demo: Generated<number>;
	created_at: string;
	updated_at: string;
}
export interface ProjectPartnerTable {
	ecosystem_id: string;
	project_id: string;
	partner_id: string;
	role: string;
	role_es: string | null;
	added_at: string;
}
export interface ProjectGoalTable {
	id: string;
	ecosystem_id: string;
	project_id: string;
	text: string;
	text_es: string | null;
	strategy_id: string | null;
	created_at: string;
}
export interface ProjectMilestoneTable {
	id: string;
	ecosystem_id: string;
	project_id: string;
	title: string;
	title_es: string | null;
	owner_partner_id: string;
	due_on: string;
	done_at: string | null;
	created_at: string;
}
export interface ProjectUpdateTable {
	id: string;
	ecosystem_id: string;
	project_id: string;
	author_user_id: string | null;
	author_name: string;
	body: string;
	created_at: string;
}
export interface ProjectFileTable {
	id: string;
	ecosystem_id: string;
	project_id: string;
	uploader_user_id: string | null;
	filename: string;
	content_type: string;
	size: number;
	data: Uint8Array;
	created_at: string;
}
export interface NeedTable {
	id: string;
	ecosystem_id: string;
	posted_by_user_id: string;
	partner_id: string | null;
	kind: string;
	title: string;
	description: Generated<string>;
	subject: string;
	grade_band: string;
	zip: string;
	needed_from: string;
	needed_by: string;
	focus_share: number;
	closed_at: string | null;
	closed_reason: 'answered' | 'not_needed' | null;
	is_demo: Generated<number>;
	created_at: string;
}
export interface OfferTable {
	id: string;
	ecosystem_id: string;
	partner_id: string;
	posted_by_user_id: string | null;
	kind: string;
	title: string;
	description: Generated<string>;
	subjects_json: string;
	grade_bands_json: string;
	zip: string;
	available_from: string;
	available_until: string;
	closed_at: string | null;
	is_demo: Generated<number>;
	created_at: string;
}
export interface MatchConnectionTable {
	id: string;
	ecosystem_id: string;
	need_id: string;
	offer_id: string;
	created_by_user_id: string;
	message: Generated<string>;
	created_at: string;
}
export interface MatchmakingSettingTable {
	ecosystem_id: string;
	weights_json: string;
	updated_at: string;
}
export interface CommitmentTable {
	id: string;
	ecosystem_id: string;
	partner_id: string;
	title: string;
	title_es: string | null;
	description: Generated<string>;
	description_es: string | null;
	target: number;
	unit: string;
	unit_es: string | null;
	due_year: number;
	created_by_user_id: string | null;
	is_demo: Generated<number>;
	created_at: string;
}
export interface CommitmentUpdateTable {
	id: string;
	ecosystem_id: string;
	commitment_id: string;
	progress: number;
	note: Generated<string>;
	note_es: string | null;
	created_by_user_id: string | null;
	created_at: string;
}

export interface TaRequestTable {
	id: string;
	ecosystem_id: string;
	partner_id: string;
	requested_by: string;
	category: 'data' | 'evaluation' | 'program_design' | 'grant_writing' | 'equipment' | 'other';
	subject: string;
	description: string;
	priority: 'low' | 'normal' | 'high' | 'urgent' | null;
	assignee_user_id: string | null;
	status: 'open' | 'closed';
	first_response_at: string | null;
	closed_at: string | null;
	rating: number | null;
	rating_comment: string | null;
	rated_at: string | null;
	created_at: string;
	updated_at: string;
}
export interface TaMessageTable {
	id: string;
	ecosystem_id: string;
	request_id: string;
	author_user_id: string;
	side: 'partner' | 'backbone';
	body: string;
	created_at: string;
}

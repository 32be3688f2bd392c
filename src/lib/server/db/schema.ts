import type { Generated } from 'kysely';

/** Kysely's view of Parity's tables. Timestamps in app tables are ISO-8601 UTC strings. */
export interface Database {
	user: UserTable;
	session: SessionTable;
	account: AccountTable;
	verification: VerificationTable;
	twoFactor: TwoFactorTable;
	rateLimit: RateLimitTable;
	ecosystem: EcosystemTable;
	ecosystem_condition: EcosystemConditionTable;
	initiative: InitiativeTable;
	partner: PartnerTable;
	platform_admin: PlatformAdminTable;
	membership: MembershipTable;
	invitation: InvitationTable;
	audit_log: AuditLogTable;
	outbox: OutboxTable;
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
	participant_record: ParticipantRecordTable;
	import_job: ImportJobTable;
	occupation: OccupationTable;
	opportunity: OpportunityTable;
	opportunity_application: OpportunityApplicationTable;
	opportunity_message: OpportunityMessageTable;
	lending_item: LendingItemTable;
	lending_unit: LendingUnitTable;
	lending_reservation: LendingReservationTable;
	lending_booking: LendingBookingTable;
	zip_centroid: ZipCentroidTable;
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
export interface OutboxTable {
	id: string;
	ecosystem_id: string | null;
	to_address: string;
	subject: string;
	body_text: string;
	kind: string;
	status: 'held' | 'queued' | 'sent' | 'failed';
	attempts: Generated<number>;
	last_error: string | null;
	created_at: string;
	sent_at: string | null;
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
}
export interface SubmissionValueTable {
	ecosystem_id: string;
	submission_id: string;
	metric_id: string;
	group_key: string;
	value: number;
}
export interface ParticipantRecordTable {
	ecosystem_id: string;
	submission_id: string;
	row_number: number;
	pseudonym: string;
	program: Generated<string>;
	race_ethnicity: string | null;
	sex: string | null;
	zip: string | null;
	grade_band: string | null;
	age_band: string | null;
	disability: number | null;
	english_learner: number | null;
	low_income: number | null;
	started_on: string | null;
	ended_on: string | null;
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
export interface ZipCentroidTable {
	zip: string;
	lat: number;
	lon: number;
	source: string;
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

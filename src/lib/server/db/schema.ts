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
	program: ProgramTable;
	program_location: ProgramLocationTable;
	program_schedule: ProgramScheduleTable;
	zip_area: ZipAreaTable;
	zip_youth_population: ZipYouthPopulationTable;
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

/** Asset map (HSDS 3.0 service, location, schedule) and ZIP geography. */
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
	updated_at: string;
}

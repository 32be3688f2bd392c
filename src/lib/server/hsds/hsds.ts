import { createHash } from 'node:crypto';
import type { PartnerRow } from '../partners/partners.repository.js';
import type { LocationRow, ProgramDetail, ScheduleRow } from '../programs/programs.repository.js';
import { listOf } from '../programs/programs.js';

/**
 * Open Referral HSDS 3.0 mapping. Parity's partner is an HSDS organization, its program a
 * service; places are service_at_location + location + address; schedules, cost_options and
 * languages are HSDS's own. What HSDS has no field for (STEM subjects, formats, focus
 * populations, grades, seats, the Spanish texts) travels as HSDS attributes whose taxonomy_term
 * is in the `parity` taxonomy, so a Parity export imports back without loss.
 */
type Json = Record<string, unknown>;

/** A stable UUID (v5-shaped, from SHA-1) for things Parity stores without their own id. */
export function stableUuid(...parts: string[]): string {
	const hex = createHash('sha1').update(parts.join('\u0000')).digest('hex');
	const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export const PARITY_TAXONOMY = 'parity';
const listAttributes = { subjects: 'parity:subject', formats: 'parity:format', populations: 'parity:population' } as const;
const textAttributes = [
	'name_es',
	'description_es',
	'eligibility_es',
	'accessibility',
	'accessibility_es',
	'how_to_apply_es',
	'scholarships_es',
	'grade_min',
	'grade_max',
	'capacity',
	'cost_kind'
] as const;

function attribute(serviceId: string, linkType: string, value: string): Json {
	const isCode = Object.values(listAttributes).includes(linkType as (typeof listAttributes)[keyof typeof listAttributes]);
	const code = isCode ? value : linkType;
	return {
		id: stableUuid(serviceId, linkType, value),
		link_id: serviceId,
		link_type: linkType,
		link_entity: 'service',
		value,
		taxonomy_term: {
			id: stableUuid(PARITY_TAXONOMY, linkType, code),
			code,
			name: code,
			description: `Parity: ${linkType.replace('parity:', '').replaceAll('_', ' ')}`,
			taxonomy: PARITY_TAXONOMY
		}
	};
}

const dateOnly = (iso: string | null) => (iso ? iso.slice(0, 10) : undefined);
const clean = <T extends Json>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null)) as T;

export function hsdsOrganization(partner: PartnerRow): Json {
	return clean({
		id: partner.id,
		name: partner.name,
		description: partner.summary || partner.name,
		email: partner.email ?? undefined,
		website: partner.website ?? undefined,
		phones: partner.phone ? [{ id: stableUuid(partner.id, 'phone'), organization_id: partner.id, number: partner.phone }] : undefined
	});
}

function hsdsSchedule(serviceId: string, s: ScheduleRow): Json {
	return clean({
		id: s.id,
		service_id: serviceId,
		dtstart: s.dtstart,
		valid_from: s.dtstart,
		valid_to: s.until ?? (s.freq ? undefined : s.dtstart),
		until: s.until ?? undefined,
		freq: s.freq ?? undefined,
		interval: s.freq ? s.interval : undefined,
		byday: s.freq && s.byday ? s.byday : undefined,
		opens_at: s.opens_at,
		closes_at: s.closes_at,
		description: s.description || undefined
	});
}

function hsdsLocation(partnerId: string, l: LocationRow, accessibility: string | null): Json {
	return clean({
		id: l.id,
		location_type: 'physical',
		organization_id: partnerId,
		name: l.name || undefined,
		latitude: l.latitude === null ? undefined : Number(l.latitude),
		longitude: l.longitude === null ? undefined : Number(l.longitude),
		addresses: [
			{
				id: stableUuid(l.id, 'address'),
				location_id: l.id,
				address_1: l.address_1,
				city: l.city,
				state_province: l.state_province,
				postal_code: l.postal_code,
				country: 'US',
				address_type: 'physical'
			}
		],
		accessibility: accessibility ? [{ id: stableUuid(l.id, 'accessibility'), location_id: l.id, description: accessibility }] : undefined
	});
}

export function hsdsServiceAtLocations(detail: ProgramDetail): Json[] {
	return detail.locations.map((l) => ({
		id: stableUuid(detail.program.id, l.id, 'service_at_location'),
		service_id: detail.program.id,
		location_id: l.id,
		location: hsdsLocation(detail.program.partner_id, l, detail.program.accessibility)
	}));
}

/** One program as an HSDS 3.0 service, in the shape of the API's `/services/{id}`. */
export function hsdsService(detail: ProgramDetail, partner: PartnerRow): Json {
	const p = detail.program;
	const attributes: Json[] = [];
	for (const [field, linkType] of Object.entries(listAttributes)) {
		for (const code of listOf(p[`${field}_json` as 'subjects_json'])) attributes.push(attribute(p.id, linkType, code));
	}
	for (const field of textAttributes) {
		const value = p[field];
		if (value !== null && value !== undefined && value !== '') attributes.push(attribute(p.id, `parity:${field}`, String(value)));
	}
	const fee = p.fee_amount === null ? null : Number(p.fee_amount);
	return clean({
		id: p.id,
		organization_id: partner.id,
		name: p.name,
		description: p.description,
		url: p.url ?? undefined,
		email: p.email ?? undefined,
		status: p.status,
		application_process: p.how_to_apply ?? undefined,
		fees_description: p.scholarships ?? undefined,
		eligibility_description: p.eligibility ?? undefined,
		minimum_age: p.min_age ?? undefined,
		maximum_age: p.max_age ?? undefined,
		assured_date: dateOnly(p.last_verified_at),
		last_modified: p.updated_at,
		phones: p.phone ? [{ id: stableUuid(p.id, 'phone'), service_id: p.id, number: p.phone }] : undefined,
		schedules: detail.schedules.map((s) => hsdsSchedule(p.id, s)),
		service_at_locations: hsdsServiceAtLocations(detail),
		languages: listOf(p.languages_json).map((code) => ({ id: stableUuid(p.id, 'language', code), service_id: p.id, code, name: code })),
		cost_options: [
			clean({
				id: stableUuid(p.id, 'cost'),
				service_id: p.id,
				option: p.cost_kind === 'free' ? 'Free' : p.cost_kind === 'sliding_scale' ? 'Sliding scale' : 'Fee',
				currency: 'USD',
				amount: p.cost_kind === 'free' ? 0 : (fee ?? undefined)
			})
		],
		organization: hsdsOrganization(partner),
		attributes
	});
}

/** The HSDS API's paginated list response around one page holding every item. */
export function hsdsPage(contents: Json[]): Json {
	return { total_items: contents.length, total_pages: 1, page_number: 1, size: contents.length, first_page: true, last_page: true, empty: contents.length === 0, contents };
}

// ---------------------------------------------------------------------------------------------
// Import

export interface ImportedService {
	/** Where in the document it came from, for error messages: e.g. `contents[3]`. */
	at: string;
	organization: { id: string | null; name: string; description: string; email?: string; website?: string };
	/** Input for the program schema in import mode. */
	input: Record<string, unknown>;
	/** What could not be kept, said plainly (never silently dropped). */
	warnings: string[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : undefined);
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => !!x && typeof x === 'object') : []);
const hhmm = (v: unknown) => (typeof v === 'string' && /^\d{2}:\d{2}/.test(v) ? v.slice(0, 5) : undefined);
const isoDay = (v: unknown) => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : undefined);

/** The services a document holds: a list page, an array, one service, or an organization with services. */
export function servicesIn(document: unknown): { at: string; service: Json; organization?: Json }[] {
	if (Array.isArray(document)) return document.map((service, i) => ({ at: `[${i}]`, service: service as Json }));
	if (!document || typeof document !== 'object') return [];
	const doc = document as Json;
	if (Array.isArray(doc.contents)) return (doc.contents as Json[]).map((service, i) => ({ at: `contents[${i}]`, service }));
	if (Array.isArray(doc.services)) return (doc.services as Json[]).map((service, i) => ({ at: `services[${i}]`, service, organization: doc }));
	return [{ at: 'service', service: doc }];
}

/** Maps one HSDS service onto Parity's program fields, saying what had to be left out. */
export function fromHsdsService(at: string, given: Json, organization?: Json): ImportedService {
	// A list entry that is not an object (null, a number…) maps to nothing, so the import's checks
	// report "name is required" at its place instead of crashing on it.
	const service: Json = given && typeof given === 'object' && !Array.isArray(given) ? given : {};
	const warnings: string[] = [];
	const org = (service.organization as Json | undefined) ?? organization ?? {};
	const attrs = arr(service.attributes).filter((a) => typeof a.link_type === 'string' && (a.link_type as string).startsWith('parity:'));
	const attrText = (key: string) => str(attrs.find((a) => a.link_type === `parity:${key}`)?.value);
	const attrList = (linkType: string) => attrs.filter((a) => a.link_type === linkType).flatMap((a) => str(a.value) ?? []);

	const costs = arr(service.cost_options);
	const amount = costs.map((c) => num(c.amount)).find((a) => a !== undefined);
	const currency = str(costs.find((c) => num(c.amount) !== undefined)?.currency);
	const costKind = attrText('cost_kind') ?? (amount === 0 ? 'free' : 'paid');
	if (currency && currency.toUpperCase() !== 'USD' && amount) warnings.push(`${at}: the fee is in ${currency.toUpperCase()}; Parity shows fees in US dollars, so the amount was kept as written.`);

	const places = [...arr(service.service_at_locations).map((sal) => (sal.location as Json | undefined) ?? {}), ...arr(service.locations)];
	const locations = places
		.filter((l) => l.location_type !== 'virtual')
		.map((l, i) => {
			const addresses = arr(l.addresses);
			const address = addresses.find((a) => a.address_type === 'physical') ?? addresses[0] ?? {};
			const lat = num(l.latitude);
			const lon = num(l.longitude);
			const valid = lat !== undefined && lon !== undefined && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
			if ((lat !== undefined || lon !== undefined) && !valid) {
				warnings.push(`${at}: place ${i + 1} has coordinates outside the globe (${lat}, ${lon}); they were left out and the place is located by its postal code when known.`);
			}
			return clean({
				name: str(l.name),
				address_1: str(address.address_1),
				city: str(address.city),
				state_province: str(address.state_province),
				postal_code: str(address.postal_code),
				latitude: valid ? lat : undefined,
				longitude: valid ? lon : undefined
			});
		});
	const accessibility =
		attrText('accessibility') ??
		str(
			places
				.flatMap((l) => arr(l.accessibility))
				.map((a) => str(a.description))
				.filter(Boolean)
				.join(' ')
		);

	const schedules = [...arr(service.schedules), ...arr(service.service_at_locations).flatMap((sal) => arr(sal.schedules))].flatMap((s, i) => {
		const dtstart = isoDay(s.dtstart) ?? isoDay(s.valid_from);
		const opens = hhmm(s.opens_at);
		const closes = hhmm(s.closes_at);
		if (!dtstart || !opens || !closes) {
			warnings.push(`${at}: schedule ${i + 1} has no start date or opening times, which Parity needs, so it was left out.`);
			return [];
		}
		const freq = s.freq === 'WEEKLY' || s.freq === 'MONTHLY' ? s.freq : null;
		return [
			clean({
				freq,
				interval: freq ? num(s.interval) : undefined,
				byday: freq && typeof s.byday === 'string' ? s.byday.split(',').map((d) => d.trim().slice(-2)).filter(Boolean) : [],
				dtstart,
				until: freq ? (isoDay(s.until) ?? isoDay(s.valid_to)) : undefined,
				opens_at: opens,
				closes_at: closes,
				description: str(s.description)?.slice(0, 200)
			})
		];
	});

	const languages = arr(service.languages).flatMap((l) => str(l.code)?.toLowerCase() ?? []);
	const phone = str(arr(service.phones)[0]?.number)?.replace(/^"+|"+$/g, '');
	const status = service.status === 'active' ? 'active' : 'inactive';
	const ageOrUndefined = (v: unknown) => {
		const n = num(v);
		return n === undefined ? undefined : Math.round(n);
	};

	return {
		at,
		organization: clean({
			id: str(org.id) ?? str(service.organization_id) ?? null,
			name: str(org.name) ?? 'Imported organisation',
			description: str(org.description) ?? '',
			email: str(org.email),
			website: str(org.website)
		}) as ImportedService['organization'],
		input: clean({
			name: str(service.name),
			name_es: attrText('name_es'),
			description: str(service.description) ?? '',
			description_es: attrText('description_es'),
			subjects: attrList(listAttributes.subjects),
			formats: attrList(listAttributes.formats),
			populations: attrList(listAttributes.populations),
			languages,
			min_age: ageOrUndefined(service.minimum_age),
			max_age: ageOrUndefined(service.maximum_age),
			grade_min: attrText('grade_min'),
			grade_max: attrText('grade_max'),
			cost_kind: costKind,
			fee_amount: costKind === 'free' ? undefined : amount,
			scholarships: str(service.fees_description),
			scholarships_es: attrText('scholarships_es'),
			eligibility: str(service.eligibility_description),
			eligibility_es: attrText('eligibility_es'),
			accessibility,
			accessibility_es: attrText('accessibility_es'),
			how_to_apply: str(service.application_process),
			how_to_apply_es: attrText('how_to_apply_es'),
			capacity: attrText('capacity'),
			url: str(service.url),
			email: str(service.email),
			phone,
			status,
			locations,
			schedules,
			confirm_current: false
		}),
		warnings
	};
}

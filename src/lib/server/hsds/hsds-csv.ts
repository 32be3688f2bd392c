import { parse } from 'csv-parse/sync';
import type { FieldIssue } from '../errors.js';

/**
 * The HSDS 3.0 tabular serialization (a Frictionless data package of CSV files) for the tables
 * Parity writes and reads. Column lists follow the HSDS 3.0 datapackage.json; a file may hold
 * more columns (they are ignored) or fewer (missing ones are empty).
 */
export const tables = {
	organizations: ['id', 'name', 'alternate_name', 'description', 'email', 'website', 'tax_status', 'tax_id', 'year_incorporated', 'legal_status', 'logo', 'uri', 'parent_organization_id'],
	services: ['id', 'organization_id', 'program_id', 'name', 'alternate_name', 'description', 'url', 'email', 'status', 'interpretation_services', 'application_process', 'fees_description', 'wait_time', 'fees', 'accreditations', 'eligibility_description', 'minimum_age', 'maximum_age', 'assured_date', 'assurer_email', 'licenses', 'alert', 'last_modified'],
	attributes: ['id', 'link_id', 'taxonomy_term_id', 'link_type', 'link_entity', 'value'],
	service_at_location: ['id', 'service_id', 'location_id', 'description'],
	locations: ['id', 'location_type', 'url', 'organization_id', 'name', 'alternate_name', 'description', 'transportation', 'latitude', 'longitude', 'external_identifier', 'external_identifier_type'],
	phones: ['id', 'location_id', 'service_id', 'organization_id', 'contact_id', 'service_at_location_id', 'number', 'extension', 'type', 'description'],
	addresses: ['id', 'location_id', 'attention', 'address_1', 'address_2', 'city', 'region', 'state_province', 'postal_code', 'country', 'address_type'],
	schedules: ['id', 'service_id', 'location_id', 'service_at_location_id', 'valid_from', 'valid_to', 'dtstart', 'timezone', 'until', 'count', 'wkst', 'freq', 'interval', 'byday', 'byweekno', 'bymonthday', 'byyearday', 'description', 'opens_at', 'closes_at', 'schedule_link', 'attending_type', 'notes'],
	languages: ['id', 'service_id', 'location_id', 'phone_id', 'name', 'code', 'note'],
	accessibility: ['id', 'location_id', 'description', 'details', 'url'],
	taxonomy_terms: ['id', 'code', 'name', 'description', 'parent_id', 'taxonomy', 'language', 'taxonomy_id', 'term_uri'],
	cost_options: ['id', 'service_id', 'valid_from', 'valid_to', 'option', 'currency', 'amount', 'amount_description']
} as const;
export type TableName = keyof typeof tables;
type Row = Record<string, string>;
type Json = Record<string, unknown>;

/** Fields HSDS types as numbers; CSV carries them as text. */
const numeric = new Set(['minimum_age', 'maximum_age', 'latitude', 'longitude', 'amount', 'interval', 'timezone', 'count', 'extension', 'year_incorporated']);

function csvCell(value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = String(value);
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: Json[]): string {
	return [columns.join(','), ...rows.map((row) => columns.map((c) => csvCell(row[c])).join(','))].join('\r\n') + '\r\n';
}

/** The CSV files and the datapackage.json describing them, from HSDS JSON services and organizations. */
export function servicesToTables(services: Json[], organizations: Json[]): Record<string, string> {
	const rows: Record<TableName, Json[]> = Object.fromEntries(Object.keys(tables).map((t) => [t, []])) as unknown as Record<TableName, Json[]>;
	const terms = new Map<string, Json>();
	rows.organizations.push(...organizations);
	for (const service of services) {
		rows.services.push(service);
		const list = (key: string) => (Array.isArray(service[key]) ? (service[key] as Json[]) : []);
		for (const phone of list('phones')) rows.phones.push({ ...phone, service_id: service.id });
		for (const schedule of list('schedules')) rows.schedules.push({ ...schedule, service_id: service.id });
		for (const language of list('languages')) rows.languages.push({ ...language, service_id: service.id });
		for (const cost of list('cost_options')) rows.cost_options.push({ ...cost, service_id: service.id });
		for (const attribute of list('attributes')) {
			const term = attribute.taxonomy_term as Json | undefined;
			if (term?.id) terms.set(String(term.id), term);
			rows.attributes.push({ ...attribute, taxonomy_term_id: term?.id });
		}
		for (const sal of list('service_at_locations')) {
			const location = (sal.location as Json | undefined) ?? {};
			rows.service_at_location.push({ ...sal, service_id: service.id, location_id: location.id ?? sal.location_id });
			rows.locations.push(location);
			for (const address of Array.isArray(location.addresses) ? (location.addresses as Json[]) : []) rows.addresses.push({ ...address, location_id: location.id });
			for (const access of Array.isArray(location.accessibility) ? (location.accessibility as Json[]) : []) rows.accessibility.push({ ...access, location_id: location.id });
		}
	}
	rows.taxonomy_terms.push(...terms.values());
	const files: Record<string, string> = {};
	for (const [table, columns] of Object.entries(tables)) files[`${table}.csv`] = toCsv(columns, rows[table as TableName]);
	files['datapackage.json'] = JSON.stringify(
		{
			name: 'parity-hsds-export',
			title: 'Parity directory in the HSDS 3.0 tabular format',
			profile: 'tabular-data-package',
			version: '3.0',
			resources: Object.entries(tables).map(([table, columns]) => ({
				name: table,
				path: `${table}.csv`,
				profile: 'tabular-data-resource',
				format: 'csv',
				mediatype: 'text/csv',
				encoding: 'utf-8',
				schema: { fields: columns.map((name) => ({ name, type: numeric.has(name) ? 'number' : 'string' })) }
			}))
		},
		null,
		2
	);
	return files;
}

/**
 * Reads the CSV files of a data package (by file name) back into HSDS JSON services, each with
 * its organization, places, schedules, languages, costs, phones and attributes, so one import
 * path checks both serializations. Every unreadable file is reported.
 */
export function tablesToServices(files: Record<string, string>): { services: Json[]; issues: FieldIssue[] } {
	const issues: FieldIssue[] = [];
	const read = (table: TableName): Row[] => {
		const text = files[`${table}.csv`];
		if (text === undefined) return [];
		try {
			return parse(text, { columns: true, skip_empty_lines: true, bom: true, trim: false }) as Row[];
		} catch (error) {
			issues.push({ field: `${table}.csv`, message: `${table}.csv could not be read as CSV: ${(error as Error).message}` });
			return [];
		}
	};
	const typed = (row: Row): Json =>
		Object.fromEntries(
			Object.entries(row).flatMap(([key, value]): [string, string | number][] => {
				if (value === '') return [];
				if (numeric.has(key) && Number.isFinite(Number(value))) return [[key, Number(value)]];
				return [[key, value]];
			})
		);
	const group = (rows: Row[], key: string) => {
		const map = new Map<string, Json[]>();
		for (const row of rows) {
			const id = row[key];
			if (id) map.set(id, [...(map.get(id) ?? []), typed(row)]);
		}
		return map;
	};
	if (files['services.csv'] === undefined) issues.push({ field: 'services.csv', message: 'The data package has no services.csv.' });
	const organizations = new Map(read('organizations').map((o) => [o.id, typed(o)]));
	const locations = new Map(read('locations').map((l) => [l.id, typed(l)]));
	const addresses = group(read('addresses'), 'location_id');
	const accessibility = group(read('accessibility'), 'location_id');
	const sals = group(read('service_at_location'), 'service_id');
	const schedules = group(read('schedules'), 'service_id');
	const languages = group(read('languages'), 'service_id');
	const costs = group(read('cost_options'), 'service_id');
	const phones = group(read('phones'), 'service_id');
	const attributes = group(read('attributes'), 'link_id');
	const terms = new Map(read('taxonomy_terms').map((t) => [t.id, typed(t)]));
	const services = read('services').map((row) => {
		const service = typed(row);
		const id = String(service.id ?? '');
		const organization = organizations.get(row.organization_id ?? '');
		return {
			...service,
			...(organization ? { organization } : {}),
			phones: phones.get(id) ?? [],
			schedules: schedules.get(id) ?? [],
			languages: languages.get(id) ?? [],
			cost_options: costs.get(id) ?? [],
			attributes: (attributes.get(id) ?? []).map((a) => {
				const term = terms.get(String(a.taxonomy_term_id ?? ''));
				return term ? { ...a, taxonomy_term: term } : a;
			}),
			service_at_locations: (sals.get(id) ?? []).map((sal) => {
				const location = locations.get(String(sal.location_id ?? ''));
				return {
					...sal,
					...(location
						? { location: { ...location, addresses: addresses.get(String(location.id)) ?? [], accessibility: accessibility.get(String(location.id)) ?? [] } }
						: {})
				};
			})
		};
	});
	return { services, issues };
}

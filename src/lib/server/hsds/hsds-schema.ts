import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FieldIssue } from '../errors.js';

/**
 * The official HSDS 3.0 compiled JSON schemas (Open Referral, CC BY-SA 4.0) are read from
 * HSDS_SCHEMA_DIR or the shared data folder, never copied into the repository. Where they are
 * absent, imports are still checked field by field by Parity's own rules.
 */
export function hsdsSchemaDir(): string | null {
	const dir = process.env.HSDS_SCHEMA_DIR ?? resolve(process.cwd(), '../shared/data/hsds/v3.0/schema/compiled');
	return existsSync(join(dir, 'service.json')) ? dir : null;
}

type Entity = 'service' | 'organization' | 'service_at_location';
const validators = new Map<string, ValidateFunction>();
// ajv-formats is CommonJS; its default export arrives wrapped under some module loaders.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

function validatorFor(dir: string, entity: Entity): ValidateFunction {
	const key = `${dir}:${entity}`;
	let validate = validators.get(key);
	if (!validate) {
		// The HSDS files mix Frictionless keywords (name, core, constraints, example) into JSON Schema.
		const ajv = new Ajv({ strict: false, allErrors: true });
		addFormats(ajv);
		validate = ajv.compile(JSON.parse(readFileSync(join(dir, `${entity}.json`), 'utf8')));
		validators.set(key, validate);
	}
	return validate;
}

/** Every schema problem of one object, as "<where><path>: <message>". Empty when it conforms. */
export function hsdsSchemaIssues(dir: string, entity: Entity, value: unknown, where: string): FieldIssue[] {
	const validate = validatorFor(dir, entity);
	if (validate(value)) return [];
	return (validate.errors ?? []).map((e) => ({
		field: `${where}${e.instancePath.replaceAll('/', '.')}`,
		message: `${where}${e.instancePath.replaceAll('/', '.')} ${e.message ?? 'does not match the HSDS 3.0 schema'}${e.params && 'allowedValues' in e.params ? ` (${(e.params.allowedValues as string[]).join(', ')})` : ''}.`
	}));
}

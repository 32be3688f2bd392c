import fc from 'fast-check';
import { z } from 'zod';
import { describe, expect, it, vi } from 'vitest';
import { validate } from '../validation.js';
import { FUZZ_RUNS, FUZZ_TIMEOUT_MS, fuzzParams, nastyFragment } from './fuzz.js';

/**
 * Every zod schema exported by a pure core (`src/lib/server/<domain>/<domain>.ts` and friends: the
 * forms' and the API's input schemas), fed random form-like input: `validate` answers ok or a
 * list of field problems with messages — it never throws, whatever arrives.
 */
const modules = import.meta.glob(['../*/*.ts', '!../*/*.test.ts', '!../*/*.repository.ts', '!../*/*.service.ts', '!../testing/**', '!../demo/**', '!../fuzz/**', '!../db/**'], { eager: true }) as Record<string, Record<string, unknown>>;

const schemas = Object.entries(modules).flatMap(([file, exports]) =>
	Object.entries(exports)
		.filter(([, value]) => value instanceof z.ZodType)
		.map(([name, schema]) => ({ name: `${file.replace('../', '')}: ${name}`, schema: schema as z.ZodType }))
);

const formValue = fc.oneof(
	{ weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
	{ weight: 3, arbitrary: nastyFragment },
	{ weight: 1, arbitrary: fc.constant(undefined) },
	{ weight: 1, arbitrary: fc.constant(null) },
	{ weight: 1, arbitrary: fc.integer() },
	{ weight: 1, arbitrary: fc.double() },
	{ weight: 1, arbitrary: fc.boolean() },
	{ weight: 1, arbitrary: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }) },
	{ weight: 1, arbitrary: fc.string({ minLength: 10_000, maxLength: 10_001 }) },
	{ weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }) }
);

/** Input shaped like the schema's own form (its keys), so the checks behind the first field run too. */
function inputFor(schema: z.ZodType): fc.Arbitrary<unknown> {
	const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, unknown>) : null;
	const keyed = shape ? fc.record(Object.fromEntries(Object.keys(shape).map((key) => [key, formValue])), { requiredKeys: [] }) : fc.dictionary(fc.string({ maxLength: 8 }), formValue);
	return fc.oneof({ weight: 5, arbitrary: keyed }, { weight: 1, arbitrary: fc.jsonValue() }, { weight: 1, arbitrary: formValue });
}


vi.setConfig({ testTimeout: FUZZ_TIMEOUT_MS });
describe(`fuzzing every input schema (${FUZZ_RUNS} cases each)`, () => {
	it('finds the schemas', () => {
		expect(schemas.length).toBeGreaterThan(40);
	});

	it.each(schemas.map((s) => [s.name, s.schema] as const))('%s: ok or field problems, never a throw', (_, schema) => {
		fc.assert(
			fc.property(inputFor(schema), (input) => {
				const outcome = validate(schema, input);
				if (!outcome.ok) {
					expect(outcome.issues.length).toBeGreaterThan(0);
					for (const issue of outcome.issues) {
						expect(typeof issue.field).toBe('string');
						expect(typeof issue.message).toBe('string');
						expect(issue.message.length).toBeGreaterThan(0);
					}
				}
			}),
			fuzzParams()
		);
	});
});

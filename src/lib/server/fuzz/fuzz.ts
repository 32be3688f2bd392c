import fc from 'fast-check';

/**
 * Shared pieces of the fuzzing suite (`*.fuzz.test.ts`): how many cases to run and the hostile
 * inputs every parser must answer with a typed, plain-language error (never a crash or a hang).
 * CI runs FUZZ_RUNS (default 1,000) cases per property; `npm run fuzz` runs many more.
 */
export const FUZZ_RUNS = Math.max(1, Number(process.env.FUZZ_RUNS ?? 1000));
/** Each property's time budget grows with its cases (the nightly run's 100,000 take minutes). */
export const FUZZ_TIMEOUT_MS = Math.max(30_000, FUZZ_RUNS * 60);

/** fast-check parameters: a seed from FUZZ_SEED replays a run; failures print their seed and path. */
export function fuzzParams<T>(examples: T[] = []): fc.Parameters<T> {
	const seed = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
	return { numRuns: FUZZ_RUNS, examples, ...(seed === undefined ? {} : { seed }) };
}

/** Text that has broken parsers elsewhere: quotes, separators, line ends, BOMs, control and RTL characters, HTML. */
export const nastyFragment = fc.constantFrom(
	'"',
	'""',
	'"a,b"',
	',',
	';',
	'\t',
	'\n',
	'\r\n',
	'\r',
	'\uFEFF',
	'\u0000',
	'\u202E',
	'\uD800',
	'𝓟𝓪𝓻𝓲𝓽𝔂',
	'ñáéíóú',
	'=HYPERLINK("http://x")',
	'<script>alert(1)</script>',
	'javascript:alert(1)',
	'NaN',
	'-0',
	'1e309',
	'00000',
	'19104',
	'Black or African American',
	'Hispanic or Latino',
	'female',
	' ',
	''
);

/** A field: mostly short strings, sometimes a nasty fragment or a joint of several. */
export const csvField = fc.oneof(
	{ weight: 4, arbitrary: fc.string({ maxLength: 12 }) },
	{ weight: 3, arbitrary: nastyFragment },
	{ weight: 1, arbitrary: fc.array(nastyFragment, { maxLength: 4 }).map((parts) => parts.join('')) },
	{ weight: 1, arbitrary: fc.integer({ min: -1000, max: 100_000 }).map(String) }
);

/** CSV-shaped text: a header then rows, any line ends, quoting right or wrong, maybe a BOM or Excel's `sep=` line. */
export function csvText(header: fc.Arbitrary<string[]>): fc.Arbitrary<string> {
	return fc
		.record({
			bom: fc.boolean(),
			excelSep: fc.boolean(),
			header,
			rows: fc.array(fc.array(csvField, { maxLength: 12 }), { maxLength: 20 }),
			quoteAll: fc.boolean(),
			eol: fc.constantFrom('\n', '\r\n', '\r'),
			trailingEol: fc.boolean()
		})
		.map(({ bom, excelSep, header: head, rows, quoteAll, eol, trailingEol }) => {
			const cell = (value: string) => (quoteAll ? `"${value.replace(/"/g, '""')}"` : value);
			const lines = [head, ...rows].map((row) => row.map(cell).join(','));
			return (bom ? '\uFEFF' : '') + (excelSep ? `sep=,${eol}` : '') + lines.join(eol) + (trailingEol ? eol : '');
		});
}

/** Bytes that are not UTF-8 text at all, or are text in another encoding. */
export const foreignBytes = fc.oneof(
	fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
	fc.string({ maxLength: 80 }).map((text) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])),
	fc.string({ maxLength: 80 }).map((text) => Buffer.from(text, 'latin1'))
);

/** One very long line (a megabyte), to prove nothing is quadratic or unbounded. */
export const megabyteLine = (prefix: string): string => prefix + 'x'.repeat(1024 * 1024);

/** An error message a person can read: some words, no internals. */
export function isPlainMessage(message: unknown): boolean {
	if (typeof message !== 'string' || message.trim().length <= 3) return false;
	// What the person typed is quoted back to them and may say anything: judge the rest.
	const own = message.replace(/“[^”]*”|"[^"]*"|‘[^’]*’/g, '“…”');
	return !/\[object |\bundefined\b|\bNaN\b|TypeError|ReferenceError|at .+:\d+:\d+/.test(own);
}

/** Fails the case if `work` takes longer than `ms` (a hang is a failure, not a slow test). */
export async function within<T>(ms: number, work: Promise<T>): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	const timeout = new Promise<never>((_, reject) => {
		timer = setTimeout(() => reject(new Error(`did not finish within ${ms} ms`)), ms);
	});
	try {
		return await Promise.race([work, timeout]);
	} finally {
		clearTimeout(timer);
	}
}

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { workerSource, workerSourceFile } from './worker-source.js';

describe('the participant import worker bundle', () => {
	it('is up to date with its sources (run `npm run worker` when this fails)', async () => {
		const { text, inputs } = await workerSource();
		expect(inputs.some((input) => input.endsWith('participants.reader.ts'))).toBe(true);
		expect(readFileSync(workerSourceFile, 'utf8') === text, 'src/lib/server/participants/worker-source.generated.ts is stale: run `npm run worker`').toBe(true);
	});

	it('holds the reader only: no database, validation or web code', async () => {
		const { inputs } = await workerSource();
		expect(inputs.filter((input) => /node_modules|\/db\/|\/auth\//.test(input))).toEqual([]);
	});
});

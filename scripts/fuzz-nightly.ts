/**
 * The nightly fuzzing run: the same suite as CI (src/lib/server/fuzz), with FUZZ_RUNS cases per
 * property (100,000 unless set) and a fresh seed each night, printed first so any failure can be
 * replayed exactly: `FUZZ_SEED=<seed> FUZZ_RUNS=<runs> npm run fuzz`. A failing input found this
 * way goes into src/lib/server/fuzz/regressions.ts, which every run replays first.
 */
import { spawnSync } from 'node:child_process';
import { randomInt } from 'node:crypto';

const runs = process.env.FUZZ_RUNS ?? '100000';
const seed = process.env.FUZZ_SEED ?? String(randomInt(1, 2 ** 31 - 1));
const replay = `FUZZ_SEED=${seed} FUZZ_RUNS=${runs} npm run fuzz`;
console.log(`fuzz:nightly: ${runs} cases per property, seed ${seed} (replay: ${replay})`);
const started = Date.now();
const run = spawnSync('npx', ['vitest', 'run', '--project', 'unit', 'src/lib/server/fuzz'], {
	stdio: 'inherit',
	env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed }
});
const minutes = ((Date.now() - started) / 60_000).toFixed(1);
if (run.status !== 0) {
	console.error(`fuzz:nightly FAILED after ${minutes} min with seed ${seed}. Replay: ${replay}; keep the failing input in src/lib/server/fuzz/regressions.ts.`);
	process.exit(run.status ?? 1);
}
console.log(`fuzz:nightly passed in ${minutes} min (seed ${seed}).`);

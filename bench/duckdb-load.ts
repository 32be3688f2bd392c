/**
 * The reference for participant imports: DuckDB loading the same CSV into a table, in its own
 * process (so its peak memory is its own). Prints `done {"ms":…,"maxRssKb":…,"rows":…}`.
 */
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
if (!file) throw new Error('usage: tsx bench/duckdb-load.ts <file.csv>');
const started = performance.now();
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
await connection.run(`CREATE TABLE participant AS SELECT * FROM read_csv('${file.replace(/'/g, "''")}', header = true, all_varchar = true)`);
const result = await connection.runAndReadAll('SELECT count(*) FROM participant');
const rows = Number(result.getRows()[0]![0]);
const ms = Math.round(performance.now() - started);
const usage = process.resourceUsage();
const cpuMs = Math.round((usage.userCPUTime + usage.systemCPUTime) / 1000);
console.log(`done ${JSON.stringify({ ms, cpuMs, maxRssKb: usage.maxRSS, rows })}`);
connection.closeSync();

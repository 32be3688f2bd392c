/**
 * docs/benchmarks.md is written by one full run or section by section (`bench/programs.ts`,
 * `bench/load.ts`, `--keep-load`). A section runs from its `## N.` heading to the next `## `
 * heading, so rewriting one never touches its neighbours.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const benchmarksDoc = join(resolve(import.meta.dirname, '..'), 'docs', 'benchmarks.md');

function bounds(doc: string, heading: string): { start: number; end: number } | undefined {
	const start = doc.startsWith(heading) ? 0 : doc.indexOf(`\n${heading}`) + 1;
	if (start === 0 && !doc.startsWith(heading)) return undefined;
	const next = doc.indexOf('\n## ', start + heading.length);
	return { start, end: next < 0 ? doc.length : next + 1 };
}

/** The section under `heading` as it stands in docs/benchmarks.md, or undefined. */
export function currentSection(heading: string, doc = existsSync(benchmarksDoc) ? readFileSync(benchmarksDoc, 'utf8') : ''): string | undefined {
	const at = bounds(doc, heading);
	return at && doc.slice(at.start, at.end);
}

/** `doc` with the section under `heading` replaced by `section` (added before "Reading the results" when absent). */
export function withSection(doc: string, heading: string, section: string): string {
	const text = section.endsWith('\n\n') ? section : section.endsWith('\n') ? `${section}\n` : `${section}\n\n`;
	const at = bounds(doc, heading);
	if (at) return doc.slice(0, at.start) + text + doc.slice(at.end);
	const reading = bounds(doc, '## Reading the results');
	return reading ? doc.slice(0, reading.start) + text + doc.slice(reading.start) : `${doc}\n${text}`;
}

/** Rewrites one section of docs/benchmarks.md in place. */
export function writeSection(heading: string, section: string): void {
	const doc = existsSync(benchmarksDoc) ? readFileSync(benchmarksDoc, 'utf8') : '# Benchmarks\n\n';
	writeFileSync(benchmarksDoc, withSection(doc, heading, section));
}

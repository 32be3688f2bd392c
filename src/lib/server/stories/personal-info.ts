/**
 * Finds text in a story that may identify or locate its author, so a moderator can remove it with
 * one click before publishing. It errs towards flagging: a moderator dismisses a false alarm by
 * leaving it, but a missed phone number is published.
 */
export type PersonalInfoKind = 'email' | 'phone' | 'address' | 'handle' | 'school' | 'full_name' | 'url';

export interface Finding {
	kind: PersonalInfoKind;
	start: number;
	end: number;
	text: string;
}

const patterns: { kind: PersonalInfoKind; pattern: RegExp }[] = [
	{ kind: 'email', pattern: /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g },
	{ kind: 'url', pattern: /\bhttps?:\/\/\S+|\bwww\.\S+/gi },
	// North American numbers in the usual spellings: 215-555-0134, (215) 555 0134, 215.555.0134, +1 215 555 0134.
	{ kind: 'phone', pattern: /(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\b\d{3})[\s.-]?\d{3}[\s.-]?\d{4}\b/g },
	{
		kind: 'address',
		pattern:
			/\b\d{1,5}\s+(?:[NSEW]\.?\s+)?(?:[A-Z0-9][\w'’.-]*\s+){1,4}(?:St|Street|Ave|Avenue|Rd|Road|Blvd|Boulevard|Ln|Lane|Dr|Drive|Ct|Court|Pl|Place|Way|Terrace|Ter|Pike|Calle|Avenida)\b\.?/gi
	},
	{ kind: 'handle', pattern: /(?<![\w@])@[A-Za-z0-9_.]{2,30}\b/g },
	{
		kind: 'school',
		pattern:
			/\b(?:[A-Z][\w'’.-]*\s+){1,5}(?:High School|Middle School|Elementary(?: School)?|Academy|Charter School|School|Prep)\b|\b(?:Escuela|Colegio|Academia)(?:\s+[A-Z][\w'’.-]*){1,5}/g
	},
	// Two or three capitalised words in a row, not at the start of a sentence: probably someone's name.
	{ kind: 'full_name', pattern: /(?<![.!?]\s|^)(?<=\s)(?:[A-Z][a-zà-ÿ'’-]+\s){1,2}[A-Z][a-zà-ÿ'’-]+\b/gm }
];

/** Every likely piece of personal information, in reading order, overlapping matches merged. */
export function findPersonalInfo(text: string): Finding[] {
	const found: Finding[] = [];
	for (const { kind, pattern } of patterns) {
		for (const match of text.matchAll(pattern)) {
			const start = match.index;
			const value = match[0].replace(/[.,;:]+$/, '');
			found.push({ kind, start, end: start + value.length, text: value });
		}
	}
	found.sort((a, b) => a.start - b.start || b.end - a.end);
	const merged: Finding[] = [];
	for (const f of found) {
		const last = merged.at(-1);
		if (last && f.start < last.end) continue;
		merged.push(f);
	}
	return merged;
}

export const REDACTED = '[…]';

/** Replaces the findings (by their position in `findPersonalInfo(text)`) with a neutral mark. */
export function redact(text: string, indices: readonly number[] | 'all'): string {
	const findings = findPersonalInfo(text);
	const chosen = indices === 'all' ? findings : findings.filter((_, i) => indices.includes(i));
	let out = text;
	for (const f of [...chosen].sort((a, b) => b.start - a.start)) out = out.slice(0, f.start) + REDACTED + out.slice(f.end);
	return out;
}

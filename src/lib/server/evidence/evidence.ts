import { z } from 'zod';
import { OFFICE_TYPES, imageProblem, imageProblemMessage, sniff, uploadLimit } from '../http/uploads.js';
import { gradeBands, stemSubjects } from '../pd/pd.js';

export const evidenceKinds = ['tool', 'guide', 'curriculum', 'research_summary', 'proven_method'] as const;

/** ESSA evidence tiers: 1 strong, 2 moderate, 3 promising, 4 demonstrates a rationale. */
export const essaTiers = [1, 2, 3, 4] as const;

/** Uploads are capped below the server's request limit (6 MB), with room for the form around them. */
export const MAX_FILE_BYTES = uploadLimit('evidence file');

const optionalText = (max: number, label: string) => z.string().max(max, `${label} can have at most ${max} characters.`).optional();

/** A resource as backbone staff publish it or a partner suggests it. */
export const resourceSchema = z
	.object({
		title: z.string({ message: 'Enter a title.' }).min(3, 'The title needs at least 3 characters.').max(200, 'The title can have at most 200 characters.'),
		title_es: optionalText(200, 'The Spanish title'),
		summary: z.string({ message: 'Enter a short summary.' }).min(10, 'The summary needs at least 10 characters.').max(2000, 'The summary can have at most 2000 characters.'),
		summary_es: optionalText(2000, 'The Spanish summary'),
		kind: z.enum(evidenceKinds, { message: 'Choose what kind of resource this is.' }),
		tags: z
			.string()
			.max(300, 'Tags can have at most 300 characters in all.')
			.optional()
			.transform((v) => [...new Set((v ?? '').split(',').map((t) => t.trim().toLowerCase()).filter((t) => t !== ''))])
			.refine((tags) => tags.length <= 12, 'Use at most 12 tags.'),
		grade_bands: z.array(z.enum(gradeBands, { message: 'Choose grade bands from the list.' })).default([]),
		subjects: z.array(z.enum(stemSubjects, { message: 'Choose subjects from the list.' })).default([]),
		essa_tier: z
			.enum(['1', '2', '3', '4'], { message: 'Choose an ESSA evidence tier from 1 to 4, or none.' })
			.optional()
			.transform((v) => (v ? Number(v) : null)),
		citation: optionalText(1000, 'The citation').transform((v) => v ?? ''),
		url: z.url({ protocol: /^https?$/, message: 'Enter a full web address starting with https://' }).optional()
	})
	// Also runs when other fields have problems (the tier is then a number only if it was valid).
	.refine((r) => typeof r.essa_tier !== 'number' || (r.citation ?? '').trim().length >= 10, {
		path: ['citation'],
		message: 'Give the study or source behind the evidence tier (at least 10 characters).',
		when: () => true
	});
export type ResourceInput = z.infer<typeof resourceSchema>;

export interface UploadedFile {
	name: string;
	bytes: Uint8Array;
}

/**
 * What a file really is, read from its first bytes (http/uploads.ts; never from its name or the
 * browser's claim). Office documents are ZIP files, told apart by their extension once the ZIP
 * signature matches; text must be named .txt or .csv.
 */
export function detectFileType(file: UploadedFile): string | null {
	const ext = file.name.toLowerCase().split('.').pop() ?? '';
	switch (sniff(file.bytes)) {
		case 'pdf':
			return 'application/pdf';
		case 'png':
			return 'image/png';
		case 'jpeg':
			return 'image/jpeg';
		case 'zip':
			return OFFICE_TYPES[ext] ?? null;
		case 'text':
			return ext === 'csv' ? 'text/csv' : ext === 'txt' ? 'text/plain' : null;
		default:
			return null;
	}
}

/** Checks an upload: not empty, within the size limit, of an accepted type. Returns the problems. */
export function checkUpload(file: UploadedFile): { contentType: string } | { issue: string } {
	if (file.bytes.length === 0) return { issue: 'The file is empty.' };
	if (file.bytes.length > MAX_FILE_BYTES) return { issue: `The file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MB. Link to it instead.` };
	const contentType = detectFileType(file);
	if (!contentType) return { issue: 'Upload a PDF, Word, Excel or PowerPoint file, a PNG or JPEG image, or a plain-text or CSV file.' };
	return { contentType };
}

/** checkUpload, and for a picture what its header declares: an image bomb is refused unopened. */
export async function checkUploadFully(file: UploadedFile): Promise<{ contentType: string } | { issue: string }> {
	const checked = checkUpload(file);
	if ('issue' in checked || !checked.contentType.startsWith('image/')) return checked;
	const refused = await imageProblem(file.bytes);
	return refused ? { issue: imageProblemMessage(refused) } : checked;
}

/** A safe file name for the download header: letters, digits, dots, dashes and underscores only. */
export function safeFileName(name: string): string {
	const cleaned = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+/, '').slice(-100);
	return cleaned || 'file';
}

/**
 * Search terms from what someone typed: words of letters and digits (any script), lower-cased,
 * at most 8. Nothing else reaches the search engines' query syntax, so no input can break it.
 */
export function searchTerms(query: string | null | undefined): string[] {
	const words = (query ?? '').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
	return [...new Set(words.filter((w) => w.length <= 40))].slice(0, 8);
}

/** SQLite FTS5: every term as a prefix ("robot" finds "robotics"). */
export const fts5Query = (terms: string[]): string => terms.map((t) => `"${t}"*`).join(' AND ');

/** PostgreSQL to_tsquery: every term as a prefix. */
export const tsQuery = (terms: string[]): string => terms.map((t) => `${t}:*`).join(' & ');

/** The edit form's values for a resource as stored (lists as the form's comma-joined checkbox state). */
export function resourceFormValues(resource: {
	title: string; title_es: string | null; summary: string; summary_es: string | null; kind: string; tags: string;
	grade_bands: string; subjects: string; essa_tier: number | null; citation: string; url: string | null;
}): Record<string, string> {
	const list = (json: string) => (JSON.parse(json) as string[]).join(',');
	return {
		title: resource.title,
		title_es: resource.title_es ?? '',
		summary: resource.summary,
		summary_es: resource.summary_es ?? '',
		kind: resource.kind,
		tags: (JSON.parse(resource.tags) as string[]).join(', '),
		grade_bands: list(resource.grade_bands),
		subjects: list(resource.subjects),
		essa_tier: resource.essa_tier === null ? '' : String(resource.essa_tier),
		citation: resource.citation,
		url: resource.url ?? ''
	};
}

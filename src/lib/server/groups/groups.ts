import { z } from 'zod';
import { OFFICE_TYPES, imageProblem, imageProblemMessage, sniff, uploadLimit } from '../http/uploads.js';

export const visibilities = ['public', 'members', 'invitation'] as const;
export type Visibility = (typeof visibilities)[number];
export type GroupRole = 'lead' | 'member';

const optional = (max: number, label: string) => z.string().max(max, `${label} can have at most ${max} characters.`).optional();

export const groupSchema = z.object({
	name: z.string({ message: 'Enter the group’s name.' }).min(3, 'The name needs at least 3 characters.').max(120, 'The name can have at most 120 characters.'),
	name_es: optional(120, 'The Spanish name'),
	purpose_md: optional(4000, 'The purpose').transform((v) => v ?? ''),
	purpose_md_es: optional(4000, 'The Spanish purpose'),
	visibility: z.enum(visibilities, { message: 'Choose who can see the group.' }),
	lead_email: z.email({ message: 'Enter the lead’s email address, or leave it empty.' }).transform((v) => v.toLowerCase()).optional()
});
export type GroupInput = z.infer<typeof groupSchema>;

export const threadSchema = z.object({
	title: z.string({ message: 'Enter a title for the discussion.' }).min(3, 'The title needs at least 3 characters.').max(160, 'The title can have at most 160 characters.'),
	body: z.string({ message: 'Write a message.' }).min(1, 'Write a message.').max(10000, 'A message can have at most 10,000 characters.')
});

export const replySchema = threadSchema.pick({ body: true });

export const addMemberSchema = z.object({
	email: z.email({ message: 'Enter the email address of a member of this ecosystem.' }).transform((v) => v.toLowerCase()),
	role: z.enum(['lead', 'member'], { message: 'Choose lead or member.' }).default('member')
});

/** The name people type after @ to mention someone: the part of their email before the @. */
export function handleOf(email: string): string {
	return email.slice(0, email.indexOf('@')).toLowerCase();
}

/** Every @handle in a message, lower-cased, once each (an email address is not a mention). */
export function mentionedHandles(body: string): string[] {
	const found = new Set<string>();
	for (const match of body.matchAll(/(^|[^\w.@])@([a-z0-9](?:[a-z0-9._-]*[a-z0-9])?)/gi)) found.add(match[2]!.toLowerCase());
	return [...found];
}

export interface Viewer {
	signedIn: boolean;
	/** Holds a role in the group's ecosystem. */
	ecosystemMember: boolean;
	groupRole: GroupRole | null;
	/** Backbone staff manage every group of their ecosystem. */
	staff: boolean;
}

/** Who sees a group, its threads and files. */
export function canSee(visibility: Visibility, viewer: Viewer): boolean {
	if (viewer.staff || viewer.groupRole) return true;
	if (visibility === 'public') return true;
	if (visibility === 'members') return viewer.ecosystemMember;
	return false;
}

/** Who may join on their own (invitation-only groups are joined by being added). */
export function canJoin(visibility: Visibility, viewer: Viewer): boolean {
	return viewer.ecosystemMember && !viewer.groupRole && visibility !== 'invitation';
}

/** Who may add members and see the member list with emails: the lead and backbone staff. */
export function canManage(viewer: Viewer): boolean {
	return viewer.staff || viewer.groupRole === 'lead';
}

// ---- Shared files ----------------------------------------------------------------------------

export const MAX_FILE_BYTES = uploadLimit('group file');

/**
 * The content type of an upload, decided from its first bytes (http/uploads.ts); the name's
 * extension must agree (a PNG named .csv, or a CSV named .png, is refused), and tells apart the
 * Office files, which are zip archives. Anything else is refused: null.
 */
export function detectFileType(filename: string, bytes: Uint8Array): string | null {
	const extension = filename.toLowerCase().split('.').pop() ?? '';
	switch (sniff(bytes)) {
		case 'pdf':
			return extension === 'pdf' ? 'application/pdf' : null;
		case 'png':
			return extension === 'png' ? 'image/png' : null;
		case 'jpeg':
			return extension === 'jpg' || extension === 'jpeg' ? 'image/jpeg' : null;
		case 'zip':
			return OFFICE_TYPES[extension] ?? null;
		case 'text':
			if (extension === 'csv') return 'text/csv';
			return extension === 'txt' || extension === 'md' ? 'text/plain' : null;
		default:
			return null;
	}
}

export const ALLOWED_FILES = 'PDF, PNG, JPEG, Word (.docx), Excel (.xlsx), PowerPoint (.pptx), CSV or plain text';

/** Problems with an upload, in words a person can act on (empty: acceptable). */
export function fileProblems(filename: string, bytes: Uint8Array): string[] {
	if (bytes.length === 0) return ['Choose a file to upload.'];
	const problems: string[] = [];
	if (bytes.length > MAX_FILE_BYTES) problems.push('The file is larger than 5 MB.');
	if (!detectFileType(filename, bytes)) problems.push(`Only ${ALLOWED_FILES} files can be shared, and the file must really be of the type its name says.`);
	return problems;
}

/** fileProblems, and for a picture what its header declares: an image bomb is refused unopened. */
export async function uploadProblems(filename: string, bytes: Uint8Array): Promise<string[]> {
	const problems = fileProblems(filename, bytes);
	if (problems.length > 0 || !detectFileType(filename, bytes)?.startsWith('image/')) return problems;
	const refused = await imageProblem(bytes);
	return refused ? [imageProblemMessage(refused)] : [];
}

/** A file name safe for a Content-Disposition header and a download folder. */
export function safeFilename(name: string): string {
	const base = name.split(/[\\/]/).pop() ?? '';
	const cleaned = base.normalize('NFKD').replace(/[^\w.\- ]+/g, '').replace(/\s+/g, ' ').trim().slice(0, 120);
	const [, stem = '', extension = ''] = /^(.*?)(\.[A-Za-z0-9]{1,8})?$/.exec(cleaned) ?? [];
	return `${stem.replace(/^\.+/, '') || 'file'}${extension}`;
}

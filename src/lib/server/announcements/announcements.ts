import { z } from 'zod';
import { sectors } from '../partners/partners.js';

export const channels = ['announcements', 'groups'] as const;
export type Channel = (typeof channels)[number];
export const modes = ['immediate', 'digest', 'never'] as const;
export type Mode = (typeof modes)[number];

/** Until a person chooses: announcements come in the weekly digest, group mentions and replies at once. */
export const defaultModes: Record<Channel, Mode> = { announcements: 'digest', groups: 'immediate' };

const optional = (max: number, label: string) => z.string().max(max, `${label} can have at most ${max} characters.`).optional();

export const announcementSchema = z
	.object({
		title: z.string({ message: 'Enter a title.' }).min(3, 'The title needs at least 3 characters.').max(160, 'The title can have at most 160 characters.'),
		title_es: optional(160, 'The Spanish title'),
		body_md: z.string({ message: 'Write the announcement.' }).min(1, 'Write the announcement.').max(8000, 'The announcement can have at most 8000 characters.'),
		body_md_es: optional(8000, 'The Spanish text'),
		audience: z.enum(['ecosystem', 'sector', 'group'], { message: 'Choose who the announcement is for.' }),
		sector: z.enum(sectors, { message: 'Choose a sector.' }).optional(),
		group: z.string().max(100).optional()
	})
	.superRefine((value, ctx) => {
		if (value.audience === 'sector' && !value.sector) ctx.addIssue({ code: 'custom', path: ['sector'], message: 'Choose the sector the announcement is for.' });
		if (value.audience === 'group' && !value.group) ctx.addIssue({ code: 'custom', path: ['group'], message: 'Choose the group the announcement is for.' });
	});

export const preferencesSchema = z.object({
	announcements: z.enum(modes, { message: 'Choose how you receive announcements.' }),
	groups: z.enum(modes, { message: 'Choose how you receive group mentions and replies.' })
});

export function modesWith(saved: Partial<Record<Channel, Mode>>): Record<Channel, Mode> {
	return { ...defaultModes, ...saved };
}

export interface DigestItem {
	title: string;
	text: string;
	url: string;
}

/** The plain text of a digest section: one bullet per item with its link. */
export function digestSection(heading: string, items: DigestItem[]): string {
	if (items.length === 0) return '';
	const excerpt = (text: string) => (text.length > 280 ? `${text.slice(0, 280).trimEnd()}…` : text);
	return [`${heading}`, '', ...items.map((item) => `- ${item.title}\n  ${excerpt(item.text).replace(/\s*\n\s*/g, ' ')}\n  ${item.url}`)].join('\n');
}

/** Weekly digests go out on Monday mornings, from 7:00 in the ecosystem's own time zone. */
export const DIGEST_WEEKDAY = 1;
export const DIGEST_HOUR = 7;
/** A person's next digest waits at least this long after their last, whatever runs in between. */
export const DIGEST_MIN_GAP_MS = 6 * 86_400_000;

const weekdays: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

/**
 * Whether the hourly digest job should send now: on the digest weekday, from the digest hour on,
 * in `timeZone` (an IANA name; an unknown one counts as UTC). Later hours of the same day catch up
 * after an outage; the minimum gap keeps anyone from a second digest that week.
 */
export function digestIsDue(now: Date, timeZone: string, weekday = DIGEST_WEEKDAY, hour = DIGEST_HOUR): boolean {
	let parts: Intl.DateTimeFormatPart[];
	try {
		parts = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' }).formatToParts(now);
	} catch {
		return digestIsDue(now, 'UTC', weekday, hour);
	}
	const day = weekdays[parts.find((p) => p.type === 'weekday')?.value ?? ''];
	const localHour = Number(parts.find((p) => p.type === 'hour')?.value);
	return day === weekday && localHour >= hour;
}

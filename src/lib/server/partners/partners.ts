import { z } from 'zod';

export const sectors = ['k12', 'ost', 'higher_ed', 'employer', 'government', 'philanthropy', 'community'] as const;
export type Sector = (typeof sectors)[number];

const optional = (max: number, label: string) => z.string().max(max, `${label} can have at most ${max} characters.`).optional();

/** What backbone staff and partner admins may edit on a partner's profile. */
export const partnerProfileSchema = z.object({
	name: z.string({ message: 'Enter the organisation’s name.' }).min(2, 'The name needs at least 2 characters.').max(160, 'The name can have at most 160 characters.'),
	sector: z.enum(sectors, { message: 'Choose the sector that fits best.' }),
	summary: optional(280, 'The summary').transform((v) => v ?? ''),
	summary_es: optional(280, 'The Spanish summary'),
	description_md: optional(8000, 'The description').transform((v) => v ?? ''),
	description_md_es: optional(8000, 'The Spanish description'),
	website: z.url({ protocol: /^https?$/, message: 'Enter a full web address starting with https://' }).optional(),
	email: z.email({ message: 'Enter an email address such as info@example.org.' }).optional(),
	phone: z
		.string()
		.regex(/^[0-9+().\-\s]{7,25}$/, 'Enter a phone number using digits, spaces, dashes or brackets.')
		.optional(),
	city: optional(120, 'The city'),
	zip: z.string().regex(/^\d{5}$/, 'Enter a 5-digit ZIP code.').optional()
});
export type PartnerProfileInput = z.infer<typeof partnerProfileSchema>;

/** Groups partners by sector in the canonical sector order, leaving out empty sectors. */
export function groupBySector<T extends { sector: string }>(partners: T[]): { sector: Sector; partners: T[] }[] {
	return sectors
		.map((sector) => ({ sector, partners: partners.filter((p) => p.sector === sector) }))
		.filter((group) => group.partners.length > 0);
}

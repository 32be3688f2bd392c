import { z } from 'zod';

/** The five conditions of collective impact (Kania & Kramer, 2011), in their usual order. */
export const conditions = [
	'common_agenda',
	'shared_measurement',
	'mutually_reinforcing_activities',
	'continuous_communication',
	'backbone_support'
] as const;
export type Condition = (typeof conditions)[number];

export const slugSchema = z
	.string({ message: 'Enter a web address.' })
	.min(2, 'The web address needs at least 2 characters.')
	.max(60, 'The web address can have at most 60 characters.')
	.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'Use lower-case letters, digits and single dashes only, e.g. "philadelphia".');

const optionalText = (max: number, label: string) =>
	z.string().max(max, `${label} can have at most ${max} characters.`).optional();

export const createEcosystemSchema = z.object({
	name: z.string({ message: 'Enter the ecosystem’s name.' }).min(3, 'The name needs at least 3 characters.').max(120, 'The name can have at most 120 characters.'),
	slug: slugSchema,
	region: z.string({ message: 'Enter the region it serves.' }).min(2, 'Enter the region it serves.').max(120, 'The region can have at most 120 characters.'),
	adminEmail: z.email({ message: 'Enter the first backbone admin’s email address, e.g. name@example.org.' }),
	adminName: z.string({ message: 'Enter the first backbone admin’s name.' }).min(2, 'Enter the first backbone admin’s name.').max(120)
});
export type CreateEcosystemInput = z.infer<typeof createEcosystemSchema>;

const year = z.coerce
	.number({ message: 'Enter a year such as 2030.' })
	.int('Enter a whole year such as 2030.')
	.min(2000, 'Enter a year from 2000 on.')
	.max(2100, 'Enter a year before 2100.');

export const siteContentSchema = z.object({
	name: z.string({ message: 'Enter the ecosystem’s name.' }).min(3, 'The name needs at least 3 characters.').max(120, 'The name can have at most 120 characters.'),
	name_es: optionalText(120, 'The Spanish name'),
	region: z.string({ message: 'Enter the region it serves.' }).min(2, 'Enter the region it serves.').max(120),
	tagline: optionalText(200, 'The tagline').transform((v) => v ?? ''),
	tagline_es: optionalText(200, 'The Spanish tagline'),
	mission: optionalText(4000, 'The mission').transform((v) => v ?? ''),
	mission_es: optionalText(4000, 'The Spanish mission'),
	vision: optionalText(4000, 'The vision').transform((v) => v ?? ''),
	vision_es: optionalText(4000, 'The Spanish vision'),
	goal: optionalText(500, 'The headline goal').transform((v) => v ?? ''),
	goal_es: optionalText(500, 'The Spanish headline goal'),
	goal_year: year.optional(),
	website: z.url({ protocol: /^https?$/, message: 'Enter a full web address starting with https://' }).optional(),
	contact_email: z.email({ message: 'Enter an email address such as info@example.org.' }).optional()
});
export type SiteContentInput = z.infer<typeof siteContentSchema>;

export const conditionSchema = z.object({
	condition: z.enum(conditions, { message: 'Choose one of the five conditions.' }),
	practice_md: optionalText(8000, 'The description').transform((v) => v ?? ''),
	practice_md_es: optionalText(8000, 'The Spanish description')
});

export const initiativeSchema = z.object({
	title: z.string({ message: 'Enter a title.' }).min(3, 'The title needs at least 3 characters.').max(160, 'The title can have at most 160 characters.'),
	title_es: optionalText(160, 'The Spanish title'),
	summary_md: optionalText(8000, 'The summary').transform((v) => v ?? ''),
	summary_md_es: optionalText(8000, 'The Spanish summary'),
	position: z.coerce.number().int().min(0).max(1000).default(0)
});

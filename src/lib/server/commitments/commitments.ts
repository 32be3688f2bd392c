import { z } from 'zod';

const text = (max: number, label: string) => z.string({ message: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}.` }).max(max, `${label} can have at most ${max} characters.`);
const thisYear = () => new Date().getUTCFullYear();

/** A partner's public promise toward the common goal, e.g. "200 paid internships by 2027". */
export const commitmentSchema = z.object({
	title: text(160, 'The commitment').min(6, 'Write the commitment in at least 6 characters.'),
	title_es: text(160, 'The Spanish commitment').optional(),
	description: text(4000, 'The description').optional().transform((v) => v ?? ''),
	description_es: text(4000, 'The Spanish description').optional(),
	target: z.coerce.number({ message: 'Enter the target as a number.' }).int('Enter a whole number.').min(1, 'The target must be at least 1.').max(10_000_000, 'Enter a smaller target.'),
	unit: text(80, 'What is counted').min(2, 'Say what is counted, for example “paid internships”.'),
	unit_es: text(80, 'What is counted, in Spanish').optional(),
	due_year: z.coerce.number({ message: 'Enter the year as four digits.' }).int('Enter the year as four digits.').refine((y) => y >= thisYear() && y <= thisYear() + 15, 'Choose a year from this year to 15 years ahead.')
});

export const progressSchema = z.object({
	progress: z.coerce.number({ message: 'Enter the progress so far as a number.' }).int('Enter a whole number.').min(0, 'Progress cannot be negative.'),
	note: text(1000, 'The note').optional().transform((v) => v ?? ''),
	note_es: text(1000, 'The Spanish note').optional()
});

/** Share of the target reached, 0–100 (whole percent, rounded down so 100 means really met). */
export function percentOf(progress: number | null, target: number): number {
	if (!progress || target <= 0) return 0;
	return Math.min(100, Math.floor((progress / target) * 100));
}

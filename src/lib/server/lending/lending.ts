import { z } from 'zod';

export const conditions = ['new', 'good', 'fair', 'worn'] as const;
export const returnConditions = [...conditions, 'damaged'] as const;
/** The longest loan, in days: long enough for a unit of study, short enough to share. */
export const MAX_LOAN_DAYS = 42;
/** How far ahead the availability calendar looks. */
export const CALENDAR_DAYS = 56;

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (value: string) => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const date = (message: string) => z.string({ message }).refine(isRealDate, message);
const text = (max: number, label: string) => z.string({ message: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}.` }).max(max, `${label} can have at most ${max} characters.`);

export const itemSchema = z.object({
	name: text(120, 'The name').min(3, 'Name the equipment (at least 3 characters).'),
	name_es: text(120, 'The Spanish name').optional(),
	description: text(4000, 'The description').optional().transform((v) => v ?? ''),
	description_es: text(4000, 'The Spanish description').optional(),
	quantity: z.coerce.number({ message: 'Enter how many you lend.' }).int('Enter a whole number.').min(1, 'Lend at least 1.').max(200, 'Lend at most 200 of one item.'),
	condition: z.enum(conditions, { message: 'Choose the condition from the list.' }),
	pickup_location: text(200, 'The pick-up place').optional().transform((v) => v ?? '')
});
export type ItemInput = z.infer<typeof itemSchema>;

export const reservationSchema = z
	.object({
		starts_on: date('Enter the first day as YYYY-MM-DD.'),
		ends_on: date('Enter the last day as YYYY-MM-DD.'),
		quantity: z.coerce.number({ message: 'Enter how many you need.' }).int('Enter a whole number.').min(1, 'Reserve at least 1.'),
		purpose: text(500, 'The purpose').optional().transform((v) => v ?? '')
	})
	.superRefine(
		(v, ctx) => {
			if (!isRealDate(String(v.starts_on)) || !isRealDate(String(v.ends_on))) return;
			if (v.ends_on < v.starts_on) ctx.addIssue({ code: 'custom', path: ['ends_on'], message: 'The last day must be on or after the first day.' });
			else if (daysBetween(v.starts_on, v.ends_on).length > MAX_LOAN_DAYS) {
				ctx.addIssue({ code: 'custom', path: ['ends_on'], message: `A loan can last at most ${MAX_LOAN_DAYS} days.` });
			}
		},
		{ when: () => true }
	);

export const handoverSchema = z.object({
	note: text(1000, 'The note').optional().transform((v) => v ?? ''),
	condition: z.enum(returnConditions, { message: 'Choose the condition it came back in.' }).optional()
});

/** Every calendar day from `first` to `last`, inclusive (ISO dates, UTC). */
export function daysBetween(first: string, last: string): string[] {
	const days: string[] = [];
	for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${last}T00:00:00Z`); t += 86_400_000) {
		days.push(new Date(t).toISOString().slice(0, 10));
	}
	return days;
}

export const addDays = (day: string, n: number): string => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

/**
 * Units free on every one of `days`, lowest numbers first. `booked` lists (unit, day) pairs
 * already taken. A reservation keeps the same physical units for its whole loan.
 */
export function freeUnits(quantity: number, days: string[], booked: { unit_no: number; day: string }[]): number[] {
	const wanted = new Set(days);
	const busy = new Set(booked.filter((b) => wanted.has(b.day)).map((b) => b.unit_no));
	return Array.from({ length: quantity }, (_, i) => i + 1).filter((unit) => !busy.has(unit));
}

/** How many units are free on each day: the availability calendar. */
export function availabilityByDay(quantity: number, days: string[], booked: { unit_no: number; day: string }[]): { day: string; free: number }[] {
	const taken = new Map<string, number>();
	for (const b of booked) taken.set(b.day, (taken.get(b.day) ?? 0) + 1);
	return days.map((day) => ({ day, free: Math.max(0, quantity - (taken.get(day) ?? 0)) }));
}

/** A loan still out after its last day is overdue. */
export const isOverdue = (r: { status: string; ends_on: string }, today: string): boolean => r.status === 'picked_up' && r.ends_on < today;

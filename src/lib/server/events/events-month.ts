/**
 * The month grid of the public calendar (pure): weeks from Sunday to Saturday covering one
 * month, each day holding the events that start on it in the ecosystem's time zone.
 */
export interface MonthDay<T> {
	/** 'YYYY-MM-DD' */
	date: string;
	day: number;
	inMonth: boolean;
	events: T[];
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** '2031-03' → true; anything else (including years before 2000 or after 2100) → false. */
export function isMonth(value: string): boolean {
	const match = MONTH.exec(value);
	return !!match && Number(match[1]) >= 2000 && Number(match[1]) <= 2100;
}

/** The month before or after ('2031-12', +1 → '2032-01'). */
export function shiftMonth(month: string, by: number): string {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const date = new Date(Date.UTC(y, m - 1 + by, 1));
	return date.toISOString().slice(0, 7);
}

/** The weeks of `month`, Sunday first; `dayOf` gives an event's local 'YYYY-MM-DD'. */
export function monthGrid<T>(month: string, events: T[], dayOf: (event: T) => string): MonthDay<T>[][] {
	const [y, m] = month.split('-').map(Number) as [number, number];
	const first = new Date(Date.UTC(y, m - 1, 1));
	const start = new Date(first);
	start.setUTCDate(1 - first.getUTCDay());
	const byDay = new Map<string, T[]>();
	for (const event of events) {
		const day = dayOf(event);
		byDay.set(day, [...(byDay.get(day) ?? []), event]);
	}
	const weeks: MonthDay<T>[][] = [];
	const cursor = new Date(start);
	do {
		const week: MonthDay<T>[] = [];
		for (let i = 0; i < 7; i++) {
			const date = cursor.toISOString().slice(0, 10);
			week.push({ date, day: cursor.getUTCDate(), inMonth: date.startsWith(month), events: byDay.get(date) ?? [] });
			cursor.setUTCDate(cursor.getUTCDate() + 1);
		}
		weeks.push(week);
	} while (cursor.toISOString().slice(0, 7) === month);
	return weeks;
}

/** How many rows the returned form must draw so every submitted row shows again. */
export function rowsInValues(values: Record<string, string | undefined>) {
	const max = (prefix: string, keep: (key: string) => boolean = () => true) =>
		Math.max(-1, ...Object.keys(values).filter((k) => k.startsWith(prefix) && keep(k)).map((k) => Number(k.split('.')[1])));
	const weeklyLast = max('schedules.', (k) => k.endsWith('.freq'));
	const lastSchedule = max('schedules.');
	return { locationRows: max('locations.') + 1 || 1, weeklyRows: weeklyLast + 1 || 1, sessionRows: Math.max(1, lastSchedule - weeklyLast) };
}

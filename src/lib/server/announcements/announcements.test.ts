import { describe, expect, it } from 'vitest';
import { digestIsDue } from './announcements.js';

describe('digestIsDue: Monday from 7:00 in the ecosystem’s time zone', () => {
	it.each([
		// 2026-11-30 is a Monday.
		['2026-11-30T12:00:00Z', 'America/New_York', true], // 7:00 in Philadelphia
		['2026-11-30T11:59:00Z', 'America/New_York', false], // 6:59
		['2026-11-30T15:00:00Z', 'America/Los_Angeles', true], // 7:00 in Portland
		['2026-11-30T14:00:00Z', 'America/Los_Angeles', false], // 6:00 in Portland
		['2026-12-01T04:30:00Z', 'America/Los_Angeles', true], // Monday 20:30 in Portland, Tuesday in UTC
		['2026-12-01T05:00:00Z', 'America/New_York', false], // Tuesday 0:00 in Philadelphia
		['2026-11-29T23:00:00Z', 'UTC', false], // Sunday
		['2026-11-30T07:00:00Z', 'UTC', true],
		['2026-11-30T07:00:00Z', 'Not/A_Zone', true], // an unknown zone counts as UTC
		['2026-11-30T06:00:00Z', 'Not/A_Zone', false],
		// Summer time: 7:00 in Philadelphia is 11:00 UTC.
		['2026-06-01T11:00:00Z', 'America/New_York', true],
		['2026-06-01T10:59:00Z', 'America/New_York', false]
	] as const)('%s in %s → %s', (at, zone, due) => {
		expect(digestIsDue(new Date(at), zone)).toBe(due);
	});
});

import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { requireAccess } from '../auth/access.js';
import type { Actor } from '../auth/roles.js';
import { sectors } from '../partners/partners.js';
import { listPartners } from '../partners/partners.repository.js';
import { childrenOf } from './programs.repository.js';
import { searchPrograms } from './finder.repository.js';
import { hiddenBefore, listOf, subjects } from './programs.js';
import { ageBand, coverageMatrix, daysOf, findOverlaps, type OverlapProgram } from './overlap.js';

const isZip = (code: string) => /^\d{5}$/.test(code.slice(0, 5));

/**
 * For backbone staff: pairs of partners' programs that serve the same ZIPs, ages and subjects at
 * the same times (candidates for partnership), and the coverage of subjects and agenda
 * strategies by partner sector. Reads only what families may see (running, not hidden).
 */
export async function overlapAndCoverage({ db, actor, ecosystemId, now = new Date(), limit = 100 }: { db: Kysely<Database>; actor: Actor; ecosystemId: string; now?: Date; limit?: number }) {
	requireAccess(actor, 'ecosystem.assetmap.manage', { ecosystemId });
	const rows = await searchPrograms(db, ecosystemId, { words: [], visibleSince: hiddenBefore(now) }, 1_000_000);
	const { locations, schedules } = await childrenOf(db, ecosystemId, rows.map((r) => r.id));
	const programs: OverlapProgram[] = rows.map((r) => ({
		id: r.id,
		name: r.name,
		partnerId: r.partner_id,
		partnerName: r.partner_name,
		zips: [...new Set((locations.get(r.id) ?? []).map((l) => l.postal_code.slice(0, 5)).filter(isZip))],
		...ageBand(r),
		subjects: listOf(r.subjects_json),
		schedules: (schedules.get(r.id) ?? []).map((s) => ({ days: daysOf(s.byday), opens: s.opens_at, closes: s.closes_at, from: s.dtstart, until: s.freq ? s.until : s.dtstart }))
	}));
	const pairs = findOverlaps(programs, limit);

	const partners = await listPartners(db, ecosystemId);
	const sectorOf = new Map(partners.map((p) => [p.id, p.sector]));
	const bySubject = coverageMatrix(
		subjects,
		sectors,
		rows.flatMap((r) => listOf(r.subjects_json).map((subject) => ({ row: subject, sector: sectorOf.get(r.partner_id) ?? '', partner: r.partner_name })))
	);
	const activities = await db
		.selectFrom('agenda_activity as a')
		.innerJoin('agenda_strategy as s', (j) => j.onRef('s.id', '=', 'a.strategy_id').onRef('s.ecosystem_id', '=', 'a.ecosystem_id'))
		.innerJoin('partner as p', (j) => j.onRef('p.id', '=', 'a.partner_id').onRef('p.ecosystem_id', '=', 'a.ecosystem_id'))
		.select(['s.id as strategy_id', 'p.name as partner_name', 'p.sector'])
		.where('a.ecosystem_id', '=', ecosystemId)
		.execute();
	const strategies = await db
		.selectFrom('agenda_strategy')
		.select(['id', 'title', 'title_es'])
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('position')
		.orderBy('title')
		.execute();
	const byStrategy = coverageMatrix(
		strategies.map((s) => s.id),
		sectors,
		activities.map((a) => ({ row: a.strategy_id, sector: a.sector, partner: a.partner_name }))
	);
	return {
		programCount: rows.length,
		partnerCount: partners.length,
		pairs,
		sectors: [...sectors],
		bySubject,
		strategies,
		byStrategy
	};
}

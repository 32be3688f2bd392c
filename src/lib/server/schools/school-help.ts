/**
 * Which partners and professional development can help a school with one rubric domain.
 *
 * The rule is deliberately small and readable (documented in docs/educators.md):
 * 1. Grade band first. A PD offering fits when its grade bands share one with the school's; a
 *    partner fits when at least one of its active programs serves a grade in the school's bands
 *    (a program without a grade limit serves every grade).
 * 2. Then the domain. Each default rubric domain key has a fixed match below: PD audiences, words
 *    looked for in the PD topic (case- and accent-insensitive), and which partners count (by
 *    sector, by program format, or by free / sliding-scale programs). A domain staff added to the
 *    rubric (a key not listed) matches PD whose topic contains a word of 4+ letters of its name,
 *    and no partners: there is nothing in a partner's data to match it on honestly.
 * 3. Domains come ordered by the school's latest level, lowest first; domains not yet rated last.
 */

export interface DomainMatch {
	/** PD audiences that make an offering fit the domain. */
	audiences: string[];
	/** Word starts looked for in the PD topic (already lower-case, without accents). */
	topicWords: string[];
	/** Partner sectors that fit the domain. */
	sectors: string[];
	/** Program formats that make a partner fit the domain. */
	programFormats: string[];
	/** A partner fits when one of its (grade-fitting) programs is free or sliding-scale. */
	affordablePrograms: boolean;
}

export const domainMatches: Record<string, DomainMatch> = {
	leadership_culture: { audiences: ['administrators'], topicWords: ['leader', 'culture', 'coach', 'lideraz', 'cultura'], sectors: ['higher_ed', 'philanthropy'], programFormats: [], affordablePrograms: false },
	curriculum_instruction: {
		audiences: ['classroom_teachers'],
		topicWords: ['curricul', 'instruction', 'lesson', 'inquiry', 'pedagog', 'instruccion', 'leccion', 'indagacion'],
		sectors: [],
		programFormats: ['in_school'],
		affordablePrograms: false
	},
	partnerships: { audiences: [], topicWords: ['partner', 'industry', 'career', 'work-based', 'alianza', 'industria', 'carrera'], sectors: ['employer', 'higher_ed', 'community', 'ost'], programFormats: [], affordablePrograms: false },
	equity_access: {
		audiences: ['counsellors'],
		topicWords: ['equit', 'access', 'inclus', 'multilingual', 'bilingual', 'equidad', 'acceso', 'bilingue'],
		sectors: [],
		programFormats: [],
		affordablePrograms: true
	}
};

/** The grades (pre-K = -1, K = 0, postsecondary = 13+) each grade band covers. */
const bandGrades: Record<string, [number, number]> = { prek: [-1, -1], 'k-2': [0, 2], '3-5': [3, 5], '6-8': [6, 8], '9-12': [9, 12], postsecondary: [13, 16] };

const fold = (text: string) => text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export interface HelpOffering {
	id: string;
	audience: string;
	topic: string;
	gradeBands: string[];
}
export interface HelpProgram {
	formats: string[];
	gradeMin: number | null;
	gradeMax: number | null;
	costKind: string;
}
export interface HelpPartner {
	id: string;
	sector: string;
	programs: HelpProgram[];
}

export function programFitsBands(program: Pick<HelpProgram, 'gradeMin' | 'gradeMax'>, bands: string[]): boolean {
	const min = program.gradeMin ?? -Infinity;
	const max = program.gradeMax ?? Infinity;
	return bands.some((b) => {
		const range = bandGrades[b];
		return !!range && range[0] <= max && range[1] >= min;
	});
}

/** What makes an offering or partner fit a domain: the fixed match for its key, or words of its name. */
export function matchFor(domain: { key: string; name: string }): DomainMatch {
	return (
		domainMatches[domain.key] ?? {
			audiences: [],
			topicWords: fold(domain.name)
				.split(/[^\p{L}\p{N}]+/u)
				.filter((w) => w.length >= 4),
			sectors: [],
			programFormats: [],
			affordablePrograms: false
		}
	);
}

export function offeringFits(domain: { key: string; name: string }, offering: HelpOffering, bands: string[]): boolean {
	if (!offering.gradeBands.some((b) => bands.includes(b))) return false;
	const match = matchFor(domain);
	const topic = fold(offering.topic);
	return match.audiences.includes(offering.audience) || match.topicWords.some((w) => topic.includes(w));
}

export function partnerFits(domain: { key: string; name: string }, partner: HelpPartner, bands: string[]): boolean {
	const programs = partner.programs.filter((p) => programFitsBands(p, bands));
	if (!programs.length) return false;
	const match = matchFor(domain);
	return (
		match.sectors.includes(partner.sector) ||
		programs.some((p) => p.formats.some((f) => match.programFormats.includes(f))) ||
		(match.affordablePrograms && programs.some((p) => p.costKind === 'free' || p.costKind === 'sliding_scale'))
	);
}

/** Per domain, lowest latest level first (unrated last), the fitting offerings and partners (by id). */
export function helpByDomain(
	domains: { key: string; name: string }[],
	latestLevels: Record<string, number>,
	bands: string[],
	offerings: HelpOffering[],
	partners: HelpPartner[]
): { key: string; level: number | null; offeringIds: string[]; partnerIds: string[] }[] {
	return domains
		.map((d, position) => ({
			key: d.key,
			position,
			level: latestLevels[d.key] ?? null,
			offeringIds: offerings.filter((o) => offeringFits(d, o, bands)).map((o) => o.id),
			partnerIds: partners.filter((p) => partnerFits(d, p, bands)).map((p) => p.id)
		}))
		.sort((a, b) => (a.level ?? Infinity) - (b.level ?? Infinity) || a.position - b.position)
		.map(({ position: _position, ...rest }) => rest);
}

import * as m from '#lib/paraglide/messages.js';
import { subjectLabel, gradeBandLabel } from '#lib/pd-labels.js';

export function evidenceKindLabel(kind: string): string {
	switch (kind) {
		case 'tool': return m.evidence_kind_tool();
		case 'guide': return m.evidence_kind_guide();
		case 'curriculum': return m.evidence_kind_curriculum();
		case 'research_summary': return m.evidence_kind_research_summary();
		case 'proven_method': return m.evidence_kind_proven_method();
		default: return kind;
	}
}

export function essaTierLabel(tier: number | null): string {
	switch (tier) {
		case 1: return m.evidence_tier_1();
		case 2: return m.evidence_tier_2();
		case 3: return m.evidence_tier_3();
		case 4: return m.evidence_tier_4();
		default: return m.evidence_tier_none();
	}
}

function list(json: string): string[] {
	try {
		return JSON.parse(json) as string[];
	} catch {
		return [];
	}
}

export const subjectsText = (json: string): string => list(json).map(subjectLabel).join(', ');
export const gradesText = (json: string): string => list(json).map(gradeBandLabel).join(', ');
export const tagsOf = (json: string): string[] => list(json);

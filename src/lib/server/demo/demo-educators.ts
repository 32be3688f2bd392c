import type { Executor } from '../audit/audit.repository.js';
import { insertCreditType, insertOffering } from '../pd/pd.repository.js';
import type { OfferingInput } from '../pd/pd.js';
import { insertResource } from '../evidence/evidence.repository.js';
import type { ResourceInput } from '../evidence/evidence.js';
import { insertDomain, insertSchool, insertSchoolMember, listDomains, saveAssessment } from '../schools/schools.repository.js';
import { defaultLevels, defaultRubric } from '../schools/schools.js';

/** Grade bands of the demo schools (partners in demo-content.ts whose educators form the school team). */
const schoolBands: Record<string, string[]> = {
	'kestrel-park-stem-academy': ['9-12'],
	'fernhollow-elementary-steam-school': ['k-2', '3-5']
};

/**
 * Demo professional development for each demo ecosystem: the region's credit type and a few
 * fictional offerings (labelled demo on every page), with sessions a few weeks after seeding so
 * the catalog always looks current.
 */
interface DemoOffering {
	/** A partner slug from demo-content.ts, or null when the backbone provides it. */
	partnerSlug: string | null;
	slug: string;
	input: Omit<OfferingInput, 'sessions' | 'provider' | 'credit_type_id'>;
	/** Sessions as [days after seeding, start hour UTC, end hour UTC (same day), location]. */
	sessions: [number, number, number, string][];
}

const credits: Record<string, { code: string; name: string; name_es: string }> = {
	philadelphia: { code: 'act48', name: 'PA Act 48 hours', name_es: 'Horas Act 48 de Pensilvania' },
	portland: { code: 'or_pdu', name: 'Oregon PDUs', name_es: 'PDU de Oregón' }
};

const base = { grade_bands: [] as OfferingInput['grade_bands'], cost: 0, attendance_threshold: 100, reflection_required: false, publish: true, title_es: undefined, description_md_es: undefined };

const offerings: Record<string, DemoOffering[]> = {
	philadelphia: [
		{
			partnerSlug: null,
			slug: 'culturally-responsive-lab-investigations',
			input: {
				...base,
				title: 'Culturally responsive lab investigations (demo)',
				title_es: 'Investigaciones de laboratorio culturalmente receptivas (demo)',
				description_md: 'A fictional two-evening workshop: redesign one lab around a question from your students’ neighbourhood, then try it with colleagues.',
				description_md_es: 'Un taller ficticio de dos tardes: rediseñe una práctica de laboratorio en torno a una pregunta del barrio de sus estudiantes y pruébela con colegas.',
				topic: 'Culturally responsive science teaching',
				audience: 'classroom_teachers',
				grade_bands: ['6-8', '9-12'],
				subject: 'science',
				format: 'workshop',
				hours: 6,
				capacity: 24
			},
			sessions: [
				[21, 20, 23, 'Demo location: Larchwood University, Room 210'],
				[28, 20, 23, 'Demo location: Larchwood University, Room 210']
			]
		},
		{
			partnerSlug: 'brick-and-bolt-youth-makerspace',
			slug: 'makerspace-facilitation-for-afterschool-educators',
			input: {
				...base,
				title: 'Makerspace facilitation for after-school educators (demo)',
				description_md: 'Fictional series on running open-ended build challenges with mixed-age groups.',
				topic: 'Facilitating open-ended making',
				audience: 'ost_educators',
				grade_bands: ['3-5', '6-8'],
				subject: 'engineering',
				format: 'series',
				hours: 4.5,
				cost: 1500,
				capacity: 12,
				attendance_threshold: 67,
				reflection_required: true
			},
			sessions: [
				[14, 22, 23.5, 'Demo location: Brick and Bolt Youth Makerspace'],
				[21, 22, 23.5, 'Demo location: Brick and Bolt Youth Makerspace'],
				[28, 22, 23.5, 'Demo location: Brick and Bolt Youth Makerspace']
			]
		}
	],
	portland: [
		{
			partnerSlug: null,
			slug: 'math-in-real-life-design-studio',
			input: {
				...base,
				title: 'Math in real life: design studio (demo)',
				title_es: 'Matemáticas en la vida real: taller de diseño (demo)',
				description_md: 'A fictional course pairing math teachers with local employers to write problem-based units.',
				description_md_es: 'Un curso ficticio que une a docentes de matemáticas con empleadores locales para escribir unidades basadas en problemas.',
				topic: 'Problem-based math units',
				audience: 'classroom_teachers',
				grade_bands: ['6-8', '9-12'],
				subject: 'mathematics',
				format: 'course',
				hours: 10,
				capacity: 30
			},
			sessions: [
				[10, 16, 18.5, 'Demo location: Collaboratory hub'],
				[17, 16, 18.5, 'Demo location: Collaboratory hub'],
				[24, 16, 18.5, 'Demo location: Collaboratory hub'],
				[31, 16, 18.5, 'Demo location: Collaboratory hub']
			]
		},
		{
			partnerSlug: 'code-canoe-youth-coding',
			slug: 'intro-to-physical-computing-self-paced',
			input: {
				...base,
				title: 'Intro to physical computing, self-paced (demo)',
				description_md: 'A fictional self-paced module on microcontrollers for elementary and middle-school educators.',
				topic: 'Microcontrollers in the classroom',
				audience: 'all_educators',
				grade_bands: ['3-5', '6-8'],
				subject: 'computer_science',
				format: 'self_paced',
				hours: 2,
				capacity: 200
			},
			sessions: []
		}
	]
};

/** Fictional library entries; citations name fictional studies and say so. */
const resources: Record<string, (Omit<ResourceInput, 'title_es' | 'summary_es' | 'url'> & { slug: string; title_es?: string; summary_es?: string; url?: string })[]> = {
	philadelphia: [
		{
			slug: 'family-science-nights-playbook',
			kind: 'guide',
			title: 'Family science nights playbook (demo)',
			title_es: 'Guía de noches de ciencia en familia (demo)',
			summary: 'A fictional step-by-step guide to running bilingual family science nights at neighbourhood schools.',
			summary_es: 'Una guía ficticia paso a paso para organizar noches de ciencia bilingües en familia en las escuelas del barrio.',
			tags: ['family engagement', 'bilingual'],
			grade_bands: ['k-2', '3-5'],
			subjects: ['science'],
			essa_tier: 3,
			citation: 'Demo citation: Rivera & Chen (2024), a fictional correlational study of 12 schools.',
			url: 'https://example.org/demo/family-science-nights'
		},
		{
			slug: 'robotics-club-retention-method',
			kind: 'proven_method',
			title: 'Keeping girls in robotics clubs (demo)',
			summary: 'Fictional summary of mentoring and team-role rotation practices that keep middle-school girls in robotics.',
			tags: ['robotics', 'gender equity', 'retention'],
			grade_bands: ['6-8'],
			subjects: ['engineering', 'technology'],
			essa_tier: 2,
			citation: 'Demo citation: Okafor et al. (2023), a fictional quasi-experimental study with a matched comparison group.',
			url: 'https://example.org/demo/robotics-retention'
		}
	],
	portland: [
		{
			slug: 'math-in-real-life-unit-template',
			kind: 'curriculum',
			title: 'Math in real life unit template (demo)',
			title_es: 'Plantilla de unidad de matemáticas en la vida real (demo)',
			summary: 'A fictional template for problem-based math units written with local employers.',
			summary_es: 'Una plantilla ficticia para unidades de matemáticas basadas en problemas, escritas con empleadores locales.',
			tags: ['problem-based learning', 'career connected'],
			grade_bands: ['6-8', '9-12'],
			subjects: ['mathematics'],
			essa_tier: 4,
			citation: 'Demo citation: a fictional logic model linking employer-written problems to student engagement.',
			url: 'https://example.org/demo/math-in-real-life'
		},
		{
			slug: 'common-measures-observation-tool',
			kind: 'tool',
			title: 'STEM classroom observation tool (demo)',
			summary: 'A fictional observation protocol for hands-on STEM lessons, with a scoring guide.',
			tags: ['observation', 'instructional practice'],
			grade_bands: ['3-5', '6-8', '9-12'],
			subjects: ['integrated_stem'],
			essa_tier: null,
			citation: '',
			url: 'https://example.org/demo/observation-tool'
		}
	]
};

export async function insertDemoEducators(
	db: Executor,
	ecosystemId: string,
	ecosystemSlug: string,
	partnerIds: Map<string, string>,
	schoolTeams: { slug: string; name: string; userId: string }[],
	now = new Date()
) {
	const credit = credits[ecosystemSlug];
	const creditTypeId = credit ? await insertCreditType(db, ecosystemId, credit) : undefined;
	const date = (offset: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + offset)).toISOString().slice(0, 10);
	const time = (hour: number) => `${String(Math.floor(hour)).padStart(2, '0')}:${String(Math.round((hour % 1) * 60)).padStart(2, '0')}`;
	for (const offering of offerings[ecosystemSlug] ?? []) {
		const sessions = offering.sessions.map(([offset, start, end, location]) => ({ date: date(offset), start: time(start), end: time(end), location }));
		await insertOffering(db, ecosystemId, {
			slug: offering.slug,
			partnerId: offering.partnerSlug ? (partnerIds.get(offering.partnerSlug) ?? null) : null,
			createdBy: null,
			isDemo: true,
			input: { ...offering.input, provider: offering.partnerSlug ?? 'backbone', credit_type_id: creditTypeId, sessions }
		});
	}
	for (const { slug, ...input } of resources[ecosystemSlug] ?? []) {
		await insertResource(db, ecosystemId, { slug, status: 'published', input, fileId: null, partnerId: null, userId: null, isDemo: true });
	}
	for (const [position, domain] of defaultRubric.entries()) await insertDomain(db, ecosystemId, { ...domain, levels: defaultLevels, position });
	const domains = await listDomains(db, ecosystemId);
	for (const team of schoolTeams) {
		const schoolId = await insertSchool(db, ecosystemId, { slug: team.slug, name: `${team.name} (demo)`, gradeBands: schoolBands[team.slug] ?? ['6-8'], isDemo: true });
		await insertSchoolMember(db, ecosystemId, schoolId, team.userId);
		// Last year's self-assessment, so this year's shows growth.
		await saveAssessment(db, ecosystemId, {
			schoolId,
			year: now.getUTCFullYear() - 1,
			userId: team.userId,
			scores: domains.map((d, i) => ({ domainId: d.id, level: 1 + (i % 2), plan: '' }))
		});
	}
}

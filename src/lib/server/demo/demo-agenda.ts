/**
 * Demo common agendas (fictional, labelled as demo): one result per ecosystem with Access Index
 * indicators read from the demo measurement, strategies, partners' activities, a performance
 * measure and two actions (one overdue), written through the agenda's repositories.
 */
import type { Executor } from '../audit/audit.repository.js';
import { publicIndexes } from '../dashboard/dashboard.js';
import { loadDashboardInput } from '../dashboard/dashboard.service.js';
import * as repo from '../agenda/agenda.repository.js';
import { accessIndexSeries } from '../agenda/agenda-read.js';
import { straightLineTargets } from '../agenda/turn-the-curve.js';
import type { IndicatorInput } from '../agenda/agenda.js';
import * as healthRepo from '../health-check/health-check.repository.js';
import { conditions } from '../ecosystems/ecosystems.js';

interface DemoAgenda {
	/** Self-check answers (rungs in condition order) by partner slug: last year's closed round, this year's open one. */
	selfCheck: { closed: Record<string, number[]>; open: Record<string, number[]> };
	result: { title: string; title_es: string; statement: string; statement_es: string };
	indicators: { name: string; name_es: string; group: string; story: string; story_es: string }[];
	strategies: { title: string; title_es: string; description: string; description_es: string; partners: { slug: string; name: string; name_es: string; measure?: { name: string; name_es: string; kind: 'how_much' | 'how_well' | 'better_off'; values: [number, number][] } }[] }[];
	actions: { title: string; owner: string; dueInDays: number; status: 'planned' | 'in_progress' }[];
}

const demoAgendas: Record<string, DemoAgenda> = {
	philadelphia: {
		selfCheck: {
			closed: {
				'kestrel-park-stem-academy': [2, 1, 2, 3, 3],
				'faro-verde-youth-science-lab': [3, 2, 2, 3, 4],
				'sparkline-girls-code-club': [2, 2, 3, 2, 3],
				'tinicum-bridge-community-college': [3, 3, 2, 2, 4]
			},
			open: { 'faro-verde-youth-science-lab': [4, 3, 3, 4, 4] }
		},
		result: {
			title: 'Black, Latinx and women Philadelphians in STEM careers (demo)',
			title_es: 'Filadelfianos negros, latinos y mujeres en carreras STEM (demostración)',
			statement: 'By 2030, Black, Latinx and women Philadelphians enter STEM careers in proportion to their share of the working-age population (an Access Index of 1.0).',
			statement_es: 'Para 2030, los filadelfianos negros, latinos y las mujeres entran en carreras STEM en proporción a su parte de la población en edad de trabajar (un Índice de Acceso de 1,0).'
		},
		indicators: [
			{ name: 'Access Index: Black Philadelphians in the STEM workforce', name_es: 'Índice de Acceso: filadelfianos negros en la fuerza laboral STEM', group: 'black', story: 'Demo story: Black residents are under-represented in computer, engineering and science jobs. Partners point to few paid internships and hiring that relies on referrals.', story_es: 'Historia de demostración: los residentes negros están subrepresentados en empleos de computación, ingeniería y ciencias. Los socios señalan pocas pasantías pagadas y contrataciones que dependen de recomendaciones.' },
			{ name: 'Access Index: Latinx Philadelphians in the STEM workforce', name_es: 'Índice de Acceso: filadelfianos latinos en la fuerza laboral STEM', group: 'hispanic', story: 'Demo story: bilingual family outreach and community-college transfer paths are what partners say works.', story_es: 'Historia de demostración: los socios dicen que funcionan el acercamiento bilingüe a las familias y los caminos de transferencia desde el colegio comunitario.' },
			{ name: 'Access Index: women in the STEM workforce', name_es: 'Índice de Acceso: mujeres en la fuerza laboral STEM', group: 'female', story: '', story_es: '' }
		],
		strategies: [
			{
				title: 'Paid STEM internships for high-school and college students',
				title_es: 'Pasantías STEM pagadas para estudiantes de secundaria y universidad',
				description: 'Employers and colleges offer paid, mentored placements, recruited through neighbourhood partners.',
				description_es: 'Empleadores y universidades ofrecen puestos pagados y con mentoría, reclutados por socios de los barrios.',
				partners: [
					{ slug: 'brick-and-bolt-youth-makerspace', name: 'Summer maker apprenticeships (demo)', name_es: 'Aprendizajes de verano en el taller (demostración)', measure: { name: 'Apprentices who finished the summer', name_es: 'Aprendices que terminaron el verano', kind: 'how_well', values: [[2023, 18], [2024, 24], [2025, 31]] } },
					{ slug: 'helix-row-biotherapeutics', name: 'Lab technician internships (demo)', name_es: 'Pasantías de técnico de laboratorio (demostración)' }
				]
			},
			{
				title: 'Girls and young women into computing',
				title_es: 'Niñas y mujeres jóvenes en la computación',
				description: 'Clubs, mentors and women role models from middle school to the first job.',
				description_es: 'Clubes, mentoras y modelos a seguir desde la secundaria hasta el primer empleo.',
				partners: [{ slug: 'sparkline-girls-code-club', name: 'After-school coding clubs (demo)', name_es: 'Clubes de programación después de clases (demostración)' }]
			},
			{
				title: 'Fair hiring commitments from STEM employers',
				title_es: 'Compromisos de contratación justa de empleadores STEM',
				description: 'Employers publish their hiring data and commit to skills-based hiring.',
				description_es: 'Los empleadores publican sus datos de contratación y se comprometen a contratar por habilidades.',
				partners: []
			}
		],
		actions: [
			{ title: 'Convene STEM employers on skills-based hiring (demo)', owner: 'dana.admin@philadelphia.demo.parity.example', dueInDays: -14, status: 'in_progress' },
			{ title: 'Draft the bilingual internship recruitment guide (demo)', owner: 'luis.staff@philadelphia.demo.parity.example', dueInDays: 30, status: 'planned' }
		]
	},
	portland: {
		selfCheck: {
			closed: {
				'riverlight-youth-science-club': [3, 2, 2, 4, 3],
				'code-canoe-youth-coding': [2, 2, 3, 3, 3],
				'puente-curioso-family-science': [4, 2, 3, 4, 4]
			},
			open: {}
		},
		result: {
			title: 'Black, Indigenous and Latine youth reach STEM careers (demo)',
			title_es: 'Jóvenes negros, indígenas y latinos llegan a carreras STEM (demostración)',
			statement: 'By 2030, Black and Latine Oregonians and women hold STEM jobs in proportion to their share of the working-age population.',
			statement_es: 'Para 2030, los oregonianos negros y latinos y las mujeres ocupan empleos STEM en proporción a su parte de la población en edad de trabajar.'
		},
		indicators: [
			{ name: 'Access Index: Latine Oregonians in the STEM workforce', name_es: 'Índice de Acceso: oregonianos latinos en la fuerza laboral STEM', group: 'hispanic', story: 'Demo story: family science nights in Spanish have grown; the pipeline narrows at community college.', story_es: 'Historia de demostración: las noches de ciencia en familia en español han crecido; el camino se estrecha en el colegio comunitario.' },
			{ name: 'Access Index: women in the STEM workforce', name_es: 'Índice de Acceso: mujeres en la fuerza laboral STEM', group: 'female', story: '', story_es: '' }
		],
		strategies: [
			{
				title: 'Culturally specific STEM learning outside school',
				title_es: 'Aprendizaje STEM culturalmente específico fuera de la escuela',
				description: 'Programs led by and for the communities they serve.',
				description_es: 'Programas dirigidos por y para las comunidades a las que sirven.',
				partners: [{ slug: 'puente-curioso-family-science', name: 'Family science nights in Spanish (demo)', name_es: 'Noches de ciencia en familia en español (demostración)', measure: { name: 'Families attending', name_es: 'Familias que asistieron', kind: 'how_much', values: [[2023, 120], [2024, 150], [2025, 185]] } }]
			},
			{
				title: 'Registered apprenticeships with regional employers',
				title_es: 'Aprendizajes registrados con empleadores regionales',
				description: 'Earn-and-learn routes into semiconductor and transit engineering jobs.',
				description_es: 'Rutas de aprender trabajando hacia empleos en semiconductores e ingeniería de transporte.',
				partners: []
			}
		],
		actions: [{ title: 'Meet employers about apprenticeship slots (demo)', owner: 'mei.admin@portland.demo.parity.example', dueInDays: -7, status: 'planned' }]
	}
};

export async function insertDemoAgenda(
	db: Executor,
	ecosystemId: string,
	slug: string,
	{ partnerIds, userIds }: { partnerIds: ReadonlyMap<string, string>; userIds: ReadonlyMap<string, string> }
): Promise<void> {
	const demo = demoAgendas[slug];
	if (!demo) return;
	const resultId = await repo.insertResult(db, ecosystemId, `${slug}-stem-careers`, { ...demo.result, published: true }, 0);
	const measurement = await loadDashboardInput(db, ecosystemId);
	const indexes = measurement ? publicIndexes(measurement) : null;
	const goalYear = measurement?.ecosystem.goal_year ?? 2030;
	const metric = indexes?.metrics.find((m) => m.stage === 'workforce');
	let position = 0;
	for (const indicator of demo.indicators) {
		const series = indexes && metric ? accessIndexSeries(indexes, metric.id, indicator.group) : [];
		const baseline = series.find((p) => p.value !== null);
		const input: IndicatorInput = {
			result_id: resultId,
			name: indicator.name,
			name_es: indicator.name_es,
			source: 'access_index',
			metric_id: metric?.id,
			group_key: indicator.group,
			unit: 'index',
			polarity: 'up',
			baseline_year: baseline?.year,
			baseline_value: baseline?.value ?? null,
			target_year: goalYear,
			final_target: 1,
			targets: [],
			values: [],
			forecast_window: 5,
			story_md: indicator.story,
			story_md_es: indicator.story_es || undefined
		};
		const id = await repo.insertIndicator(db, ecosystemId, `${slug}-${indicator.group.replace(':', '-')}-stem-workforce`, input, position++);
		if (baseline?.value != null) {
			const targets = straightLineTargets({ baseline: { year: baseline.year, value: baseline.value }, final: { year: goalYear, value: 1 } });
			await repo.replaceYearValues(db, 'agenda_target', ecosystemId, id, targets);
		}
	}
	position = 0;
	for (const strategy of demo.strategies) {
		const strategyId = await repo.insertStrategy(db, ecosystemId, { result_id: resultId, ...strategy }, position++);
		for (const partner of strategy.partners) {
			const partnerId = partnerIds.get(partner.slug);
			if (!partnerId) continue;
			const activityId = await repo.insertActivity(db, ecosystemId, partnerId, { strategy_id: strategyId, name: partner.name, name_es: partner.name_es, description: '' });
			if (partner.measure) {
				const { values, ...measure } = partner.measure;
				await repo.insertMeasure(db, ecosystemId, { activity_id: activityId, ...measure, polarity: 'up', values: values.map(([year, value]) => ({ year, value })) });
			}
		}
	}
	for (const action of demo.actions) {
		const owner = userIds.get(action.owner);
		if (!owner) continue;
		const due = new Date(Date.now() + action.dueInDays * 24 * 3600 * 1000).toISOString().slice(0, 10);
		await repo.insertAction(db, ecosystemId, { result_id: resultId, title: action.title, owner_user_id: owner, due_on: due, status: action.status, notes: '' });
	}
	const answeredBy = userIds.values().next().value ?? '';
	for (const [which, answers] of [['closed', demo.selfCheck.closed], ['open', demo.selfCheck.open]] as const) {
		const year = new Date().getUTCFullYear() - (which === 'closed' ? 1 : 0);
		const roundId = await healthRepo.insertRound(db, ecosystemId, { title: `Self-check ${year} (demo)`, year });
		for (const [partnerSlug, rungs] of Object.entries(answers)) {
			const partnerId = partnerIds.get(partnerSlug);
			if (!partnerId) continue;
			const answersJson = JSON.stringify(Object.fromEntries(conditions.map((c, i) => [c, rungs[i]])));
			await healthRepo.saveResponse(db, ecosystemId, { roundId, partnerId, answersJson, comment: '', userId: answeredBy });
		}
		if (which === 'closed') await healthRepo.closeRounds(db, ecosystemId, roundId);
	}
}

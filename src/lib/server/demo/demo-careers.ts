import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Executor } from '../audit/audit.repository.js';
import type { Database } from '../db/schema.js';
import { importAreaEducationFile, importOccupationsFile, SHARED_EDUCATION_FILE, SHARED_ONET_FILE } from '../careers/careers.service.js';
import { findOccupation } from '../careers/careers.repository.js';
import { insertOpportunity } from '../opportunities/opportunities.repository.js';
import { opportunitySchema } from '../opportunities/opportunities.js';
import { insertItem } from '../lending/lending.repository.js';
import { itemSchema } from '../lending/lending.js';
import { insertNeed, insertOffer } from '../matchmaking/matchmaking.repository.js';
import { needSchema, offerSchema } from '../matchmaking/matchmaking.js';
import { insertCommitment, insertUpdate } from '../commitments/commitments.repository.js';
import * as projects from '../projects/projects.repository.js';
import { listStrategies } from '../agenda/agenda.repository.js';

/**
 * Fictional opportunities for the demo ecosystems, every one labelled "(demo)". Deadlines are
 * counted from the day the demo is seeded so the list is never empty. Career areas come from the
 * O*NET list when it was imported; without it the opportunities simply name no career.
 */
interface DemoOpportunity {
	partnerSlug: string;
	slug: string;
	daysToDeadline: number;
	input: Record<string, string | string[]>;
}

export const demoOpportunities: Record<string, DemoOpportunity[]> = {
	philadelphia: [
		{
			partnerSlug: 'helix-row-biotherapeutics',
			slug: 'summer-biomanufacturing-research-internship',
			daysToDeadline: 45,
			input: {
				kind: 'internship', audience: 'youth', occupation_code: '19-1021.00',
				title: 'Summer biomanufacturing research internship (demo)',
				title_es: 'Pasantía de verano en investigación de biomanufactura (demo)',
				description_md: 'Six weeks in our cell-therapy lab in University City, paired with a scientist mentor. You will prepare media, run assays and present a poster at the end of the summer. Fictional demo posting.',
				description_md_es: 'Seis semanas en nuestro laboratorio de terapia celular en University City, con una científica como mentora. Prepararás medios, harás ensayos y presentarás un póster al final del verano. Anuncio ficticio de demostración.',
				min_age: '16', max_age: '19', min_grade: '10', max_grade: '12', focus: ['black', 'hispanic', 'women_girls'],
				location: 'University City, Philadelphia', pay_kind: 'stipend', pay_amount: '2400', pay_period: 'total', places: '10'
			}
		},
		{
			partnerSlug: 'cobalt-crescent-software',
			slug: 'shadow-a-software-developer',
			daysToDeadline: 20,
			input: {
				kind: 'job_shadow', audience: 'youth', occupation_code: '15-1252.00',
				title: 'Shadow a software developer for a day (demo)',
				title_es: 'Acompaña a una desarrolladora de software por un día (demo)',
				description_md: 'Spend a school day with our product team: stand-up meeting, pair programming, and lunch with developers who grew up in Philadelphia. Fictional demo posting.',
				description_md_es: 'Pasa un día escolar con nuestro equipo: reunión diaria, programación en pareja y almuerzo con desarrolladores que crecieron en Filadelfia. Anuncio ficticio de demostración.',
				min_age: '14', max_age: '18', location: 'Old City, Philadelphia', pay_kind: 'unpaid', places: '12'
			}
		},
		{
			partnerSlug: 'larchwood-university-college-of-science',
			slug: 'summer-research-externship-for-science-teachers',
			daysToDeadline: 60,
			input: {
				kind: 'externship', audience: 'educators', occupation_code: '19-2031.00',
				title: 'Summer research externship for science teachers (demo)',
				title_es: 'Pasantía de investigación de verano para docentes de ciencias (demo)',
				description_md: 'Four weeks in a chemistry research group, then a week turning the experience into a classroom unit with our outreach team. Fictional demo posting.',
				description_md_es: 'Cuatro semanas en un grupo de investigación en química y una semana para convertir la experiencia en una unidad de clase. Anuncio ficticio de demostración.',
				location: 'Larchwood campus', pay_kind: 'stipend', pay_amount: '3500', pay_period: 'total', places: '6'
			}
		},
		{
			partnerSlug: 'marigold-futures-fund',
			slug: 'future-nurses-scholarship',
			daysToDeadline: 75,
			input: {
				kind: 'scholarship', audience: 'youth', occupation_code: '29-1141.00',
				title: 'Future nurses scholarship (demo)',
				title_es: 'Beca para futuras enfermeras y enfermeros (demo)',
				description_md: 'A scholarship for high school seniors from Philadelphia who plan to study nursing at a two- or four-year college. Fictional demo posting.',
				description_md_es: 'Una beca para estudiantes de último año de Filadelfia que planean estudiar enfermería. Anuncio ficticio de demostración.',
				min_grade: '12', max_grade: '12', pay_kind: 'paid', pay_amount: '2500', pay_period: 'total', places: '8', focus: ['first_generation', 'low_income']
			}
		}
	],
	portland: [
		{
			partnerSlug: 'ferngate-semiconductor',
			slug: 'paid-summer-internship-in-chip-testing',
			daysToDeadline: 40,
			input: {
				kind: 'internship', audience: 'youth', occupation_code: '17-2072.00',
				title: 'Paid summer internship in chip testing (demo)',
				title_es: 'Pasantía pagada de verano en pruebas de chips (demo)',
				description_md: 'Eight weeks in our test lab in Hillsboro: learn how engineers check that every chip works, with a mentor and a final project. Fictional demo posting.',
				description_md_es: 'Ocho semanas en nuestro laboratorio de pruebas en Hillsboro: aprende cómo los ingenieros comprueban cada chip, con mentoría y un proyecto final. Anuncio ficticio de demostración.',
				min_age: '16', max_age: '19', location: 'Hillsboro, OR', pay_kind: 'paid', pay_amount: '19', pay_period: 'hour', places: '8',
				focus: ['hispanic', 'indigenous', 'women_girls']
			}
		},
		{
			partnerSlug: 'greenline-transit-engineering',
			slug: 'bridge-and-rail-site-visit',
			daysToDeadline: 25,
			input: {
				kind: 'site_visit', audience: 'educators', occupation_code: '17-2051.01',
				title: 'Bridge and rail site visit for your class (demo)',
				title_es: 'Visita a obras de puentes y trenes para tu clase (demo)',
				description_md: 'Bring a class of up to 30 students to an active light-rail construction site with our transportation engineers. Fictional demo posting.',
				description_md_es: 'Trae una clase de hasta 30 estudiantes a una obra de tren ligero con nuestros ingenieros de transporte. Anuncio ficticio de demostración.',
				location: 'Portland, OR', pay_kind: 'unpaid', places: '5'
			}
		},
		{
			partnerSlug: 'code-canoe-youth-coding',
			slug: 'coding-mentors-for-teens',
			daysToDeadline: 30,
			input: {
				kind: 'mentoring', audience: 'youth', occupation_code: '15-1252.00',
				title: 'Weekly coding mentor for teens (demo)',
				title_es: 'Mentoría semanal de programación para adolescentes (demo)',
				description_md: 'Meet a software developer mentor every Thursday evening for ten weeks and build a web app together. Fictional demo posting.',
				description_md_es: 'Reúnete con una mentora desarrolladora cada jueves por la tarde durante diez semanas y crea una aplicación web. Anuncio ficticio de demostración.',
				min_age: '13', max_age: '18', location: 'North Portland', pay_kind: 'unpaid', places: '15'
			}
		}
	]
};

/**
 * Imports the O*NET list and NCSES's education table for the demo when the shared data sits beside the checkout; without it
 * opportunities name no career. (Distances use geo/zip-centroids.ts, which needs no import.)
 */
export async function importDemoReferenceData(db: Kysely<Database>): Promise<void> {
	const imports = [
		{ file: SHARED_ONET_FILE, run: (file: string) => importOccupationsFile({ db, file }), what: 'the O*NET list (npm run import:occupations)' },
		{ file: SHARED_EDUCATION_FILE, run: (file: string) => importAreaEducationFile({ db, file }), what: 'the education of STEM workers (npm run import:occupations)' }
	];
	for (const { file: relative, run, what } of imports) {
		const file = path.resolve(process.cwd(), relative);
		if (!existsSync(file)) {
			console.warn(`Parity demo: ${file} is absent, so ${what} was not imported.`);
			continue;
		}
		const outcome = await run(file);
		if (!outcome.ok) console.warn(`Parity demo: ${what} was not imported: ${outcome.problems.join('; ')}`);
	}
}

export async function insertDemoOpportunities(db: Executor, ecosystemId: string, ecosystemSlug: string, partnerIds: Map<string, string>): Promise<void> {
	for (const demo of demoOpportunities[ecosystemSlug] ?? []) {
		const deadline = new Date(Date.now() + demo.daysToDeadline * 86_400_000).toISOString().slice(0, 10);
		const input = opportunitySchema.parse({ ...demo.input, deadline });
		if (input.occupation_code && !(await findOccupation(db, input.occupation_code))) delete input.occupation_code;
		await insertOpportunity(db, { ecosystemId, partnerId: partnerIds.get(demo.partnerSlug)!, slug: demo.slug, postedBy: null, isDemo: true, input });
	}
}

/** Fictional lendable equipment, labelled "(demo)". */
export const demoLendingItems: Record<string, { partnerSlug: string; slug: string; input: Record<string, string> }[]> = {
	philadelphia: [
		{
			partnerSlug: 'cedar-hollow-library-fab-lab',
			slug: 'classroom-microscope-kit',
			input: {
				name: 'Classroom microscope kit (demo)', name_es: 'Kit de microscopios para el aula (demo)',
				description: 'Eight compound microscopes with prepared slides, in two rolling cases.', description_es: 'Ocho microscopios compuestos con muestras preparadas, en dos maletas con ruedas.',
				quantity: '3', condition: 'good', pickup_location: 'Fab Lab front desk'
			}
		},
		{
			partnerSlug: 'brick-and-bolt-youth-makerspace',
			slug: 'robotics-starter-kit',
			input: {
				name: 'Robotics starter kit (demo)', name_es: 'Kit de robótica para empezar (demo)',
				description: 'Twelve programmable robots with sensors and a laptop cart, for one class.', description_es: 'Doce robots programables con sensores y un carrito de laptops, para una clase.',
				quantity: '1', condition: 'fair', pickup_location: 'Makerspace loading door'
			}
		}
	],
	portland: [
		{
			partnerSlug: 'tri-river-county-library-maker-commons',
			slug: 'water-quality-sensor-kit',
			input: {
				name: 'Water-quality sensor kit (demo)', name_es: 'Kit de sensores de calidad del agua (demo)',
				description: 'Temperature, pH and turbidity probes with data loggers, for field trips to the slough.', description_es: 'Sondas de temperatura, pH y turbidez con registradores, para salidas de campo.',
				quantity: '4', condition: 'new', pickup_location: 'Maker Commons desk'
			}
		}
	]
};

export async function insertDemoLending(db: Executor, ecosystemId: string, ecosystemSlug: string, partnerIds: Map<string, string>): Promise<void> {
	for (const demo of demoLendingItems[ecosystemSlug] ?? []) {
		await insertItem(db, { ecosystemId, partnerId: partnerIds.get(demo.partnerSlug)!, slug: demo.slug, input: itemSchema.parse(demo.input), isDemo: true });
	}
}

const day = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

/** Fictional needs (posted by the demo educators) and partner offers, labelled "(demo)". */
export const demoMatchmaking: Record<string, { needs: { by: string; input: Record<string, string> }[]; offers: { partnerSlug: string; input: Record<string, string | string[]> }[] }> = {
	philadelphia: {
		needs: [
			{ by: 'andre.educator@philadelphia.demo.parity.example', input: { kind: 'speaker', title: 'A scientist to speak to 9th-grade biology (demo)', description: 'Thirty students are starting a unit on cells and would love to meet someone who works in a lab.', subject: 'biology', grade_band: '9_12', zip: '19121', focus_share: '85' } },
			{ by: 'andre.educator@philadelphia.demo.parity.example', input: { kind: 'field_trip', title: 'A host for an environmental science field trip (demo)', description: 'Two classes want to see water testing in the field.', subject: 'earth_environment', grade_band: '6_8', zip: '19121', focus_share: '85' } }
		],
		offers: [
			{ partnerSlug: 'helix-row-biotherapeutics', input: { kind: 'speaker', title: 'Lab scientists visit classrooms (demo)', description: 'Our scientists bring a short talk and a hands-on activity.', subjects: ['biology', 'chemistry'], grade_bands: ['9_12'], zip: '19104' } },
			{ partnerSlug: 'cobalt-crescent-software', input: { kind: 'coach', title: 'Developers coach robotics clubs (demo)', description: 'Weekly volunteers for after-school robotics and coding clubs.', subjects: ['computer_science', 'engineering_robotics'], grade_bands: ['6_8', '9_12'], zip: '19106' } }
		]
	},
	portland: {
		needs: [
			{ by: 'tasha.educator@portland.demo.parity.example', input: { kind: 'speaker', title: 'An engineer for our 4th-grade STEAM week (demo)', description: 'A short visit about how bridges and trains are built.', subject: 'engineering_robotics', grade_band: 'k_5', zip: '97217', focus_share: '70' } }
		],
		offers: [
			{ partnerSlug: 'greenline-transit-engineering', input: { kind: 'speaker', title: 'Transportation engineers visit classrooms (demo)', description: 'Engineers from our light-rail team bring models and stories.', subjects: ['engineering_robotics', 'physics'], grade_bands: ['k_5', '6_8'], zip: '97201' } }
		]
	}
};

export async function insertDemoMatchmaking(db: Executor, ecosystemId: string, ecosystemSlug: string, partnerIds: Map<string, string>, memberships: Map<string, { userId: string; partnerId: string | null }>): Promise<void> {
	const demo = demoMatchmaking[ecosystemSlug];
	if (!demo) return;
	for (const need of demo.needs) {
		const poster = memberships.get(need.by)!;
		const input = needSchema.parse({ ...need.input, needed_from: day(7), needed_by: day(60) });
		await insertNeed(db, { ecosystemId, userId: poster.userId, partnerId: poster.partnerId, isDemo: true, ...input });
	}
	for (const offer of demo.offers) {
		const input = offerSchema.parse({ ...offer.input, available_from: day(0), available_until: day(180) });
		await insertOffer(db, { ecosystemId, partnerId: partnerIds.get(offer.partnerSlug)!, userId: null, isDemo: true, ...input });
	}
}

/** Fictional commitments with progress, labelled "(demo)". */
export const demoCommitments: Record<string, { partnerSlug: string; title: string; title_es: string; target: number; unit: string; unit_es: string; years: number; progress: number[] }[]> = {
	philadelphia: [
		{ partnerSlug: 'helix-row-biotherapeutics', title: '200 paid internships for Philadelphia youth (demo)', title_es: '200 pasantías pagadas para jóvenes de Filadelfia (demo)', target: 200, unit: 'paid internships', unit_es: 'pasantías pagadas', years: 1, progress: [40, 85] },
		{ partnerSlug: 'larchwood-university-college-of-science', title: '60 science teachers in summer research (demo)', title_es: '60 docentes de ciencias en investigación de verano (demo)', target: 60, unit: 'teachers', unit_es: 'docentes', years: 3, progress: [12] }
	],
	portland: [
		{ partnerSlug: 'ferngate-semiconductor', title: '120 paid summer internships (demo)', title_es: '120 pasantías de verano pagadas (demo)', target: 120, unit: 'internships', unit_es: 'pasantías', years: 2, progress: [30] }
	]
};

export async function insertDemoCommitments(db: Executor, ecosystemId: string, ecosystemSlug: string, partnerIds: Map<string, string>): Promise<void> {
	const year = new Date().getUTCFullYear();
	for (const c of demoCommitments[ecosystemSlug] ?? []) {
		const id = await insertCommitment(db, { ecosystemId, partnerId: partnerIds.get(c.partnerSlug)!, userId: null, isDemo: true, title: c.title, title_es: c.title_es, description: '', target: c.target, unit: c.unit, unit_es: c.unit_es, due_year: year + c.years });
		let daysAgo = 30 * c.progress.length;
		for (const progress of c.progress) {
			await insertUpdate(db, { ecosystemId, commitmentId: id, userId: null, progress, note: '', at: new Date(Date.now() - daysAgo * 86_400_000).toISOString() });
			daysAgo -= 30;
		}
	}
}

interface DemoProject {
	slug: string;
	title: string;
	title_es: string;
	summary: string;
	summary_es: string;
	lead: string;
	partners: { slug: string; role: string; role_es: string }[];
	goals: { text: string; text_es: string }[];
	milestones: { title: string; title_es: string; owner: string; dueInDays: number; done?: boolean }[];
	update: string;
}

/** Fictional multi-partner projects (labelled demo); their first goal serves the agenda's first strategy when there is one. */
const demoProjects: Record<string, DemoProject[]> = {
	philadelphia: [
		{
			slug: 'robotics-in-north-philadelphia-middle-schools',
			title: 'Robotics in North Philadelphia middle schools (demo)',
			title_es: 'Robótica en las escuelas intermedias del norte de Filadelfia (demo)',
			summary: 'Three partners bring weekly after-school robotics clubs to middle schools serving mostly Black and Latinx students, with kits, trained coaches and a spring showcase. Fictional demo project.',
			summary_es: 'Tres organizaciones llevan clubes semanales de robótica después de clases a escuelas intermedias con mayoría de estudiantes negros y latinos, con kits, entrenadores capacitados y una muestra en primavera. Proyecto ficticio de demostración.',
			lead: 'brick-and-bolt-youth-makerspace',
			partners: [
				{ slug: 'brick-and-bolt-youth-makerspace', role: 'Runs the clubs and trains the coaches', role_es: 'Dirige los clubes y capacita a los entrenadores' },
				{ slug: 'faro-verde-youth-science-lab', role: 'Lends kits and sends bilingual mentors', role_es: 'Presta kits y envía mentores bilingües' },
				{ slug: 'tinicum-bridge-community-college', role: 'Hosts the spring showcase on campus', role_es: 'Acoge la muestra de primavera en su campus' }
			],
			goals: [
				{ text: '120 students in weekly robotics clubs by June', text_es: '120 estudiantes en clubes semanales de robótica para junio' },
				{ text: 'At least half of club members are girls', text_es: 'Al menos la mitad de los miembros de los clubes son niñas' }
			],
			milestones: [
				{ title: 'Coaches trained', title_es: 'Entrenadores capacitados', owner: 'brick-and-bolt-youth-makerspace', dueInDays: -20, done: true },
				{ title: 'Kits delivered to six schools', title_es: 'Kits entregados a seis escuelas', owner: 'faro-verde-youth-science-lab', dueInDays: 14 },
				{ title: 'Spring showcase', title_es: 'Muestra de primavera', owner: 'tinicum-bridge-community-college', dueInDays: 120 }
			],
			update: 'Coach training is done: 14 coaches, 9 of them bilingual. (Demo update.)'
		}
	],
	portland: [
		{
			slug: 'river-science-summer-partnership',
			title: 'River science summer partnership (demo)',
			title_es: 'Alianza de verano de ciencias del río (demo)',
			summary: 'Partners run a six-week summer program on water quality along the Columbia Slough, with paid youth field assistants. Fictional demo project.',
			summary_es: 'Varias organizaciones organizan un programa de verano de seis semanas sobre la calidad del agua en el Columbia Slough, con jóvenes asistentes de campo con pago. Proyecto ficticio de demostración.',
			lead: 'tri-river-county-library-maker-commons',
			partners: [
				{ slug: 'tri-river-county-library-maker-commons', role: 'Coordinates and hosts the lab days', role_es: 'Coordina y acoge los días de laboratorio' },
				{ slug: 'ferngate-semiconductor', role: 'Pays the youth field assistants', role_es: 'Paga a los jóvenes asistentes de campo' }
			],
			goals: [{ text: '40 youth complete the summer program', text_es: '40 jóvenes completan el programa de verano' }],
			milestones: [{ title: 'Field assistants hired', title_es: 'Asistentes de campo contratados', owner: 'ferngate-semiconductor', dueInDays: 30 }],
			update: 'Applications for field assistants open next week. (Demo update.)'
		}
	]
};

export async function insertDemoProjects(db: Executor, ecosystemId: string, ecosystemSlug: string, partnerIds: Map<string, string>): Promise<void> {
	const strategies = await listStrategies(db, ecosystemId);
	const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
	for (const p of demoProjects[ecosystemSlug] ?? []) {
		const leadId = partnerIds.get(p.lead);
		if (!leadId || p.partners.some((x) => !partnerIds.has(x.slug))) continue;
		const id = await projects.insertProject(db, { ecosystemId, slug: p.slug, title: p.title, title_es: p.title_es, summary: p.summary, summary_es: p.summary_es, leadPartnerId: leadId, userId: null, isDemo: true });
		for (const x of p.partners) await projects.insertProjectPartner(db, { ecosystemId, projectId: id, partnerId: partnerIds.get(x.slug)!, role: x.role, role_es: x.role_es });
		for (const [i, g] of p.goals.entries()) await projects.insertGoal(db, { ecosystemId, projectId: id, text: g.text, text_es: g.text_es, strategyId: i === 0 ? (strategies[0]?.id ?? null) : null });
		for (const ms of p.milestones) {
			const milestoneId = await projects.insertMilestone(db, { ecosystemId, projectId: id, title: ms.title, title_es: ms.title_es, ownerPartnerId: partnerIds.get(ms.owner)!, dueOn: day(ms.dueInDays) });
			if (ms.done) await projects.completeMilestone(db, ecosystemId, milestoneId);
		}
		await projects.insertUpdate(db, { ecosystemId, projectId: id, userId: null, authorName: 'Demo', body: p.update });
	}
}

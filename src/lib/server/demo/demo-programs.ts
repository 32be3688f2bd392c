import type { Executor } from '../audit/audit.repository.js';
import { insertProgram } from '../programs/programs.repository.js';
import { prepareProgramWrite } from '../programs/programs.service.js';
import { findPartnerById } from '../partners/partners.repository.js';

/**
 * Fictional demo programs (labelled as demo on every page) for both demo ecosystems. Places use
 * real ZIP codes of each region, located at the ZIP's centre; street addresses are invented.
 * Each ecosystem has one pair of programs from different partners that overlap (same ZIP, ages,
 * subject and afternoons) for the overlap finder, and one listing overdue for confirmation.
 */
interface DemoProgram {
	partner: string;
	name: string;
	name_es: string;
	description: string;
	description_es: string;
	subjects: string[];
	formats: string[];
	languages: string[];
	populations?: string[];
	ages?: [number, number];
	grades?: [number, number];
	cost: 'free' | 'paid' | 'sliding_scale';
	fee?: number;
	capacity: number;
	place?: { name: string; address: string; zip: string; city: string; state: string };
	weekly?: { days: string[]; opens: string; closes: string; from: string; until?: string };
	once?: { date: string; opens: string; closes: string; note: string };
	verifiedDaysAgo: number;
	howToApply: string;
	howToApply_es: string;
}

const phl = (name: string, address: string, zip: string) => ({ name, address, zip, city: 'Philadelphia', state: 'PA' });
const pdx = (name: string, address: string, zip: string, city = 'Portland') => ({ name, address, zip, city, state: zip.startsWith('98') ? 'WA' : 'OR' });

const programs: Record<string, DemoProgram[]> = {
	philadelphia: [
		{
			partner: 'brick-and-bolt-youth-makerspace',
			name: 'Robot Builders After School (demo)',
			name_es: 'Constructores de robots después de clases (demo)',
			description: 'Middle schoolers design, wire and program robots in small teams, then show them at a spring expo.',
			description_es: 'Estudiantes de secundaria diseñan, conectan y programan robots en equipos pequeños y los presentan en una feria de primavera.',
			subjects: ['robotics', 'engineering'],
			formats: ['after_school'],
			languages: ['en', 'es'],
			populations: ['girls', 'hispanic'],
			ages: [10, 14],
			cost: 'free',
			capacity: 24,
			place: phl('Brick and Bolt shop floor', '1200 N Demo St', '19122'),
			weekly: { days: ['TU', 'TH'], opens: '15:30', closes: '17:30', from: '2026-09-08', until: '2027-06-10' },
			verifiedDaysAgo: 20,
			howToApply: 'Fill in the sign-up sheet at the front desk or email us.',
			howToApply_es: 'Llene la hoja de inscripción en la recepción o escríbanos.'
		},
		{
			partner: 'block-by-block-mentors-alliance',
			name: 'Neighborhood Robotics Crew (demo)',
			name_es: 'Equipo de robótica del barrio (demo)',
			description: 'Mentors from the block coach a robotics team that builds for a citywide competition.',
			description_es: 'Mentores del barrio entrenan a un equipo de robótica que compite en toda la ciudad.',
			subjects: ['robotics', 'coding'],
			formats: ['after_school'],
			languages: ['en'],
			populations: ['black'],
			ages: [11, 15],
			cost: 'free',
			capacity: 16,
			place: phl('Block by Block community room', '1500 N Sample Ave', '19122'),
			weekly: { days: ['TU', 'WE'], opens: '16:00', closes: '18:00', from: '2026-09-15' },
			verifiedDaysAgo: 45,
			howToApply: 'Come to any Tuesday session with a parent or guardian.',
			howToApply_es: 'Venga a cualquier sesión del martes con su madre, padre o tutor.'
		},
		{
			partner: 'faro-verde-youth-science-lab',
			name: 'Sábados de Ciencia (demo)',
			name_es: 'Sábados de Ciencia (demo)',
			description: 'Saturday morning science lab in Spanish and English: experiments with water, soil and light.',
			description_es: 'Laboratorio de ciencias los sábados por la mañana, en español e inglés: experimentos con agua, suelo y luz.',
			subjects: ['science', 'environment'],
			formats: ['weekend'],
			languages: ['es', 'en'],
			populations: ['hispanic', 'english_learners', 'newcomers'],
			ages: [7, 12],
			cost: 'free',
			capacity: 30,
			place: phl('Faro Verde lab', '3000 N Ejemplo St', '19133'),
			weekly: { days: ['SA'], opens: '10:00', closes: '12:00', from: '2026-09-12', until: '2027-05-29' },
			verifiedDaysAgo: 10,
			howToApply: 'Call or stop by on a Saturday; no papers needed.',
			howToApply_es: 'Llame o venga un sábado; no hace falta ningún documento.'
		},
		{
			partner: 'sparkline-girls-code-club',
			name: 'Sparkline Web Makers (demo)',
			name_es: 'Creadoras web de Sparkline (demo)',
			description: 'Girls in grades 6 to 9 build their own websites and games with HTML, CSS and JavaScript.',
			description_es: 'Niñas de 6.º a 9.º grado crean sus propios sitios web y juegos con HTML, CSS y JavaScript.',
			subjects: ['coding', 'data'],
			formats: ['after_school'],
			languages: ['en'],
			populations: ['girls'],
			grades: [6, 9],
			cost: 'sliding_scale',
			fee: 60,
			capacity: 20,
			place: phl('Sparkline studio', '5600 Germantown Demo Ave', '19144'),
			weekly: { days: ['MO', 'WE'], opens: '16:00', closes: '17:30', from: '2026-09-14' },
			verifiedDaysAgo: 400,
			howToApply: 'Apply on our web page; pay what you can.',
			howToApply_es: 'Inscríbase en nuestra página web; pague lo que pueda.'
		},
		{
			partner: 'cedar-hollow-library-fab-lab',
			name: 'Fab Lab Open Build Night (demo)',
			name_es: 'Noche abierta del Fab Lab (demo)',
			description: 'Teens use the library’s 3D printers and laser cutter with staff help; bring an idea.',
			description_es: 'Adolescentes usan las impresoras 3D y la cortadora láser de la biblioteca con ayuda del personal.',
			subjects: ['making', 'engineering'],
			formats: ['after_school'],
			languages: ['en'],
			ages: [13, 18],
			cost: 'free',
			capacity: 12,
			place: phl('Cedar Hollow Library', '5800 Demo Blvd', '19139'),
			weekly: { days: ['TH'], opens: '18:00', closes: '20:00', from: '2026-09-03' },
			once: { date: '2027-03-13', opens: '10:00', closes: '14:00', note: 'Family open day' },
			verifiedDaysAgo: 90,
			howToApply: 'Drop in; sign the safety form on your first visit.',
			howToApply_es: 'Venga sin cita; firme el formulario de seguridad en su primera visita.'
		},
		{
			partner: 'larchwood-university-college-of-science',
			name: 'Summer Lab Scholars (demo)',
			name_es: 'Becarios de laboratorio de verano (demo)',
			description: 'Four weeks in university labs for high schoolers, with a stipend and a research poster at the end.',
			description_es: 'Cuatro semanas en laboratorios universitarios para estudiantes de preparatoria, con estipendio y un póster de investigación.',
			subjects: ['science', 'health'],
			formats: ['summer'],
			languages: ['en'],
			populations: ['low_income', 'black', 'hispanic'],
			grades: [10, 12],
			cost: 'free',
			capacity: 40,
			place: phl('Larchwood science building', '3300 Demo Walk', '19104'),
			weekly: { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '09:00', closes: '15:00', from: '2027-07-06', until: '2027-07-31' },
			verifiedDaysAgo: 30,
			howToApply: 'Apply online by April 15 with a short essay and a teacher’s reference.',
			howToApply_es: 'Inscríbase en línea antes del 15 de abril con un ensayo corto y una referencia de un maestro.'
		},
		{
			partner: 'cobalt-crescent-software',
			name: 'Code Along Online (demo)',
			name_es: 'Programa en línea con nosotros (demo)',
			description: 'Weekly live online coding sessions with volunteer engineers; a laptop can be lent.',
			description_es: 'Sesiones semanales de programación en línea con ingenieros voluntarios; se puede prestar una computadora.',
			subjects: ['coding'],
			formats: ['online'],
			languages: ['en', 'es'],
			ages: [12, 17],
			cost: 'free',
			capacity: 50,
			weekly: { days: ['WE'], opens: '19:00', closes: '20:00', from: '2026-10-07' },
			verifiedDaysAgo: 60,
			howToApply: 'Register on the web page; we email the video link.',
			howToApply_es: 'Regístrese en la página web; le enviamos el enlace por correo.'
		}
	],
	portland: [
		{
			partner: 'riverlight-youth-science-club',
			name: 'Riverlight Stream Scientists (demo)',
			name_es: 'Científicos del arroyo Riverlight (demo)',
			description: 'Kids test water quality and track salmon habitat along local streams, Saturday mornings.',
			description_es: 'Niños y niñas miden la calidad del agua y estudian el hábitat del salmón los sábados por la mañana.',
			subjects: ['environment', 'science'],
			formats: ['weekend'],
			languages: ['en', 'es'],
			populations: ['indigenous', 'hispanic'],
			ages: [8, 12],
			cost: 'free',
			capacity: 20,
			place: pdx('Riverlight field station', '4500 NE Demo St', '97211'),
			weekly: { days: ['SA'], opens: '09:30', closes: '12:00', from: '2026-09-12' },
			verifiedDaysAgo: 15,
			howToApply: 'Email us to reserve a spot; boots provided.',
			howToApply_es: 'Escríbanos para reservar un lugar; prestamos botas.'
		},
		{
			partner: 'columbia-slough-family-stem-network',
			name: 'Slough Explorers (demo)',
			name_es: 'Exploradores del Slough (demo)',
			description: 'Families explore wetlands together: birds, bugs and water, with bilingual guides.',
			description_es: 'Las familias exploran los humedales juntas: aves, insectos y agua, con guías bilingües.',
			subjects: ['environment', 'science'],
			formats: ['weekend'],
			languages: ['es', 'en'],
			populations: ['hispanic', 'newcomers'],
			ages: [6, 12],
			cost: 'free',
			capacity: 25,
			place: pdx('Slough trailhead', '5200 N Sample Rd', '97211'),
			weekly: { days: ['SA'], opens: '10:00', closes: '12:30', from: '2026-09-19' },
			verifiedDaysAgo: 25,
			howToApply: 'Just come; families sign in at the trailhead.',
			howToApply_es: 'Solo venga; las familias se registran en la entrada del sendero.'
		},
		{
			partner: 'code-canoe-youth-coding',
			name: 'Code Canoe Game Lab (demo)',
			name_es: 'Laboratorio de videojuegos Code Canoe (demo)',
			description: 'Teens make video games in small crews, from pixel art to Python.',
			description_es: 'Adolescentes crean videojuegos en equipos pequeños, del arte en píxeles a Python.',
			subjects: ['coding', 'making'],
			formats: ['after_school'],
			languages: ['en'],
			ages: [12, 17],
			cost: 'paid',
			fee: 120,
			capacity: 18,
			place: pdx('Code Canoe lab', '12000 SW Demo Pkwy', '97005', 'Beaverton'),
			weekly: { days: ['MO', 'TH'], opens: '16:00', closes: '18:00', from: '2026-09-14' },
			verifiedDaysAgo: 380,
			howToApply: 'Register online; scholarships cover the fee for anyone who asks.',
			howToApply_es: 'Inscríbase en línea; hay becas que cubren el costo para quien las pida.'
		},
		{
			partner: 'tri-river-county-library-maker-commons',
			name: 'Maker Commons Tinker Time (demo)',
			name_es: 'Hora de inventar en Maker Commons (demo)',
			description: 'Drop-in tinkering with circuits, cardboard and simple machines for elementary kids.',
			description_es: 'Taller abierto de circuitos, cartón y máquinas simples para niños de primaria.',
			subjects: ['making', 'engineering'],
			formats: ['after_school'],
			languages: ['en', 'vi', 'es'],
			grades: [1, 5],
			cost: 'free',
			capacity: 20,
			place: pdx('Tri-River Library', '10500 SE Demo Blvd', '97233'),
			weekly: { days: ['WE'], opens: '15:30', closes: '17:00', from: '2026-09-09' },
			verifiedDaysAgo: 40,
			howToApply: 'Drop in; children under 8 come with an adult.',
			howToApply_es: 'Venga sin cita; menores de 8 años con un adulto.'
		},
		{
			partner: 'greenline-transit-engineering',
			name: 'Bridge Builders Summer Camp (demo)',
			name_es: 'Campamento de verano Constructores de puentes (demo)',
			description: 'A week of designing and testing model bridges with transit engineers.',
			description_es: 'Una semana diseñando y probando puentes de maqueta con ingenieros de transporte.',
			subjects: ['engineering', 'math'],
			formats: ['summer'],
			languages: ['en'],
			ages: [11, 14],
			cost: 'sliding_scale',
			fee: 150,
			capacity: 30,
			place: pdx('Greenline training center', '800 Demo Way', '98660', 'Vancouver'),
			weekly: { days: ['MO', 'TU', 'WE', 'TH', 'FR'], opens: '09:00', closes: '15:00', from: '2027-07-12', until: '2027-07-16' },
			verifiedDaysAgo: 70,
			howToApply: 'Apply on the web page by May 31.',
			howToApply_es: 'Inscríbase en la página web antes del 31 de mayo.'
		}
	]
};

export async function insertDemoPrograms(db: Executor, ecosystemId: string, ecosystemSlug: string, partnerIds: Map<string, string>, now = new Date()): Promise<number> {
	let count = 0;
	for (const demo of programs[ecosystemSlug] ?? []) {
		const partnerId = partnerIds.get(demo.partner);
		const partner = partnerId ? await findPartnerById(db, ecosystemId, partnerId) : undefined;
		if (!partnerId || !partner) throw new Error(`Demo program “${demo.name}” names an unknown partner ${demo.partner}`);
		const input = {
			name: demo.name,
			name_es: demo.name_es,
			description: demo.description,
			description_es: demo.description_es,
			subjects: demo.subjects,
			formats: demo.formats,
			languages: demo.languages,
			populations: demo.populations ?? [],
			min_age: demo.ages?.[0],
			max_age: demo.ages?.[1],
			grade_min: demo.grades?.[0],
			grade_max: demo.grades?.[1],
			cost_kind: demo.cost,
			fee_amount: demo.fee,
			capacity: demo.capacity,
			how_to_apply: demo.howToApply,
			how_to_apply_es: demo.howToApply_es,
			email: 'programs@demo.parity.example',
			locations: demo.place ? [{ name: demo.place.name, address_1: demo.place.address, city: demo.place.city, state_province: demo.place.state, postal_code: demo.place.zip }] : [],
			schedules: [
				...(demo.weekly ? [{ freq: 'WEEKLY', byday: demo.weekly.days, dtstart: demo.weekly.from, until: demo.weekly.until, opens_at: demo.weekly.opens, closes_at: demo.weekly.closes }] : []),
				...(demo.once ? [{ dtstart: demo.once.date, opens_at: demo.once.opens, closes_at: demo.once.closes, description: demo.once.note }] : [])
			]
		};
		const write = await prepareProgramWrite(db, ecosystemId, partner.name, input);
		if (!write.ok) throw new Error(`Demo program “${demo.name}” is invalid: ${write.issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`);
		const verifiedAt = new Date(now.getTime() - demo.verifiedDaysAgo * 86_400_000).toISOString();
		await insertProgram(db, ecosystemId, partnerId, write.value, { verifiedBy: 'demo-seed', isDemo: true, now: verifiedAt });
		count++;
	}
	return count;
}

/**
 * Demo content for Parity's two demo ecosystems (Philadelphia and Portland).
 *
 * ALL PEOPLE AND PARTNER ORGANISATIONS IN THIS FILE ARE FICTIONAL. Any resemblance to a real
 * person or organisation is unintended. Websites use the reserved example.org domain, e-mail
 * addresses use example.org or the demo.parity.example domain, and phone numbers use the
 * fictional 555-01xx range.
 *
 * The descriptions of the two ecosystems themselves (mission, vision, goal, initiatives and how
 * they practise the five conditions of collective impact) are paraphrased, in our own words,
 * from the public descriptions listed in each ecosystem's `sources`. Where a detail could not be
 * found it was filled in plausibly; see SOURCES.md in this folder.
 *
 * Pure data: no I/O and no imports. The demo seeding script inserts this content.
 */

export type Sector = 'k12' | 'ost' | 'higher_ed' | 'employer' | 'government' | 'philanthropy' | 'community';

export type Condition =
	| 'common_agenda'
	| 'shared_measurement'
	| 'mutually_reinforcing_activities'
	| 'continuous_communication'
	| 'backbone_support';

export interface DemoPartner {
	slug: string;
	name: string;
	sector: Sector;
	summary: string;
	summary_es: string;
	description_md: string;
	description_md_es: string;
	website: string | null;
	email: string | null;
	phone: string | null;
	city: string;
	zip: string;
}

export interface DemoInitiative {
	slug: string;
	title: string;
	title_es: string;
	summary_md: string;
	summary_md_es: string;
}

export interface DemoPerson {
	email: string;
	name: string;
	role: 'backbone_admin' | 'backbone_staff' | 'partner_admin' | 'partner_member' | 'educator';
	partnerSlug: string | null;
	locale: 'en' | 'es';
}

export interface DemoEcosystem {
	slug: string;
	name: string;
	name_es: string;
	region: string;
	tagline: string;
	tagline_es: string;
	mission: string;
	mission_es: string;
	vision: string;
	vision_es: string;
	goal: string;
	goal_es: string;
	goal_year: number;
	website: string;
	contact_email: string;
	conditions: Record<Condition, { practice_md: string; practice_md_es: string }>;
	initiatives: DemoInitiative[];
	partners: DemoPartner[];
	people: DemoPerson[];
	sources: string[];
}

/** Shared password for every demo account. Demo only; never use for real accounts. */
export const DEMO_PASSWORD = 'parity-demo-2030';

// ---------------------------------------------------------------------------------------------
// Philadelphia STEM Equity Collective
// ---------------------------------------------------------------------------------------------

const philadelphia: DemoEcosystem = {
	slug: 'philadelphia',
	name: 'Philadelphia STEM Equity Collective',
	name_es: 'Colectivo de Equidad STEM de Filadelfia',
	region: 'Philadelphia, Pennsylvania',
	tagline: 'A STEM workforce that looks like Philadelphia.',
	tagline_es: 'Una fuerza laboral STEM que se parece a Filadelfia.',
	mission:
		'Grow the number of Black, Latinx and women Philadelphians who enter STEM careers by 2030. We do it by bringing schools, out-of-school-time providers, colleges, employers, local government, funders and families together around one shared equity agenda.',
	mission_es:
		'Aumentar para 2030 el número de personas negras, latinas y mujeres de Filadelfia que ingresan a carreras STEM. Lo hacemos reuniendo a escuelas, programas extraescolares, instituciones de educación superior, empleadores, gobierno local, financiadores y familias en torno a una sola agenda común de equidad.',
	vision:
		'A Philadelphia where every STEM career reflects the city itself: the people working in STEM match, group by group, the working-age population of Philadelphia.',
	vision_es:
		'Una Filadelfia donde cada carrera STEM refleje a la ciudad: que las personas que trabajan en STEM correspondan, grupo por grupo, a la población en edad de trabajar de Filadelfia.',
	goal: 'By 2030, Philadelphia\'s STEM workforce is demographically proportional to the city\'s working-age population, starting with Black, Latinx and women Philadelphians.',
	goal_es:
		'Para 2030, la fuerza laboral STEM de Filadelfia es demográficamente proporcional a la población en edad de trabajar de la ciudad, comenzando por las personas negras, latinas y las mujeres.',
	goal_year: 2030,
	website: 'https://www.phillystemco.org',
	contact_email: 'philadelphia-collective@example.org',
	conditions: {
		common_agenda: {
			practice_md: `Everything the Collective does points at **one 2030 goal** and a **Theory of Change** that members wrote together through open meetings, stakeholder interviews and small-group conversations. Six guiding principles shape how work is chosen: put people from marginalized communities in decision-making roles, let students' own ideas and needs steer the work, act with humility and candor, hold ourselves accountable, decide with data, and communicate openly.

Four workgroups each own one strand of the agenda: **Home and Community**, **K-12 Education**, **Post-Secondary Education** and **Work Environment**.`,
			practice_md_es: `Todo lo que hace el Colectivo apunta a **una sola meta para 2030** y a una **Teoría del Cambio** que los miembros redactaron juntos mediante reuniones abiertas, entrevistas y conversaciones en grupos pequeños. Seis principios orientan la elección del trabajo: poner a personas de comunidades marginadas en puestos de decisión, dejar que las ideas y necesidades de los propios estudiantes guíen el trabajo, actuar con humildad y franqueza, rendir cuentas, decidir con datos y comunicar con transparencia.

Cuatro grupos de trabajo se encargan cada uno de una línea de la agenda: **Hogar y Comunidad**, **Educación K-12**, **Educación Postsecundaria** y **Entorno Laboral**.`
		},
		shared_measurement: {
			practice_md: `Progress is tracked through **Population Goals**. Using public American Community Survey data, the backbone compares each group's share of Philadelphia's STEM labor force with its share of the city's working-age population and reports the result as an **Access Index**: a value of 1.0 or more means that group has reached parity.

A multi-year view of the index shows whether gaps are closing on the way to 2030, and an external evaluation partner helps members report their own programs against the same indicators.`,
			practice_md_es: `El avance se mide con las **Metas Poblacionales**. Con datos públicos de la Encuesta sobre la Comunidad Estadounidense (ACS), el equipo de soporte compara la proporción de cada grupo en la fuerza laboral STEM de Filadelfia con su proporción en la población en edad de trabajar, y expresa el resultado como un **Índice de Acceso**: un valor de 1.0 o más significa que ese grupo alcanzó la paridad.

Una vista del índice a lo largo de varios años muestra si las brechas se están cerrando rumbo a 2030, y un socio de evaluación externa ayuda a los miembros a reportar sus propios programas con los mismos indicadores.`
		},
		mutually_reinforcing_activities: {
			practice_md: `Partners split the work by leverage point instead of duplicating it. Community organizations widen access to culturally responsive programs for families, schools and colleges build connected education-to-career pathways, and employers adopt fair recruiting, retention and promotion practices.

The Collective uses a *targeted universalism* approach: one city-wide goal, paired with strategies tailored to the neighborhoods and groups where the data show the widest gaps. Competitive member grants fund activities that advance the Theory of Change.`,
			practice_md_es: `Los socios se reparten el trabajo según dónde cada uno tiene más influencia, en lugar de duplicar esfuerzos. Las organizaciones comunitarias amplían el acceso de las familias a programas culturalmente pertinentes, las escuelas y universidades construyen trayectorias conectadas de la educación al empleo, y los empleadores adoptan prácticas justas de contratación, retención y promoción.

El Colectivo aplica un enfoque de *universalismo focalizado*: una meta común para toda la ciudad, combinada con estrategias adaptadas a los barrios y grupos donde los datos muestran las brechas más grandes. Subvenciones competitivas para los miembros financian actividades que impulsan la Teoría del Cambio.`
		},
		continuous_communication: {
			practice_md: `Members meet regularly as a full Collective and in their workgroups. A **Steering Committee** and a **Student Advisory Council** keep decisions close to the people they affect, and the Collective commits to explaining openly, inside and outside the network, what it decides and why.

The *Hear From Our Youth* campaign shares students' own STEM stories on social media, so the wider city hears directly from young people.`,
			practice_md_es: `Los miembros se reúnen con regularidad como Colectivo completo y en sus grupos de trabajo. Un **Comité Directivo** y un **Consejo Asesor Estudiantil** mantienen las decisiones cerca de las personas a quienes afectan, y el Colectivo se compromete a explicar abiertamente, dentro y fuera de la red, qué decide y por qué.

La campaña *Escuchemos a Nuestra Juventud* comparte en redes sociales las historias STEM de los propios estudiantes, para que toda la ciudad escuche directamente a la juventud.`
		},
		backbone_support: {
			practice_md: `The **Philadelphia Education Fund**, which also coordinates the wider Philadelphia STEM Ecosystem, hosts the Collective's backbone team. Backbone staff convene meetings, steward the Population Goals data, run the member grant process and keep the four workgroups connected.

Founding support from GSK pays for dedicated backbone staff across the ten-year effort.`,
			practice_md_es: `El **Philadelphia Education Fund**, que también coordina el Ecosistema STEM de Filadelfia en su conjunto, aloja al equipo de soporte del Colectivo. Este equipo convoca las reuniones, cuida los datos de las Metas Poblacionales, gestiona el proceso de subvenciones para miembros y mantiene conectados a los cuatro grupos de trabajo.

El apoyo fundacional de GSK financia personal dedicado de soporte durante los diez años de la iniciativa.`
		}
	},
	initiatives: [
		{
			slug: 'population-goals-access-index',
			title: 'Population Goals and the Access Index',
			title_es: 'Metas Poblacionales e Índice de Acceso',
			summary_md: `Each year the backbone analyzes public census data to compare who works in STEM in Philadelphia with who lives and works in the city.

- **Hypothesis:** where access and inclusion exist, a group's share of the STEM labor force equals its share of the working-age population.
- **Access Index:** a group's STEM share divided by its population share; 1.0 or more means parity.
- **Use:** the multi-year index shows where gaps are widest, so partners can focus effort there.`,
			summary_md_es: `Cada año el equipo de soporte analiza datos censales públicos para comparar quiénes trabajan en STEM en Filadelfia con quiénes viven y trabajan en la ciudad.

- **Hipótesis:** donde hay acceso e inclusión, la proporción de un grupo en la fuerza laboral STEM es igual a su proporción en la población en edad de trabajar.
- **Índice de Acceso:** la proporción STEM de un grupo dividida entre su proporción en la población; 1.0 o más significa paridad.
- **Uso:** el índice de varios años muestra dónde las brechas son más grandes, para que los socios concentren allí sus esfuerzos.`
		},
		{
			slug: 'hear-from-our-youth',
			title: 'Hear From Our Youth',
			title_es: 'Escuchemos a Nuestra Juventud',
			summary_md: `A story campaign that gives Philadelphia students space on the Collective's social media to talk about their STEM interests, their ambitions and the paths they are building through high school, college and beyond.

Putting young people's own words up front keeps student voice at the center of the Collective and shows other students that STEM careers are open to people like them.`,
			summary_md_es: `Una campaña de historias que ofrece a estudiantes de Filadelfia un espacio en las redes sociales del Colectivo para hablar de sus intereses en STEM, sus aspiraciones y los caminos que están construyendo en la preparatoria, la universidad y más allá.

Destacar las palabras de la propia juventud mantiene la voz estudiantil en el centro del Colectivo y muestra a otros estudiantes que las carreras STEM también son para personas como ellos.`
		},
		{
			slug: 'educator-professional-learning',
			title: 'Educator Professional Learning',
			title_es: 'Formación Profesional Docente',
			summary_md: `Workshops and learning communities for classroom teachers and out-of-school-time educators on culturally responsive, hands-on STEM teaching.

- Sessions pair educators with local employers and researchers so lessons reflect real Philadelphia STEM careers.
- A strand on growing a more diverse pipeline of future STEM teachers.`,
			summary_md_es: `Talleres y comunidades de aprendizaje para docentes de aula y educadores de programas extraescolares sobre una enseñanza STEM práctica y culturalmente pertinente.

- Las sesiones conectan a los educadores con empleadores e investigadores locales para que las clases reflejen carreras STEM reales de Filadelfia.
- Una línea dedicada a formar una nueva generación de docentes STEM más diversa.`
		},
		{
			slug: 'education-to-career-pathways',
			title: 'Education-to-Career Pathways',
			title_es: 'Trayectorias de la Escuela al Empleo',
			summary_md: `Schools, colleges and regional employers co-design pathways that help Black, Latinx and women students turn an interest in STEM into a degree, a credential and a job.

- Dual enrollment and bridge programs that prepare students for post-secondary STEM study
- Internships, apprenticeships and other real-world work experience
- Employer commitments to fair hiring, retention and promotion`,
			summary_md_es: `Escuelas, universidades y empleadores de la región diseñan juntos trayectorias que ayudan a estudiantes negros, latinos y mujeres a convertir su interés en STEM en un título, una credencial y un empleo.

- Programas de doble inscripción y de transición que preparan para estudios postsecundarios en STEM
- Pasantías, aprendizajes y otras experiencias laborales reales
- Compromisos de los empleadores con la contratación, la retención y la promoción justas`
		},
		{
			slug: 'member-grants',
			title: 'Collective Member Grants',
			title_es: 'Subvenciones para Miembros del Colectivo',
			summary_md: `Competitive grants help member organizations start or grow programs that advance the Theory of Change.

Priority goes to proposals that reach Black, Latinx and women learners, that were shaped by the communities they serve, and that report against the Collective's shared indicators.`,
			summary_md_es: `Subvenciones competitivas ayudan a las organizaciones miembro a iniciar o ampliar programas que impulsan la Teoría del Cambio.

Se da prioridad a las propuestas que llegan a estudiantes negros, latinos y mujeres, que fueron diseñadas junto con las comunidades a las que sirven y que reportan con los indicadores compartidos del Colectivo.`
		}
	],
	partners: [
		// --- K-12 -------------------------------------------------------------------------------
		{
			slug: 'kestrel-park-stem-academy',
			name: 'Kestrel Park STEM Academy',
			sector: 'k12',
			summary:
				'A neighborhood public middle school in Southwest Philadelphia where every student takes a hands-on engineering and computing course each year.',
			summary_es:
				'Escuela pública de nivel medio en el suroeste de Filadelfia donde cada estudiante toma cada año un curso práctico de ingeniería y computación.',
			description_md: `Kestrel Park serves about 600 students in grades 6-8, most of whom live within walking distance of the school.

- Engineering design and computer science courses in every grade
- Family STEM nights run with community partners
- Teacher teams that co-plan units with local employers

The school uses the Collective's shared indicators to track course enrollment and completion for every student group.`,
			description_md_es: `Kestrel Park atiende a unos 600 estudiantes de 6.º a 8.º grado; la mayoría vive a poca distancia de la escuela.

- Cursos de diseño de ingeniería y ciencias de la computación en todos los grados
- Noches familiares de STEM organizadas con socios comunitarios
- Equipos docentes que planifican unidades junto con empleadores locales

La escuela usa los indicadores compartidos del Colectivo para dar seguimiento a la inscripción y finalización de cursos de cada grupo estudiantil.`,
			website: 'https://example.org/kestrel-park-stem-academy',
			email: 'kestrelpark@example.org',
			phone: '(215) 555-0101',
			city: 'Philadelphia',
			zip: '19143'
		},
		{
			slug: 'lumen-bridge-charter-high-school',
			name: 'Lumen Bridge Charter High School',
			sector: 'k12',
			summary:
				'A bilingual charter high school in North Philadelphia offering health-science and information-technology pathways with dual enrollment.',
			summary_es:
				'Preparatoria chárter bilingüe en el norte de Filadelfia con trayectorias en ciencias de la salud y tecnologías de la información, y doble inscripción.',
			description_md: `Lumen Bridge enrolls about 450 students, many from Spanish-speaking families. In 10th grade, students choose a health-science or IT pathway and can earn college credit before they graduate.

- Dual-enrollment courses with a partner community college
- Paid summer internships in 11th grade
- Bilingual family advising on college, careers and financial aid`,
			description_md_es: `Lumen Bridge tiene unos 450 estudiantes, muchos de familias hispanohablantes. En 10.º grado, cada estudiante elige una trayectoria en ciencias de la salud o en tecnologías de la información y puede obtener créditos universitarios antes de graduarse.

- Cursos de doble inscripción con un colegio comunitario asociado
- Pasantías de verano pagadas en 11.º grado
- Orientación bilingüe para familias sobre universidad, carreras y ayuda financiera`,
			website: 'https://example.org/lumen-bridge',
			email: 'admissions.lumenbridge@example.org',
			phone: '(215) 555-0102',
			city: 'Philadelphia',
			zip: '19133'
		},
		{
			slug: 'hollis-green-elementary-school',
			name: 'Hollis Green Elementary School',
			sector: 'k12',
			summary:
				'A K-5 public school in Hunting Park building early confidence in science and math through daily inquiry and outdoor learning.',
			summary_es:
				'Escuela pública de kínder a 5.º grado en Hunting Park que fortalece desde temprano la confianza en ciencias y matemáticas con indagación diaria y aprendizaje al aire libre.',
			description_md: `Hollis Green believes the road to a STEM career starts long before high school.

- A schoolyard garden and weather station used as outdoor science classrooms
- Math talks every morning in every grade
- Take-home science kits with instructions in English and Spanish`,
			description_md_es: `Hollis Green cree que el camino hacia una carrera STEM empieza mucho antes de la preparatoria.

- Un huerto escolar y una estación meteorológica que funcionan como aulas de ciencias al aire libre
- Conversaciones matemáticas cada mañana en todos los grados
- Kits de ciencias para llevar a casa con instrucciones en inglés y español`,
			website: 'https://example.org/hollis-green',
			email: 'office.hollisgreen@example.org',
			phone: '(215) 555-0103',
			city: 'Philadelphia',
			zip: '19140'
		},
		// --- Out-of-school time -----------------------------------------------------------------
		{
			slug: 'brick-and-bolt-youth-makerspace',
			name: 'Brick and Bolt Youth Makerspace',
			sector: 'ost',
			summary:
				'An after-school and summer makerspace where North Philadelphia teens design, build and repair things alongside adult mentors.',
			summary_es:
				'Un espacio maker extraescolar y de verano donde adolescentes del norte de Filadelfia diseñan, construyen y reparan cosas junto a mentores adultos.',
			description_md: `Brick and Bolt is open four afternoons a week and full days in summer for young people ages 12-18.

- Woodworking, electronics, 3D printing and bike repair
- Paid youth-mentor positions for returning teens
- Free snacks and transit passes so cost is never a barrier

Most participants are Black and Latinx teens, and about half are girls.`,
			description_md_es: `Brick and Bolt abre cuatro tardes por semana y días completos en verano para jóvenes de 12 a 18 años.

- Carpintería, electrónica, impresión 3D y reparación de bicicletas
- Puestos pagados de mentoría juvenil para adolescentes que regresan
- Refrigerios y pases de transporte gratuitos para que el costo nunca sea un obstáculo

La mayoría de participantes son adolescentes negros y latinos, y cerca de la mitad son chicas.`,
			website: 'https://example.org/brick-and-bolt',
			email: 'hello.brickandbolt@example.org',
			phone: '(267) 555-0104',
			city: 'Philadelphia',
			zip: '19122'
		},
		{
			slug: 'faro-verde-youth-science-lab',
			name: 'Faro Verde Youth Science Lab',
			sector: 'ost',
			summary:
				'A bilingual out-of-school science program for Latinx middle schoolers and their families in the Fairhill neighborhood.',
			summary_es:
				'Un programa bilingüe de ciencias fuera del horario escolar para estudiantes latinos de secundaria y sus familias en el barrio de Fairhill.',
			description_md: `Faro Verde runs after-school labs and Saturday family sessions in English and Spanish.

- Environmental science projects on neighborhood air, water and heat
- Monthly visits from Latinx scientists and engineers
- A parent track on supporting STEM learning at home`,
			description_md_es: `Faro Verde ofrece laboratorios después de clases y sesiones familiares los sábados, en inglés y español.

- Proyectos de ciencias ambientales sobre el aire, el agua y el calor del barrio
- Visitas mensuales de científicas, científicos e ingenieros latinos
- Un programa para madres y padres sobre cómo apoyar el aprendizaje STEM en casa`,
			website: 'https://example.org/faro-verde',
			email: 'info.faroverde@example.org',
			phone: '(215) 555-0105',
			city: 'Philadelphia',
			zip: '19133'
		},
		{
			slug: 'sparkline-girls-code-club',
			name: 'Sparkline Girls Code Club',
			sector: 'ost',
			summary: 'Free coding and robotics clubs for girls in grades 4-12, led by women who work in technology.',
			summary_es:
				'Clubes gratuitos de programación y robótica para niñas de 4.º a 12.º grado, dirigidos por mujeres que trabajan en tecnología.',
			description_md: `Sparkline runs weekly clubs at libraries, schools and recreation centers across Germantown and Northwest Philadelphia.

- Beginner to advanced tracks, from block coding to web apps
- Near-peer mentoring by college women studying computing
- An annual showcase where members demo projects to local employers`,
			description_md_es: `Sparkline organiza clubes semanales en bibliotecas, escuelas y centros recreativos de Germantown y el noroeste de Filadelfia.

- Niveles de principiante a avanzado, desde programación por bloques hasta aplicaciones web
- Mentoría entre pares por parte de universitarias que estudian computación
- Una muestra anual donde las integrantes presentan sus proyectos a empleadores locales`,
			website: 'https://example.org/sparkline',
			email: 'clubs.sparkline@example.org',
			phone: '(215) 555-0106',
			city: 'Philadelphia',
			zip: '19144'
		},
		// --- Higher education -------------------------------------------------------------------
		{
			slug: 'tinicum-bridge-community-college',
			name: 'Tinicum Bridge Community College',
			sector: 'higher_ed',
			summary:
				'A public two-year college offering STEM associate degrees, short-term credentials and dual enrollment for Philadelphia high schoolers.',
			summary_es:
				'Un colegio comunitario público que ofrece títulos asociados en STEM, credenciales de corta duración y doble inscripción para estudiantes de preparatoria de Filadelfia.',
			description_md: `Tinicum Bridge is often the first step into STEM for working adults and first-generation students.

- Associate degrees in biotechnology, engineering technology and computer science
- Stackable lab-technician and IT support certificates
- Guaranteed transfer agreements with four-year universities

Free tutoring and emergency grants help students stay enrolled.`,
			description_md_es: `Tinicum Bridge suele ser el primer paso hacia STEM para personas adultas que trabajan y para estudiantes de primera generación.

- Títulos asociados en biotecnología, tecnología de ingeniería y ciencias de la computación
- Certificados acumulables de técnico de laboratorio y de soporte informático
- Acuerdos de transferencia garantizada con universidades de cuatro años

Tutorías gratuitas y becas de emergencia ayudan a que el estudiantado continúe sus estudios.`,
			website: 'https://example.org/tinicum-bridge-cc',
			email: 'stem.tinicumbridge@example.org',
			phone: '(215) 555-0107',
			city: 'Philadelphia',
			zip: '19153'
		},
		{
			slug: 'larchwood-university-college-of-science',
			name: 'Larchwood University College of Science',
			sector: 'higher_ed',
			summary:
				'A university science college running summer research bridges and first-year mentoring for students from underrepresented groups.',
			summary_es:
				'Una facultad universitaria de ciencias con programas puente de investigación en verano y mentoría de primer año para estudiantes de grupos subrepresentados.',
			description_md: `The College of Science works to make sure students who start in STEM majors finish in them.

- A six-week paid summer research bridge before the first semester
- Cohort-based mentoring through the first year
- Admissions that weigh real-world experience, not only test scores`,
			description_md_es: `La Facultad de Ciencias trabaja para que quienes empiezan una carrera STEM la terminen.

- Un programa puente de investigación pagado de seis semanas antes del primer semestre
- Mentoría por cohortes durante el primer año
- Un proceso de admisión que valora la experiencia práctica, no solo los exámenes`,
			website: 'https://example.org/larchwood-science',
			email: 'bridge.larchwood@example.org',
			phone: '(215) 555-0108',
			city: 'Philadelphia',
			zip: '19104'
		},
		// --- Employers --------------------------------------------------------------------------
		{
			slug: 'helix-row-biotherapeutics',
			name: 'Helix Row Biotherapeutics',
			sector: 'employer',
			summary:
				'A cell-therapy company in University City that hosts paid apprenticeships and lab-technician training for Philadelphia residents.',
			summary_es:
				'Una empresa de terapia celular en University City que ofrece aprendizajes pagados y formación de técnicos de laboratorio para residentes de Filadelfia.',
			description_md: `Helix Row hires many of its manufacturing technicians from the city's own neighborhoods.

- A 12-month paid apprenticeship that requires no prior degree
- Summer lab internships for high school and community college students
- Employee volunteers who visit classrooms and career fairs`,
			description_md_es: `Helix Row contrata a muchos de sus técnicos de manufactura en los propios barrios de la ciudad.

- Un aprendizaje pagado de 12 meses que no exige título previo
- Pasantías de laboratorio en verano para estudiantes de preparatoria y de colegio comunitario
- Personal voluntario que visita aulas y ferias de empleo`,
			website: 'https://example.org/helix-row',
			email: 'careers.helixrow@example.org',
			phone: '(267) 555-0109',
			city: 'Philadelphia',
			zip: '19104'
		},
		{
			slug: 'cobalt-crescent-software',
			name: 'Cobalt Crescent Software',
			sector: 'employer',
			summary:
				'A mid-sized software firm in Old City offering job shadowing, paid internships and skills-based hiring for early-career developers.',
			summary_es:
				'Una empresa de software mediana en Old City que ofrece observación laboral, pasantías pagadas y contratación basada en habilidades para desarrolladores principiantes.',
			description_md: `Cobalt Crescent dropped degree requirements for junior roles and now hires on demonstrated skills.

- Job-shadow days for high school students
- Paid summer internships with a dedicated mentor
- Public reporting on the diversity of its hiring and promotions`,
			description_md_es: `Cobalt Crescent eliminó el requisito de título universitario para puestos de nivel inicial y ahora contrata según las habilidades demostradas.

- Jornadas de observación laboral para estudiantes de preparatoria
- Pasantías de verano pagadas con un mentor asignado
- Informes públicos sobre la diversidad en sus contrataciones y promociones`,
			website: 'https://example.org/cobalt-crescent',
			email: 'talent.cobaltcrescent@example.org',
			phone: '(215) 555-0110',
			city: 'Philadelphia',
			zip: '19106'
		},
		// --- Government -------------------------------------------------------------------------
		{
			slug: 'citywide-youth-career-pathways-office',
			name: 'Citywide Office of Youth Career Pathways',
			sector: 'government',
			summary:
				'A city office that coordinates summer jobs, work-based learning and career navigation for young people ages 14-24.',
			summary_es:
				'Una oficina municipal que coordina empleos de verano, aprendizaje basado en el trabajo y orientación profesional para jóvenes de 14 a 24 años.',
			description_md: `The office connects schools, employers and training providers so that young people find one clear path instead of many separate programs.

- A summer jobs program with a growing set of STEM placements
- Career navigators based in recreation centers and libraries
- Shared data agreements with schools and the Collective's backbone`,
			description_md_es: `La oficina conecta a escuelas, empleadores y proveedores de formación para que la juventud encuentre un camino claro en lugar de muchos programas separados.

- Un programa de empleos de verano con cada vez más puestos en STEM
- Orientadores profesionales ubicados en centros recreativos y bibliotecas
- Acuerdos de intercambio de datos con escuelas y con el equipo de soporte del Colectivo`,
			website: 'https://example.org/youth-career-pathways',
			email: 'pathways.office@example.org',
			phone: '(215) 555-0111',
			city: 'Philadelphia',
			zip: '19102'
		},
		{
			slug: 'cedar-hollow-library-fab-lab',
			name: 'Cedar Hollow Branch Library Fab Lab',
			sector: 'government',
			summary:
				'A public library branch in West Philadelphia with a free fabrication lab, homework help and family STEM programs.',
			summary_es:
				'Una sucursal de la biblioteca pública en el oeste de Filadelfia con un laboratorio de fabricación gratuito, apoyo con tareas y programas STEM para familias.',
			description_md: `Anyone with a library card can use the fab lab's laser cutter, 3D printers and sewing machines after a short safety session.

- Teen drop-in hours every weekday afternoon
- Family build nights on the first Saturday of each month
- Laptop and hotspot lending for students`,
			description_md_es: `Cualquier persona con credencial de la biblioteca puede usar la cortadora láser, las impresoras 3D y las máquinas de coser del laboratorio tras una breve sesión de seguridad.

- Horario libre para adolescentes todas las tardes entre semana
- Noches familiares de construcción el primer sábado de cada mes
- Préstamo de computadoras portátiles y puntos de acceso a internet para estudiantes`,
			website: 'https://example.org/cedar-hollow-library',
			email: 'fablab.cedarhollow@example.org',
			phone: '(215) 555-0112',
			city: 'Philadelphia',
			zip: '19139'
		},
		// --- Philanthropy -----------------------------------------------------------------------
		{
			slug: 'ardent-oak-foundation',
			name: 'Ardent Oak Foundation',
			sector: 'philanthropy',
			summary:
				'A family foundation funding multi-year, community-led STEM programs that serve Black, Latinx and women learners.',
			summary_es:
				'Una fundación familiar que financia programas STEM plurianuales dirigidos por la comunidad para estudiantes negros, latinos y mujeres.',
			description_md: `Ardent Oak makes three-year general operating grants so that partners can plan beyond a single school year.

- Grant decisions shared with a panel of youth and parent reviewers
- Simple applications and reporting aligned with the Collective's shared indicators
- Capacity-building support for small, community-rooted organizations`,
			description_md_es: `Ardent Oak otorga subvenciones operativas de tres años para que los socios puedan planificar más allá de un solo año escolar.

- Decisiones de financiamiento compartidas con un panel de jóvenes y madres y padres de familia
- Solicitudes e informes sencillos, alineados con los indicadores compartidos del Colectivo
- Apoyo para fortalecer a organizaciones pequeñas con raíces en la comunidad`,
			website: 'https://example.org/ardent-oak',
			email: 'grants.ardentoak@example.org',
			phone: '(215) 555-0113',
			city: 'Philadelphia',
			zip: '19103'
		},
		{
			slug: 'marigold-futures-fund',
			name: 'Marigold Futures Fund',
			sector: 'philanthropy',
			summary:
				'A pooled fund of local donors and businesses that makes small, fast grants for STEM equipment, stipends and transportation.',
			summary_es:
				'Un fondo común de donantes y empresas locales que otorga subvenciones pequeñas y rápidas para equipo STEM, estipendios y transporte.',
			description_md: `Marigold Futures fills the small gaps that keep students out of STEM opportunities.

- Grants of up to $5,000, decided within three weeks
- Stipends so teens can choose an internship over a part-time job
- Funding for buses to field trips, competitions and college visits`,
			description_md_es: `Marigold Futures cubre las pequeñas brechas que dejan a estudiantes fuera de las oportunidades STEM.

- Subvenciones de hasta 5,000 dólares, decididas en un plazo de tres semanas
- Estipendios para que adolescentes puedan elegir una pasantía en lugar de un trabajo de medio tiempo
- Financiamiento de autobuses para excursiones, competencias y visitas a universidades`,
			website: 'https://example.org/marigold-futures',
			email: 'apply.marigold@example.org',
			phone: '(215) 555-0114',
			city: 'Philadelphia',
			zip: '19107'
		},
		// --- Community --------------------------------------------------------------------------
		{
			slug: 'block-by-block-mentors-alliance',
			name: 'Block by Block Mentors Alliance',
			sector: 'community',
			summary:
				'A neighborhood network that pairs Black STEM professionals with young people and families in North Central Philadelphia.',
			summary_es:
				'Una red vecinal que une a profesionales negros de STEM con jóvenes y familias del centro-norte de Filadelfia.',
			description_md: `Block by Block recruits mentors who grew up in the same neighborhoods as the young people they support.

- One-to-one mentoring matches that last at least a year
- Career conversations hosted in churches, barbershops and rec centers
- Help for families navigating college and scholarship applications`,
			description_md_es: `Block by Block recluta mentores que crecieron en los mismos barrios que la juventud a la que acompañan.

- Relaciones de mentoría individual de al menos un año
- Conversaciones sobre carreras en iglesias, barberías y centros recreativos
- Apoyo a las familias con solicitudes de universidad y de becas`,
			website: 'https://example.org/block-by-block',
			email: 'mentors.blockbyblock@example.org',
			phone: '(267) 555-0115',
			city: 'Philadelphia',
			zip: '19121'
		},
		{
			slug: 'olney-parents-stem-council',
			name: 'Olney Parents STEM Council',
			sector: 'community',
			summary:
				'A parent-led group helping immigrant and Spanish-speaking families find STEM programs and navigate college and financial aid.',
			summary_es:
				'Un grupo dirigido por madres y padres que ayuda a familias inmigrantes e hispanohablantes a encontrar programas STEM y a orientarse en la universidad y la ayuda financiera.',
			description_md: `The council is run by volunteer parents who speak the languages of the families they serve.

- Monthly workshops on programs, college and financial aid
- A family seat on the Collective's Home and Community workgroup
- Feedback sessions that tell providers what families actually need`,
			description_md_es: `El consejo está a cargo de madres y padres voluntarios que hablan los idiomas de las familias a las que atienden.

- Talleres mensuales sobre programas, universidad y ayuda financiera
- Un lugar para las familias en el grupo de trabajo Hogar y Comunidad del Colectivo
- Sesiones de retroalimentación que muestran a los proveedores lo que las familias realmente necesitan`,
			website: null,
			email: 'olneyparents@example.org',
			phone: '(215) 555-0116',
			city: 'Philadelphia',
			zip: '19120'
		}
	],
	people: [
		{
			email: 'dana.admin@philadelphia.demo.parity.example',
			name: 'Dana Okafor',
			role: 'backbone_admin',
			partnerSlug: null,
			locale: 'en'
		},
		{
			email: 'luis.staff@philadelphia.demo.parity.example',
			name: 'Luis Figueroa',
			role: 'backbone_staff',
			partnerSlug: null,
			locale: 'es'
		},
		{
			email: 'keisha.partner@philadelphia.demo.parity.example',
			name: 'Keisha Monroe',
			role: 'partner_admin',
			partnerSlug: 'brick-and-bolt-youth-makerspace',
			locale: 'en'
		},
		// Brick and Bolt's staff, whom Keisha (its coordinator) registers for professional development.
		{
			email: 'jordan.member@philadelphia.demo.parity.example',
			name: 'Jordan Ellis',
			role: 'partner_member',
			partnerSlug: 'brick-and-bolt-youth-makerspace',
			locale: 'en'
		},
		{
			email: 'ana.member@philadelphia.demo.parity.example',
			name: 'Ana Beltrán',
			role: 'partner_member',
			partnerSlug: 'brick-and-bolt-youth-makerspace',
			locale: 'es'
		},
		{
			email: 'priya.partner@philadelphia.demo.parity.example',
			name: 'Priya Raman',
			role: 'partner_admin',
			partnerSlug: 'helix-row-biotherapeutics',
			locale: 'en'
		},
		{
			email: 'marisol.member@philadelphia.demo.parity.example',
			name: 'Marisol Vega',
			role: 'partner_member',
			partnerSlug: 'faro-verde-youth-science-lab',
			locale: 'es'
		},
		{
			email: 'tom.member@philadelphia.demo.parity.example',
			name: 'Tom Nguyen',
			role: 'partner_member',
			partnerSlug: 'tinicum-bridge-community-college',
			locale: 'en'
		},
		{
			email: 'andre.educator@philadelphia.demo.parity.example',
			name: 'Andre Coleman',
			role: 'educator',
			partnerSlug: 'kestrel-park-stem-academy',
			locale: 'en'
		},
		{
			email: 'rosa.educator@philadelphia.demo.parity.example',
			name: 'Rosa Delgado',
			role: 'educator',
			partnerSlug: null,
			locale: 'es'
		}
	],
	sources: [
		'Philadelphia STEM Equity Collective, "About Us / Our Work" (mission, vision, Hear From Our Youth): https://www.phillystemco.org/about-us',
		'Philadelphia STEM Equity Collective, "Population Goals" (targeted universalism, Access Index, ACS methodology): https://www.phillystemco.org/populations-goals',
		'Philadelphia STEM Equity Collective, "Workgroups": https://www.phillystemco.org/workgroups',
		'Philadelphia STEM Ecosystem, "Equity Collective" (guiding principles, workgroups, backbone): https://www.philastemeco.org/equity-collective',
		'Philadelphia STEM Ecosystem, "PSEC Theory of Change": https://www.philastemeco.org/psectheoryofchange',
		'Philadelphia Education Fund, "STEM Professional Networks": https://philaedfund.org/programs/education-conversations/stem-professional-networks/',
		'School District of Philadelphia FACE news, "Philadelphia STEM Equity Collective" (Dec 2020, Mar 2021): https://www.philasd.org/face/2020/12/22/stemequitycollective/'
	]
};

// ---------------------------------------------------------------------------------------------
// Portland Metro STEM Partnership
// ---------------------------------------------------------------------------------------------

const portland: DemoEcosystem = {
	slug: 'portland',
	name: 'Portland Metro STEM Partnership',
	name_es: 'Alianza STEM del Área Metropolitana de Portland',
	region: 'Portland metro region, Oregon',
	tagline: 'Partners opening STEM doors for every learner, from preschool to career.',
	tagline_es: 'Socios que abren las puertas de STEM a cada estudiante, desde preescolar hasta la vida profesional.',
	mission:
		'Convene schools, community educators, colleges and industry across the Portland metro region so that, together, they build STEM learning from early childhood through college that is engaging, demanding and fair. That learning should open routes into well-paid, in-demand careers for every student and strengthen the whole region.',
	mission_es:
		'Reunir a escuelas, educadores comunitarios, instituciones de educación superior e industria del área metropolitana de Portland para que, juntos, construyan un aprendizaje STEM desde la primera infancia hasta la universidad que sea atractivo, exigente y justo. Ese aprendizaje debe abrir caminos hacia carreras bien pagadas y con alta demanda para cada estudiante y fortalecer a toda la región.',
	vision:
		'Every young person in the region can follow their curiosity into a rewarding career, creative work and an active civic life, equipped with the problem-solving habits that STEM learning builds.',
	vision_es:
		'Cada joven de la región puede seguir su curiosidad hacia una carrera gratificante, un trabajo creativo y una vida cívica activa, con los hábitos de resolución de problemas que desarrolla el aprendizaje STEM.',
	goal: 'By 2030, BIPOC students, students navigating poverty and girls in the Portland metro region take part in and complete STEM learning and career pathways at rates that match their share of the student population.',
	goal_es:
		'Para 2030, estudiantes BIPOC, estudiantes que viven en situación de pobreza y niñas del área metropolitana de Portland participan en trayectorias de aprendizaje y carreras STEM, y las completan, en proporciones equivalentes a su peso en la población estudiantil.',
	goal_year: 2030,
	website: 'https://www.pdxstem.org',
	contact_email: 'portland-partnership@example.org',
	conditions: {
		common_agenda: {
			practice_md: `Partners share four focus areas: **equity** in STEM education and careers for every student, whatever their race, language, ability, income or ZIP code; **access to and interest in** STEM; a skilled, competitive **regional talent pool**; and a **STEM-literate, engaged community**.

Strategies are chosen because they serve these shared aims, not the interests of any single organization or sector.`,
			practice_md_es: `Los socios comparten cuatro áreas de enfoque: **equidad** en la educación y las carreras STEM para cada estudiante, sin importar su raza, idioma, capacidad, ingresos o código postal; **acceso e interés** en STEM; una **reserva regional de talento** calificada y competitiva; y una **comunidad con cultura STEM y comprometida**.

Las estrategias se eligen porque sirven a estos propósitos comunes, no a los intereses de una sola organización o sector.`
		},
		shared_measurement: {
			practice_md: `School districts, colleges, community STEM providers and industry partners built a set of **Common Measures** together. They cover student learning, instructional practice, educator professional development and leadership support.

Multi-partner projects are evaluated with these shared tools, and the backbone offers technical help with assessment and evaluation so that smaller partners can take part.`,
			practice_md_es: `Distritos escolares, instituciones de educación superior, proveedores comunitarios de STEM e industria construyeron juntos un conjunto de **Medidas Comunes**. Abarcan el aprendizaje estudiantil, la práctica docente, el desarrollo profesional de educadores y el apoyo de los equipos directivos.

Los proyectos con varios socios se evalúan con estas herramientas compartidas, y el equipo de soporte ofrece asistencia técnica en evaluación para que también participen los socios más pequeños.`
		},
		mutually_reinforcing_activities: {
			practice_md: `Each sector contributes what it does best: districts lead STEM school transformation, community educators extend learning beyond the school day, higher education links research to practice, and industry offers career-connected learning.

Multi-partner projects such as **STEM Beyond School** and the **BIPOC STEAM Ecosystem** are designed so that programs connect across a student's day instead of competing for the same students.`,
			practice_md_es: `Cada sector aporta lo que mejor sabe hacer: los distritos encabezan la transformación de escuelas STEM, los educadores comunitarios amplían el aprendizaje más allá de la jornada escolar, la educación superior vincula la investigación con la práctica y la industria ofrece aprendizaje conectado con las carreras.

Proyectos con varios socios, como **STEM Beyond School** y el **Ecosistema STEAM BIPOC**, están diseñados para que los programas se conecten a lo largo del día del estudiante en lugar de competir por los mismos estudiantes.`
		},
		continuous_communication: {
			practice_md: `The **Collaboratory**, a network of community educators, industry and nonprofits, meets every month to network, explore research and share successes and lessons learned.

A partner interest form, workshops and networking events keep new organizations joining, and the backbone connects partners directly to the schools and projects that fit their goals.`,
			practice_md_es: `El **Collaboratory**, una red de educadores comunitarios, industria y organizaciones sin fines de lucro, se reúne cada mes para crear contactos, explorar investigaciones y compartir logros y lecciones aprendidas.

Un formulario de interés para socios, talleres y eventos de networking mantienen la incorporación de nuevas organizaciones, y el equipo de soporte conecta directamente a los socios con las escuelas y proyectos que se ajustan a sus metas.`
		},
		backbone_support: {
			practice_md: `A small backbone team housed at **Portland State University's** Maseeh College of Engineering and Computer Science convenes partners, maps shared resources and offers tools, consultations and professional learning.

As one of Oregon's Regional STEM Hubs, the Partnership receives state support for this backbone role and links the region to the statewide hub network and to the international STEM Learning Ecosystems community of practice.`,
			practice_md_es: `Un pequeño equipo de soporte, ubicado en la Facultad Maseeh de Ingeniería y Ciencias de la Computación de la **Portland State University**, convoca a los socios, mapea los recursos compartidos y ofrece herramientas, asesorías y formación profesional.

Como uno de los Centros Regionales STEM de Oregón, la Alianza recibe apoyo estatal para esta función de soporte y conecta a la región con la red estatal de centros y con la comunidad internacional de práctica STEM Learning Ecosystems.`
		}
	},
	initiatives: [
		{
			slug: 'collaboratory',
			title: 'The Collaboratory',
			title_es: 'El Collaboratory',
			summary_md: `*Collaborate + laboratory.* A broad network of community STEM educators, businesses and nonprofits that meets monthly to learn from one another.

- Direct introductions between community providers, industry and school-based partners
- Technical assistance with programming, assessment and evaluation
- STEM education workshops for out-of-school educators`,
			summary_md_es: `*Colaborar + laboratorio.* Una amplia red de educadores comunitarios de STEM, empresas y organizaciones sin fines de lucro que se reúne cada mes para aprender unos de otros.

- Presentaciones directas entre proveedores comunitarios, industria y socios escolares
- Asistencia técnica en programación, evaluación y medición
- Talleres de educación STEM para educadores fuera del horario escolar`
		},
		{
			slug: 'stem-beyond-school',
			title: 'STEM Beyond School',
			title_es: 'STEM Más Allá de la Escuela',
			summary_md: `A statewide effort, run with university extension partners and Oregon's other STEM Hubs, that brings high-quality out-of-school STEM experiences to underserved youth.

Community sites receive funding, coaching and a community of practice, so that programs both serve young people now and keep improving over time.`,
			summary_md_es: `Una iniciativa estatal, realizada con socios de extensión universitaria y los demás Centros STEM de Oregón, que lleva experiencias STEM de calidad fuera del horario escolar a jóvenes desatendidos.

Los sitios comunitarios reciben financiamiento, acompañamiento y una comunidad de práctica, para que los programas atiendan hoy a la juventud y sigan mejorando con el tiempo.`
		},
		{
			slug: 'bipoc-steam-ecosystem',
			title: 'BIPOC STEAM Ecosystem',
			title_es: 'Ecosistema STEAM BIPOC',
			summary_md: `Culturally specific organizations and two school districts' multilingual departments work together to expand culturally affirming, career-connected STEAM learning for youth of color, young people navigating poverty, and girls.

- A community of practice where partners co-plan and fundraise together
- More BIPOC mentors and industry volunteers
- Decision-making held by the communities the programs serve`,
			summary_md_es: `Organizaciones culturalmente específicas y los departamentos multilingües de dos distritos escolares trabajan juntos para ampliar el aprendizaje STEAM culturalmente afirmativo y conectado con las carreras, para jóvenes de color, jóvenes que viven en situación de pobreza y niñas.

- Una comunidad de práctica donde los socios planifican y recaudan fondos juntos
- Más mentores BIPOC y voluntarios de la industria
- Las decisiones quedan en manos de las comunidades a las que sirven los programas`
		},
		{
			slug: 'educator-professional-learning',
			title: 'Educator Professional Learning and STEM School Transformation',
			title_es: 'Formación Docente y Transformación de Escuelas STEM',
			summary_md: `Every kind of educator, from preschool teachers to after-school staff, gets access to professional learning on STEM instruction and assessment.

- Industry externships that help math and science teachers design real-world lessons
- A lending library of classroom kits and equipment
- Toolkits and coaching for schools becoming STEM- or STEAM-focused`,
			summary_md_es: `Todo tipo de educadores, desde docentes de preescolar hasta personal de programas extraescolares, accede a formación profesional sobre enseñanza y evaluación en STEM.

- Estancias en la industria que ayudan a docentes de matemáticas y ciencias a diseñar clases basadas en el mundo real
- Una biblioteca de préstamo de kits y equipo para el aula
- Guías y acompañamiento para escuelas que se transforman en escuelas STEM o STEAM`
		},
		{
			slug: 'career-connected-learning',
			title: 'Career Connected Learning',
			title_es: 'Aprendizaje Conectado con las Carreras',
			summary_md: `The Partnership connects preschool-to-12th-grade educators with industry professionals so that students see, meet and try the careers behind what they learn.

- Classroom visits, workplace tours and career days
- Mentoring and internships for high school students
- Links between higher education and K-12 that make STEM pathways visible to families`,
			summary_md_es: `La Alianza conecta a educadores desde preescolar hasta 12.º grado con profesionales de la industria para que el estudiantado vea, conozca y pruebe las carreras detrás de lo que aprende.

- Visitas a las aulas, recorridos por lugares de trabajo y ferias de carreras
- Mentoría y pasantías para estudiantes de preparatoria
- Vínculos entre la educación superior y K-12 que hacen visibles para las familias las trayectorias STEM`
		}
	],
	partners: [
		// --- K-12 -------------------------------------------------------------------------------
		{
			slug: 'willamette-ridge-school-district',
			name: 'Willamette Ridge School District',
			sector: 'k12',
			summary:
				'A suburban school district west of Portland expanding STEAM courses and career-connected learning in all of its middle and high schools.',
			summary_es:
				'Un distrito escolar suburbano al oeste de Portland que amplía los cursos STEAM y el aprendizaje conectado con las carreras en todas sus escuelas medias y preparatorias.',
			description_md: `Willamette Ridge serves about 19,000 students, a third of whom are multilingual learners.

- A STEAM coordinator in every middle school
- Career and technical education pathways in manufacturing, health and computer science
- A migrant summer program that now includes hands-on STEM every week`,
			description_md_es: `Willamette Ridge atiende a unos 19,000 estudiantes, un tercio de los cuales aprende en varios idiomas.

- Un coordinador STEAM en cada escuela media
- Trayectorias de educación técnica y profesional en manufactura, salud y ciencias de la computación
- Un programa de verano para estudiantes migrantes que ahora incluye STEM práctico cada semana`,
			website: 'https://example.org/willamette-ridge-sd',
			email: 'steam.willametteridge@example.org',
			phone: '(503) 555-0121',
			city: 'Hillsboro',
			zip: '97124'
		},
		{
			slug: 'fernhollow-elementary-steam-school',
			name: 'Fernhollow Elementary STEAM School',
			sector: 'k12',
			summary:
				'A Title I elementary school in East County weaving science, art and engineering projects into every grade.',
			summary_es:
				'Una escuela primaria de Título I en el este del condado que integra proyectos de ciencias, arte y de ingeniería en todos los grados.',
			description_md: `Fernhollow became a STEAM school after two years of planning with families, teachers and community partners.

- A weekly design challenge in every classroom
- An outdoor learning area shared with a local watershed program
- Family STEAM nights with interpretation in Spanish, Russian and Vietnamese`,
			description_md_es: `Fernhollow se convirtió en escuela STEAM después de dos años de planificación con familias, docentes y socios comunitarios.

- Un reto de diseño semanal en cada aula
- Un espacio de aprendizaje al aire libre compartido con un programa local de cuencas
- Noches familiares STEAM con interpretación en español, ruso y vietnamita`,
			website: 'https://example.org/fernhollow',
			email: 'office.fernhollow@example.org',
			phone: '(503) 555-0122',
			city: 'Gresham',
			zip: '97030'
		},
		{
			slug: 'larkspur-heights-high-school',
			name: 'Larkspur Heights High School',
			sector: 'k12',
			summary:
				'A comprehensive high school in outer Southeast Portland with manufacturing, computer science and environmental science pathways.',
			summary_es:
				'Una preparatoria integral en el sureste de Portland con trayectorias en manufactura, ciencias de la computación y ciencias ambientales.',
			description_md: `Larkspur Heights is one of the most diverse high schools in the state, with more than 40 home languages.

- A student-run manufacturing lab that takes real orders from local businesses
- AP Computer Science Principles open to every student, with no prerequisites
- Partnerships with a community college for dual credit`,
			description_md_es: `Larkspur Heights es una de las preparatorias más diversas del estado, con más de 40 idiomas maternos.

- Un laboratorio de manufactura dirigido por estudiantes que recibe pedidos reales de negocios locales
- AP Computer Science Principles abierto a todo el estudiantado, sin requisitos previos
- Alianzas con un colegio comunitario para obtener créditos duales`,
			website: 'https://example.org/larkspur-heights',
			email: 'info.larkspurheights@example.org',
			phone: '(503) 555-0123',
			city: 'Portland',
			zip: '97266'
		},
		// --- Out-of-school time -----------------------------------------------------------------
		{
			slug: 'riverlight-youth-science-club',
			name: 'Riverlight Youth Science Club',
			sector: 'ost',
			summary:
				'After-school science and engineering clubs for elementary and middle school students in North and Northeast Portland.',
			summary_es:
				'Clubes de ciencias e ingeniería después de clases para estudiantes de primaria y secundaria en el norte y noreste de Portland.',
			description_md: `Riverlight runs clubs at eight school and community sites, with a focus on Black and African immigrant families.

- Hands-on projects in robotics, chemistry and ecology
- Black scientists and engineers as regular club guests
- Free, with transportation home provided`,
			description_md_es: `Riverlight organiza clubes en ocho escuelas y sedes comunitarias, con enfoque en familias afroamericanas e inmigrantes africanas.

- Proyectos prácticos de robótica, química y ecología
- Científicos e ingenieros negros como invitados frecuentes
- Gratuito, con transporte de regreso a casa`,
			website: 'https://example.org/riverlight',
			email: 'clubs.riverlight@example.org',
			phone: '(971) 555-0124',
			city: 'Portland',
			zip: '97211'
		},
		{
			slug: 'salmonberry-outdoor-stem-camps',
			name: 'Salmonberry Outdoor STEM Camps',
			sector: 'ost',
			summary:
				'Summer and weekend field-science camps where young people monitor streams, forests and wildlife alongside working scientists.',
			summary_es:
				'Campamentos de ciencias de campo en verano y fines de semana donde jóvenes monitorean arroyos, bosques y fauna junto a científicos en activo.',
			description_md: `Salmonberry takes city kids outdoors to do real science that feeds into regional monitoring projects.

- Stream-health and salmon-habitat surveys
- Sliding-scale fees, with most spots free
- Teen leadership track for returning campers`,
			description_md_es: `Salmonberry lleva a niñas y niños de la ciudad al aire libre para hacer ciencia real que alimenta proyectos regionales de monitoreo.

- Estudios sobre la salud de los arroyos y el hábitat del salmón
- Cuotas según ingresos, con la mayoría de los lugares gratuitos
- Un programa de liderazgo para adolescentes que regresan al campamento`,
			website: 'https://example.org/salmonberry',
			email: 'camps.salmonberry@example.org',
			phone: '(503) 555-0125',
			city: 'Oregon City',
			zip: '97045'
		},
		{
			slug: 'code-canoe-youth-coding',
			name: 'Code Canoe Youth Coding',
			sector: 'ost',
			summary:
				'Low-cost coding and game-design programs for teens in Washington County, with sessions in English and Spanish.',
			summary_es:
				'Programas de programación y diseño de videojuegos a bajo costo para adolescentes del condado de Washington, con sesiones en inglés y español.',
			description_md: `Code Canoe meets teens where they are: in libraries, community centers and apartment complexes.

- Ten-week cohorts in game design, web development and data
- Bilingual instructors and family showcase nights
- Loaner laptops that participants can keep after finishing two cohorts`,
			description_md_es: `Code Canoe llega a donde están los adolescentes: bibliotecas, centros comunitarios y complejos de apartamentos.

- Cohortes de diez semanas en diseño de videojuegos, desarrollo web y datos
- Instructores bilingües y noches de presentación para las familias
- Computadoras en préstamo que los participantes pueden conservar al terminar dos cohortes`,
			website: 'https://example.org/code-canoe',
			email: 'hola.codecanoe@example.org',
			phone: '(971) 555-0126',
			city: 'Beaverton',
			zip: '97005'
		},
		// --- Higher education -------------------------------------------------------------------
		{
			slug: 'mount-tabor-community-college',
			name: 'Mount Tabor Community College',
			sector: 'higher_ed',
			summary:
				'A community college offering STEM transfer degrees, technician certificates and free summer bridge courses for recent graduates.',
			summary_es:
				'Un colegio comunitario que ofrece títulos de transferencia en STEM, certificados técnicos y cursos puente de verano gratuitos para recién graduados.',
			description_md: `Mount Tabor is the main on-ramp to STEM degrees for many first-generation students in the region.

- Microelectronics and mechatronics technician certificates designed with employers
- A free summer math bridge that lets students skip remedial courses
- Dual-credit courses taught at partner high schools`,
			description_md_es: `Mount Tabor es la principal puerta de entrada a títulos STEM para muchos estudiantes de primera generación de la región.

- Certificados técnicos en microelectrónica y mecatrónica diseñados con empleadores
- Un curso puente de matemáticas gratuito en verano que permite evitar cursos remediales
- Cursos de crédito dual impartidos en preparatorias asociadas`,
			website: 'https://example.org/mount-tabor-cc',
			email: 'stem.mounttabor@example.org',
			phone: '(503) 555-0127',
			city: 'Portland',
			zip: '97215'
		},
		{
			slug: 'cedar-mill-polytechnic-university',
			name: 'Cedar Mill Polytechnic University',
			sector: 'higher_ed',
			summary:
				'A regional university whose education and engineering faculty partner with schools on research-informed STEM teaching.',
			summary_es:
				'Una universidad regional cuyo profesorado de educación e ingeniería colabora con escuelas en una enseñanza STEM basada en la investigación.',
			description_md: `Cedar Mill Poly links STEM education research with classroom practice.

- Research-practice partnerships with three school districts
- A STEM teacher residency that recruits from local communities
- Undergraduate engineers who serve as after-school mentors`,
			description_md_es: `Cedar Mill Poly vincula la investigación en educación STEM con la práctica en el aula.

- Alianzas de investigación y práctica con tres distritos escolares
- Una residencia para docentes STEM que recluta en las comunidades locales
- Estudiantes de ingeniería que sirven como mentores después de clases`,
			website: 'https://example.org/cedar-mill-poly',
			email: 'outreach.cedarmill@example.org',
			phone: '(503) 555-0128',
			city: 'Portland',
			zip: '97229'
		},
		// --- Employers --------------------------------------------------------------------------
		{
			slug: 'ferngate-semiconductor',
			name: 'Ferngate Semiconductor',
			sector: 'employer',
			summary:
				'A chip-fabrication company offering teacher externships, technician apprenticeships and classroom volunteers.',
			summary_es:
				'Una empresa de fabricación de chips que ofrece estancias para docentes, aprendizajes para técnicos y voluntariado en las aulas.',
			description_md: `Ferngate invests in the local talent it will need for the next decade.

- Paid summer externships for middle and high school math and science teachers
- A two-year technician apprenticeship with a partner community college
- An employee volunteer corps that has made hundreds of classroom visits`,
			description_md_es: `Ferngate invierte en el talento local que necesitará durante la próxima década.

- Estancias de verano pagadas para docentes de matemáticas y ciencias de secundaria y preparatoria
- Un aprendizaje técnico de dos años con un colegio comunitario asociado
- Un cuerpo de voluntariado del personal que ya ha realizado cientos de visitas a aulas`,
			website: 'https://example.org/ferngate',
			email: 'community.ferngate@example.org',
			phone: '(503) 555-0129',
			city: 'Hillsboro',
			zip: '97124'
		},
		{
			slug: 'greenline-transit-engineering',
			name: 'Greenline Transit Engineering',
			sector: 'employer',
			summary:
				'A civil and transportation engineering firm whose staff mentor students and host design challenges across the metro area.',
			summary_es:
				'Una firma de ingeniería civil y de transporte cuyo personal da mentoría a estudiantes y organiza retos de diseño en toda el área metropolitana.',
			description_md: `Greenline's engineers design bridges, bike lanes and transit lines on both sides of the Columbia River.

- A yearly bridge-building challenge for middle schoolers
- Paid internships for community college students
- Staff mentors matched through the Partnership's career-connected learning program`,
			description_md_es: `Los ingenieros de Greenline diseñan puentes, ciclovías y líneas de transporte público a ambos lados del río Columbia.

- Un reto anual de construcción de puentes para estudiantes de secundaria
- Pasantías pagadas para estudiantes de colegio comunitario
- Mentores del personal asignados a través del programa de aprendizaje conectado con las carreras de la Alianza`,
			website: 'https://example.org/greenline',
			email: 'outreach.greenline@example.org',
			phone: '(360) 555-0130',
			city: 'Vancouver',
			zip: '98660'
		},
		// --- Government -------------------------------------------------------------------------
		{
			slug: 'tri-river-county-library-maker-commons',
			name: 'Tri-River County Library Maker Commons',
			sector: 'government',
			summary:
				'Free makerspaces and take-home STEM kits for families across a network of public library branches in the east metro area.',
			summary_es:
				'Espacios maker gratuitos y kits STEM para llevar a casa para las familias, en una red de bibliotecas públicas del este del área metropolitana.',
			description_md: `The Maker Commons brings tools and mentors to neighborhoods with few other STEM options.

- Makerspaces in five branches, open to all ages
- Kits in seven languages that families can borrow like books
- Teen volunteers trained as maker mentors`,
			description_md_es: `Maker Commons lleva herramientas y mentores a barrios con pocas opciones STEM.

- Espacios maker en cinco sucursales, abiertos a todas las edades
- Kits en siete idiomas que las familias pueden pedir prestados como libros
- Adolescentes voluntarios formados como mentores maker`,
			website: 'https://example.org/tri-river-library',
			email: 'makers.trirlibrary@example.org',
			phone: '(503) 555-0131',
			city: 'Portland',
			zip: '97233'
		},
		{
			slug: 'regional-watershed-education-office',
			name: 'Regional Watershed Education Office',
			sector: 'government',
			summary:
				'A public agency program that brings hands-on water-quality and climate science lessons to classrooms and community events.',
			summary_es:
				'Un programa de una agencia pública que lleva clases prácticas sobre calidad del agua y ciencias del clima a las aulas y a eventos comunitarios.',
			description_md: `The office turns the region's rivers and wetlands into outdoor classrooms.

- Free classroom lessons aligned with state science standards
- Field trips to restoration sites, with bus costs covered
- Summer paid internships for high school students in environmental science`,
			description_md_es: `La oficina convierte los ríos y humedales de la región en aulas al aire libre.

- Clases gratuitas alineadas con los estándares estatales de ciencias
- Excursiones a sitios de restauración, con el costo del autobús cubierto
- Pasantías pagadas de verano en ciencias ambientales para estudiantes de preparatoria`,
			website: 'https://example.org/watershed-education',
			email: 'education.watershed@example.org',
			phone: '(503) 555-0132',
			city: 'Portland',
			zip: '97201'
		},
		// --- Philanthropy -----------------------------------------------------------------------
		{
			slug: 'douglas-fir-community-fund',
			name: 'Douglas Fir Community Fund',
			sector: 'philanthropy',
			summary: 'A community fund making multi-year grants to culturally specific STEAM programs across the region.',
			summary_es:
				'Un fondo comunitario que otorga subvenciones plurianuales a programas STEAM culturalmente específicos en toda la región.',
			description_md: `Douglas Fir pools gifts from local donors to back organizations led by the communities they serve.

- Three-year grants with flexible reporting
- A grantee community of practice facilitated with the Partnership
- Priority for BIPOC-led and rural organizations`,
			description_md_es: `Douglas Fir reúne donaciones de donantes locales para respaldar a organizaciones dirigidas por las comunidades a las que sirven.

- Subvenciones de tres años con informes flexibles
- Una comunidad de práctica de beneficiarios, facilitada junto con la Alianza
- Prioridad para organizaciones dirigidas por personas BIPOC y organizaciones rurales`,
			website: 'https://example.org/douglas-fir-fund',
			email: 'grants.douglasfir@example.org',
			phone: '(503) 555-0133',
			city: 'Portland',
			zip: '97205'
		},
		{
			slug: 'rainshadow-family-foundation',
			name: 'Rainshadow Family Foundation',
			sector: 'philanthropy',
			summary: 'A family foundation supporting early-learning STEM and professional development for educators.',
			summary_es:
				'Una fundación familiar que apoya el aprendizaje STEM en la primera infancia y el desarrollo profesional de educadores.',
			description_md: `Rainshadow believes curiosity is built early and that great teachers sustain it.

- Grants for culturally responsive STEM kits in preschools and child-care centers
- Stipends so educators can attend summer professional learning
- Support for the Partnership's educator lending library`,
			description_md_es: `Rainshadow cree que la curiosidad se forma desde temprano y que los buenos docentes la mantienen viva.

- Subvenciones para kits STEM culturalmente pertinentes en preescolares y centros de cuidado infantil
- Estipendios para que los educadores asistan a formación profesional en verano
- Apoyo a la biblioteca de préstamo para educadores de la Alianza`,
			website: 'https://example.org/rainshadow',
			email: 'info.rainshadow@example.org',
			phone: '(503) 555-0134',
			city: 'Lake Oswego',
			zip: '97034'
		},
		// --- Community --------------------------------------------------------------------------
		{
			slug: 'puente-curioso-family-science',
			name: 'Puente Curioso Family Science Network',
			sector: 'community',
			summary:
				'A Latino family organization that runs bilingual STEM nights and trains parent leaders to share learning opportunities.',
			summary_es:
				'Una organización de familias latinas que organiza noches STEM bilingües y forma a madres y padres líderes para difundir oportunidades de aprendizaje.',
			description_md: `Puente Curioso grew out of a parent group at a Hillsboro elementary school.

- Monthly bilingual family science nights
- Parent leaders (*promotores*) who share program and scholarship information
- A family voice in the BIPOC STEAM Ecosystem's community of practice`,
			description_md_es: `Puente Curioso nació de un grupo de madres y padres de una escuela primaria de Hillsboro.

- Noches mensuales de ciencias para familias, en español e inglés
- *Promotores* que comparten información sobre programas y becas
- La voz de las familias en la comunidad de práctica del Ecosistema STEAM BIPOC`,
			website: 'https://example.org/puente-curioso',
			email: 'familias.puentecurioso@example.org',
			phone: '(503) 555-0135',
			city: 'Hillsboro',
			zip: '97123'
		},
		{
			slug: 'columbia-slough-family-stem-network',
			name: 'Columbia Slough Family STEM Network',
			sector: 'community',
			summary:
				'A neighborhood network in North Portland connecting families, elders and youth to free STEM activities and mentors.',
			summary_es:
				'Una red vecinal en el norte de Portland que conecta a familias, personas mayores y jóvenes con actividades STEM gratuitas y mentores.',
			description_md: `The network is run by neighbors who want young people to see STEM in their own community.

- A calendar of free STEM events, printed and online
- Intergenerational projects with retired engineers and tradespeople
- Community science walks along the slough`,
			description_md_es: `La red está a cargo de vecinos que quieren que la juventud vea STEM en su propia comunidad.

- Un calendario de eventos STEM gratuitos, impreso y en línea
- Proyectos intergeneracionales con ingenieros y técnicos jubilados
- Caminatas de ciencia comunitaria a lo largo del canal`,
			website: null,
			email: 'neighbors.columbiaslough@example.org',
			phone: '(971) 555-0136',
			city: 'Portland',
			zip: '97203'
		}
	],
	people: [
		{
			email: 'mei.admin@portland.demo.parity.example',
			name: 'Mei Lin Tran',
			role: 'backbone_admin',
			partnerSlug: null,
			locale: 'en'
		},
		{
			email: 'jordan.staff@portland.demo.parity.example',
			name: 'Jordan Whitehorse',
			role: 'backbone_staff',
			partnerSlug: null,
			locale: 'en'
		},
		{
			email: 'sofia.partner@portland.demo.parity.example',
			name: 'Sofía Ramírez',
			role: 'partner_admin',
			partnerSlug: 'code-canoe-youth-coding',
			locale: 'es'
		},
		{
			email: 'ben.partner@portland.demo.parity.example',
			name: 'Ben Okonkwo',
			role: 'partner_admin',
			partnerSlug: 'ferngate-semiconductor',
			locale: 'en'
		},
		{
			email: 'hana.member@portland.demo.parity.example',
			name: 'Hana Kobayashi',
			role: 'partner_member',
			partnerSlug: 'mount-tabor-community-college',
			locale: 'en'
		},
		{
			email: 'guadalupe.member@portland.demo.parity.example',
			name: 'Guadalupe Ortiz',
			role: 'partner_member',
			partnerSlug: 'puente-curioso-family-science',
			locale: 'es'
		},
		{
			email: 'tasha.educator@portland.demo.parity.example',
			name: 'Tasha Greene',
			role: 'educator',
			partnerSlug: 'fernhollow-elementary-steam-school',
			locale: 'en'
		},
		{
			email: 'nikolai.educator@portland.demo.parity.example',
			name: 'Nikolai Petrov',
			role: 'educator',
			partnerSlug: null,
			locale: 'en'
		}
	],
	sources: [
		'Portland Metro STEM Partnership, home page (mission, collective vision, Oregon STEM Hub role): https://www.pdxstem.org',
		'Portland Metro STEM Partnership, "What We Do" (focus areas, our work, initiatives): https://www.pdxstem.org/what-we-do',
		'Portland Metro STEM Partnership, "About Us": http://pdxstem.org/about-us/',
		'Portland Metro STEM Partnership, "Collaboratory": https://www.pdxstem.org/collaboratory/',
		'Portland Metro STEM Partnership, "Projects" (STEM Beyond School, Math in Real Life, Common Measures): http://pdxstem.org/projects/',
		'Portland Metro STEM Partnership, "BIPOC STEAM Ecosystem": http://pdxstem.org/bipoc-steam-ecosystem',
		'Portland Metro STEM Partnership, "Partnership Development": https://www.pdxstem.org/partnership-development',
		'Portland State University, "Keeping doors open: transforming STEM education at every level": https://www.pdx.edu/engineering/keeping-doors-open-transforming-stem-education-every-level',
		'Oregon Department of Education, "Oregon Regional STEM Hub Network" (STEM Learning Ecosystems membership): https://www.oregon.gov/ode/educator-resources/standards/STEM/Pages/stemhub.aspx'
	]
};

/** The two demo ecosystems, in display order. */
export const demoEcosystems: DemoEcosystem[] = [philadelphia, portland];

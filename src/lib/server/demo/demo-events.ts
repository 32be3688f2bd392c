import type { Executor } from '../audit/audit.repository.js';
import { insertEvent, insertRegistration, insertSeries } from '../events/events.repository.js';
import { addMinutes, minutesBetween, occurrenceStarts, parseQuestions, zonedToUtc } from '../events/events.js';
import { randomToken, sha256 } from '../util.js';

/**
 * Fictional demo events (labelled as demo), dated relative to the day the demo is seeded so the
 * calendar is never empty. One is nearly full with fictional registrations to show the waiting list.
 */
interface DemoEvent {
	title: string;
	title_es: string;
	description_md: string;
	description_md_es: string;
	audience: string;
	audience_es: string;
	format: 'in_person' | 'online' | 'hybrid';
	location: string | null;
	online_url: string | null;
	daysFromNow: number;
	start: string;
	end: string;
	capacity: number | null;
	questions?: [string, string];
	filled?: number;
	/** Repeats monthly on the same weekday, this many dates in all. */
	monthlyDates?: number;
}

const demoEvents: Record<string, { timeZone: string; events: DemoEvent[] }> = {
	philadelphia: {
		timeZone: 'America/New_York',
		events: [
			{
				title: 'Quarterly partner convening (demo)',
				title_es: 'Encuentro trimestral de socios (demo)',
				description_md: 'Partners review the latest Access Index together and agree on next quarter’s shared priorities. *Fictional demo event.*',
				description_md_es: 'Los socios revisan juntos el Índice de Acceso más reciente y acuerdan las prioridades del próximo trimestre. *Evento ficticio de demostración.*',
				audience: 'Partner organisations and backbone staff',
				audience_es: 'Organizaciones socias y equipo coordinador',
				format: 'hybrid',
				location: 'Demo Community Center, 100 Example Street, Philadelphia',
				online_url: 'https://meet.example.org/philly-demo-convening',
				daysFromNow: 12,
				start: '09:30',
				end: '12:00',
				capacity: 40,
				questions: ['Organisation *\nTopics you want on the agenda', 'Organización *\nTemas que quieres en la agenda']
			},
			{
				title: 'Family STEM night at the makerspace (demo)',
				title_es: 'Noche STEM en familia en el makerspace (demo)',
				description_md: 'Hands-on robotics and circuits for middle schoolers and their families. Spanish interpretation available on request. *Fictional demo event.*',
				description_md_es: 'Robótica y circuitos para estudiantes de secundaria y sus familias. Interpretación al español a pedido. *Evento ficticio de demostración.*',
				audience: 'Families with children aged 10 to 14',
				audience_es: 'Familias con hijos de 10 a 14 años',
				format: 'in_person',
				location: 'Brick and Bolt Youth Makerspace (demo address)',
				online_url: null,
				daysFromNow: 20,
				start: '18:00',
				end: '20:00',
				capacity: 12,
				filled: 11
			}
		]
	},
	portland: {
		timeZone: 'America/Los_Angeles',
		events: [
			{
				title: 'Collaboratory monthly meetup (demo)',
				title_es: 'Encuentro mensual del Collaboratory (demo)',
				description_md: 'Community educators share what worked this month and get technical assistance from peers. *Fictional demo event.*',
				description_md_es: 'Educadores comunitarios comparten lo que funcionó este mes y reciben asistencia técnica de sus pares. *Evento ficticio de demostración.*',
				audience: 'Community educators',
				audience_es: 'Educadores comunitarios',
				format: 'online',
				location: null,
				online_url: 'https://meet.example.org/collaboratory-demo',
				daysFromNow: 9,
				start: '16:00',
				end: '17:30',
				capacity: 30,
				questions: ['Program you work with *', 'Programa con el que trabajas *'],
				monthlyDates: 3
			},
			{
				title: 'Employer and educator breakfast (demo)',
				title_es: 'Desayuno de empleadores y educadores (demo)',
				description_md: 'Local employers meet teachers to plan summer internships. *Fictional demo event.*',
				description_md_es: 'Empleadores locales se reúnen con docentes para planear pasantías de verano. *Evento ficticio de demostración.*',
				audience: 'Employers and educators',
				audience_es: 'Empleadores y educadores',
				format: 'in_person',
				location: 'Demo Innovation Hub, Portland',
				online_url: null,
				daysFromNow: 25,
				start: '07:30',
				end: '09:00',
				capacity: null
			}
		]
	}
};

export async function insertDemoEvents(db: Executor, ecosystemId: string, ecosystemSlug: string, now = new Date()): Promise<void> {
	const demo = demoEvents[ecosystemSlug];
	if (!demo) return;
	await db.updateTable('ecosystem').set({ time_zone: demo.timeZone }).where('id', '=', ecosystemId).execute();
	for (const [index, event] of demo.events.entries()) {
		const firstDay = new Date(now.getTime() + event.daysFromNow * 86400_000).toISOString().slice(0, 10);
		const length = minutesBetween(`${firstDay}T${event.start}`, `${firstDay}T${event.end}`);
		const starts = occurrenceStarts(`${firstDay}T${event.start}`, event.monthlyDates ? 'monthly' : 'none', event.monthlyDates ?? 1);
		const seriesId = starts.length > 1 ? await insertSeries(db, ecosystemId, { repeat: 'monthly', occurrences: starts.length }) : null;
		for (const startLocal of starts) await insertDemoEvent(db, ecosystemId, demo.timeZone, event, `demo-event-${index + 1}-${startLocal.slice(0, 10)}`, startLocal, addMinutes(startLocal, length), seriesId);
	}
}

async function insertDemoEvent(db: Executor, ecosystemId: string, timeZone: string, event: DemoEvent, slug: string, startLocal: string, endLocal: string, seriesId: string | null) {
	const filled = event.filled ?? 0;
	const eventId = await insertEvent(db, ecosystemId, {
		slug,
		title: event.title,
		title_es: event.title_es,
		description_md: event.description_md,
		description_md_es: event.description_md_es,
		audience: event.audience,
		audience_es: event.audience_es,
		format: event.format,
		location: event.location,
		online_url: event.online_url,
		starts_at: zonedToUtc(startLocal, timeZone),
		ends_at: zonedToUtc(endLocal, timeZone),
		time_zone: timeZone,
		capacity: event.capacity,
		questions_json: JSON.stringify(parseQuestions(event.questions?.[0], event.questions?.[1])),
		reminder_hours: 24,
		status: 'published',
		proposed_by_partner_id: null,
		created_by_user_id: null,
		series_id: seriesId,
		is_demo: 1
	});
	for (let n = 1; n <= filled; n++) {
		await insertRegistration(db, ecosystemId, {
			event_id: eventId,
			user_id: null,
			name: `Demo Family ${n}`,
			email: `family${n}@demo.parity.example`,
			locale: n % 3 === 0 ? 'es' : 'en',
			status: 'confirmed',
			position: n,
			answers_json: '{}',
			accessibility_request: null,
			language_request: n % 3 === 0 ? 'Spanish interpretation' : null,
			token_hash: sha256(randomToken())
		});
	}
	if (filled) await db.updateTable('event').set({ seats_taken: filled, registrations_made: filled }).where('id', '=', eventId).execute();
}

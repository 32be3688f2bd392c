/**
 * Demo youth stories: FICTIONAL, written for the demo, every one marked is_demo (the wall shows a
 * "Demo" badge). No real young person's words or names. Minors' stories carry a fictional paper
 * consent so the consent record page has something to show.
 */
import type { Executor } from '../audit/audit.repository.js';
import { insertConsent, insertLink, insertStory } from '../stories/stories.repository.js';
import { listMetrics } from '../metrics/metrics.repository.js';
import { addYears, type AgeBand, type Interest, type Scope } from '../stories/stories.js';

interface DemoStory {
	name: string;
	band: AgeBand;
	language: 'en' | 'es';
	text: string;
	interests: Interest[];
	scopes: Scope[];
	status: 'published' | 'in_review';
	featured?: boolean;
	/** Shown beside the numbers: linked to the ecosystem's workforce metric on the dashboard. */
	besideWorkforce?: boolean;
}

const philadelphia: DemoStory[] = [
	{
		name: 'Jada',
		band: '16_17',
		language: 'en',
		text: 'I joined a robotics team because my friend needed someone to hold the wrench. Two seasons later I am the one writing the autonomous code. I want to study mechanical engineering, and what would help most is a summer internship close to home.',
		interests: ['robotics', 'coding', 'engineering'],
		scopes: ['wall', 'partner_site', 'social'],
		status: 'published',
		featured: true
	},
	{
		name: 'Valeria',
		band: '13_15',
		language: 'es',
		text: 'Cuando mi abuela se enfermó, empecé a preguntarme cómo funcionan las máquinas del hospital. Quiero ser ingeniera biomédica. Me ayudaría tener más clubes de ciencias en español después de la escuela.',
		interests: ['health', 'engineering'],
		scopes: ['wall', 'partner_site'],
		status: 'published'
	},
	{
		name: 'Marcus',
		band: '18_24',
		language: 'en',
		text: 'Community college chemistry was the first class where someone asked what I thought. Now I test water samples on weekends and I want to become an environmental chemist. Paid lab hours for students would change everything.',
		interests: ['science', 'environment'],
		scopes: ['wall', 'partner_site', 'social', 'print'],
		status: 'published',
		besideWorkforce: true
	},
	{
		name: 'Ari',
		band: '13_15',
		language: 'en',
		text: 'I love math puzzles and I want to make video games one day. My big brother showed me how to code a tiny game. Text me at 215-555-0134 if you have a coding club near Broad Street!',
		interests: ['math', 'coding'],
		scopes: ['wall'],
		status: 'in_review'
	}
];

const portland: DemoStory[] = [
	{
		name: 'Noah',
		band: '16_17',
		language: 'en',
		text: 'Building a weather station for our school garden got me hooked on sensors. I want to work on climate data. More mentors who look like me would help.',
		interests: ['environment', 'engineering', 'coding'],
		scopes: ['wall', 'partner_site'],
		status: 'published',
		featured: true
	},
	{
		name: 'Lupita',
		band: '18_24',
		language: 'es',
		text: 'En el taller de diseño aprendí a usar una impresora 3D. Ahora quiero estudiar diseño industrial. Lo que más me ayudaría es transporte para llegar a los programas de los sábados.',
		interests: ['design', 'engineering'],
		scopes: ['wall', 'partner_site', 'social'],
		status: 'published',
		besideWorkforce: true
	},
	{
		name: 'Kai',
		band: '13_15',
		language: 'en',
		text: 'Looking at Saturn through a telescope at a library event made me want to be an astronomer. I would love a space camp that does not cost so much.',
		interests: ['space', 'science'],
		scopes: ['wall'],
		status: 'published'
	}
];

export async function insertDemoStories(trx: Executor, ecosystemId: string, ecosystemSlug: string): Promise<void> {
	const stories = ecosystemSlug === 'portland' ? portland : philadelphia;
	const now = new Date();
	const workforce = (await listMetrics(trx, ecosystemId)).find((metric) => metric.stage === 'workforce');
	for (const story of stories) {
		const minor = story.band !== '18_24';
		const scopes = JSON.stringify(story.scopes);
		const id = await insertStory(trx, ecosystemId, {
			status: story.status,
			age_band: story.band,
			language: story.language,
			display_name: story.name,
			story_text: story.text,
			interests_json: JSON.stringify(story.interests),
			school: 'Demo school (fictional)',
			parent_email: minor ? `parent.${story.name.toLowerCase()}@families.demo.parity.example` : null,
			requested_scopes_json: scopes,
			consent_scopes_json: minor ? scopes : null,
			approved_scopes_json: story.status === 'published' ? scopes : null,
			consent_expires_at: addYears(now, 2),
			published_at: story.status === 'published' ? now.toISOString() : null,
			featured_at: story.featured ? now.toISOString() : null,
			is_demo: 1
		});
		await insertConsent(trx, ecosystemId, id, { kind: 'youth_assent', method: 'online_form', scopes_json: scopes });
		if (story.besideWorkforce && workforce) await insertLink(trx, ecosystemId, id, 'metric', workforce.id);
		if (minor) {
			await insertConsent(trx, ecosystemId, id, {
				kind: 'parent_consent',
				method: 'paper',
				signer_name: 'Demo Parent (fictional)',
				relationship: 'parent',
				scopes_json: scopes,
				given_on: now.toISOString().slice(0, 10)
			});
		}
	}
}

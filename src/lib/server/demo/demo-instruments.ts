import type { Executor } from '../audit/audit.repository.js';
import { randomToken, sha256 } from '../util.js';
import type { ChoiceOption, ItemType } from '../instruments/instruments.js';
import { insertInstrument, insertItem, insertResponse, insertRun, listItems, publishInstrument } from '../instruments/instruments.repository.js';

/**
 * One demo instrument per demo ecosystem: a short pre/post youth survey of STEM interest and
 * identity. The questions were written for Parity's demo (see SOURCES.md); they are not a
 * validated instrument. In Philadelphia one partner has a demo run with 12 linked pairs, so the
 * network column shows a result from the start; nobody knows its links (only hashes are stored).
 */
const items: { type: ItemType; scale: string | null; scale_es: string | null; prompt: string; prompt_es: string; options?: ChoiceOption[] }[] = [
	{ type: 'likert', scale: 'STEM interest', scale_es: 'Interés en STEM', prompt: 'I enjoy figuring out how things work.', prompt_es: 'Me gusta descubrir cómo funcionan las cosas.' },
	{ type: 'likert', scale: 'STEM interest', scale_es: 'Interés en STEM', prompt: 'I want to learn more about science, technology, engineering or math.', prompt_es: 'Quiero aprender más sobre ciencia, tecnología, ingeniería o matemáticas.' },
	{ type: 'likert', scale: 'STEM identity', scale_es: 'Identidad STEM', prompt: 'I see myself as someone who can do science.', prompt_es: 'Me veo como alguien que puede hacer ciencia.' },
	{ type: 'likert', scale: 'STEM identity', scale_es: 'Identidad STEM', prompt: 'People like me can have a career in STEM.', prompt_es: 'Las personas como yo pueden tener una carrera en STEM.' },
	{
		type: 'choice',
		scale: null,
		scale_es: null,
		prompt: 'How did you hear about this program?',
		prompt_es: '¿Cómo te enteraste de este programa?',
		options: [
			{ label: 'School', label_es: 'La escuela' },
			{ label: 'Family or friends', label_es: 'Familia o amistades' },
			{ label: 'Somewhere else', label_es: 'Otro lugar' }
		]
	}
];

const demoRuns: Record<string, { partnerSlug: string; name: string } | undefined> = {
	philadelphia: { partnerSlug: 'faro-verde-youth-science-lab', name: 'Summer science lab (demo)' }
};

export async function insertDemoInstruments(db: Executor, ecosystemId: string, ecosystemSlug: string, partnerIds: Map<string, string>) {
	const instrumentId = await insertInstrument(db, ecosystemId, {
		slug: 'stem-interest-and-identity',
		kind: 'youth_survey',
		title: 'STEM interest and identity (demo)',
		title_es: 'Interés e identidad STEM (demo)',
		intro: 'A short survey about how you feel about science and technology. There are no right or wrong answers.',
		intro_es: 'Una encuesta corta sobre lo que sientes acerca de la ciencia y la tecnología. No hay respuestas correctas ni incorrectas.',
		userId: null,
		isDemo: true
	});
	for (const item of items) await insertItem(db, ecosystemId, instrumentId, { ...item, options: item.options ?? [] });
	await publishInstrument(db, ecosystemId, instrumentId);

	const demo = demoRuns[ecosystemSlug];
	const partnerId = demo ? partnerIds.get(demo.partnerSlug) : undefined;
	if (!demo || !partnerId) return;
	const runId = await insertRun(db, ecosystemId, { instrumentId, partnerId, name: demo.name, preTokenHash: sha256(randomToken()), postTokenHash: sha256(randomToken()), userId: null });
	const [q1, q2, q3, q4, q5] = await listItems(db, ecosystemId, instrumentId);
	for (let i = 0; i < 12; i++) {
		const code = `DEMO${String(i + 1).padStart(2, '0')}`;
		const pre = 2 + (i % 3 === 0 ? 0 : 1);
		const gain = i % 4 === 0 ? 0 : 1;
		const base = { instrumentId, runId, partnerId, code, entry: 'staff' as const, userId: null };
		await insertResponse(db, ecosystemId, { ...base, phase: 'pre', answers: { [q1!.id]: pre, [q2!.id]: pre, [q3!.id]: 2, [q4!.id]: 3, [q5!.id]: 1 + (i % 3) } });
		await insertResponse(db, ecosystemId, { ...base, phase: 'post', answers: { [q1!.id]: pre + gain, [q2!.id]: pre + 1, [q3!.id]: 2 + gain, [q4!.id]: 4 } });
	}
}

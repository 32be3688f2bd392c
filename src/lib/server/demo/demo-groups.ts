import type { Executor } from '../audit/audit.repository.js';
import { insertGroup, insertPost, insertThread, putGroupMember } from '../groups/groups.repository.js';
import type { Visibility } from '../groups/groups.js';

/** Fictional demo working groups (labelled as demo), with members drawn from the demo accounts. */
interface DemoGroup {
	slug: string;
	name: string;
	name_es: string;
	purpose_md: string;
	purpose_md_es: string;
	visibility: Visibility;
	lead: string;
	members: string[];
	thread?: { title: string; posts: [string, string][] };
}

const groups: Record<string, DemoGroup[]> = {
	philadelphia: [
		{
			slug: 'measurement-and-evaluation-workgroup',
			name: 'Measurement and evaluation workgroup (demo)',
			name_es: 'Grupo de trabajo de medición y evaluación (demo)',
			purpose_md: 'Partners agree on shared indicators and review the Access Index together. *Fictional demo group.*',
			purpose_md_es: 'Los socios acuerdan indicadores compartidos y revisan juntos el Índice de Acceso. *Grupo ficticio de demostración.*',
			visibility: 'members',
			lead: 'rosa.educator@philadelphia.demo.parity.example',
			members: ['marisol.member@philadelphia.demo.parity.example', 'luis.staff@philadelphia.demo.parity.example'],
			thread: {
				title: 'Spring survey timing (demo)',
				posts: [
					['rosa.educator@philadelphia.demo.parity.example', 'When should we field the spring participation survey? April avoids testing season.'],
					['marisol.member@philadelphia.demo.parity.example', 'April works for our sites. @rosa.educator we can share the Spanish version.']
				]
			}
		},
		{
			slug: 'youth-advisory-council',
			name: 'Youth advisory council (demo)',
			name_es: 'Consejo asesor juvenil (demo)',
			purpose_md: 'Young people advise the collective on what gets in the way of STEM. *Fictional demo group.*',
			purpose_md_es: 'Jóvenes asesoran al colectivo sobre lo que dificulta el acceso a STEM. *Grupo ficticio de demostración.*',
			visibility: 'invitation',
			lead: 'luis.staff@philadelphia.demo.parity.example',
			members: []
		}
	],
	portland: [
		{
			slug: 'the-collaboratory',
			name: 'The Collaboratory (demo)',
			name_es: 'El Collaboratory (demo)',
			purpose_md: 'A network where community educators get networking, technical assistance and professional development. *Fictional demo group.*',
			purpose_md_es: 'Una red donde educadores comunitarios encuentran contactos, asistencia técnica y desarrollo profesional. *Grupo ficticio de demostración.*',
			visibility: 'public',
			lead: 'tasha.educator@portland.demo.parity.example',
			members: ['nikolai.educator@portland.demo.parity.example', 'hana.member@portland.demo.parity.example']
		}
	]
};

export async function insertDemoGroups(db: Executor, ecosystemId: string, ecosystemSlug: string, userIds: Map<string, string>): Promise<void> {
	for (const group of groups[ecosystemSlug] ?? []) {
		const { slug, name, name_es, purpose_md, purpose_md_es, visibility } = group;
		const groupId = await insertGroup(db, ecosystemId, { slug, name, name_es, purpose_md, purpose_md_es, visibility, is_demo: 1 });
		await putGroupMember(db, ecosystemId, groupId, userIds.get(group.lead)!, 'lead');
		for (const email of group.members) await putGroupMember(db, ecosystemId, groupId, userIds.get(email)!, 'member');
		if (!group.thread) continue;
		const threadId = await insertThread(db, ecosystemId, { groupId, title: group.thread.title, authorUserId: userIds.get(group.thread.posts[0]![0])! });
		for (const [email, body] of group.thread.posts) await insertPost(db, ecosystemId, { threadId, authorUserId: userIds.get(email)!, body });
	}
}

import type { AppContext } from '../context.js';
import { createVerifiedAccount } from '../auth/accounts.js';
import { recordAudit } from '../audit/audit.repository.js';
import { insertEcosystem, insertInitiative, saveCondition } from '../ecosystems/ecosystems.repository.js';
import { conditions } from '../ecosystems/ecosystems.js';
import { insertPartner } from '../partners/partners.repository.js';
import { findUserByEmail, insertMembership, insertPlatformAdmin } from '../members/members.repository.js';
import { DEMO_PASSWORD, demoEcosystems } from './demo-content.js';
import { insertDemoMeasurement } from './demo-measurement.js';
import { insertDemoSubmissions } from './demo-submissions.js';
import { insertDemoAgenda } from './demo-agenda.js';
import { insertDemoStories } from './demo-stories.js';
import { insertDemoEvents } from './demo-events.js';
import { insertDemoGroups } from './demo-groups.js';
import { insertDemoPrograms } from './demo-programs.js';
import { insertDemoYouthPopulation } from './demo-youth.js';
import { insertDemoEducators } from './demo-educators.js';
import { importDemoReferenceData, insertDemoCommitments, insertDemoLending, insertDemoMatchmaking, insertDemoOpportunities, insertDemoProjects } from './demo-careers.js';
import { insertDemoInstruments } from './demo-instruments.js';

export const DEMO_PLATFORM_ADMIN = {
	email: 'admin@platform.demo.parity.example',
	name: 'Avery Platform (demo)'
};

/**
 * Seeds the two demo ecosystems when the database has no ecosystem yet. Accounts are created
 * first (and reused if a previous run stopped half-way); all ecosystem content and roles then go
 * in one transaction, so a demo is either complete or absent.
 */
export async function seedDemoIfEmpty(ctx: AppContext): Promise<{ ecosystems: number; accounts: number } | null> {
	const db = ctx.db.kysely;
	const any = await db.selectFrom('ecosystem').select('id').limit(1).executeTakeFirst();
	if (any) return null;

	const userIds = new Map<string, string>();
	const people = [
		{ email: DEMO_PLATFORM_ADMIN.email, name: DEMO_PLATFORM_ADMIN.name, locale: 'en' as const },
		...demoEcosystems.flatMap((e) => e.people)
	];
	for (const person of people) {
		const existing = await findUserByEmail(db, person.email);
		userIds.set(
			person.email,
			existing?.id ??
				(await createVerifiedAccount(ctx.auth, { email: person.email, name: person.name, password: DEMO_PASSWORD, locale: person.locale }))
		);
	}

	await importDemoReferenceData(db);
	await db.transaction().execute(async (trx) => {
		const platformAdminId = userIds.get(DEMO_PLATFORM_ADMIN.email)!;
		const already = await trx.selectFrom('platform_admin').select('user_id').where('user_id', '=', platformAdminId).executeTakeFirst();
		if (!already) await insertPlatformAdmin(trx, platformAdminId);
		for (const demo of demoEcosystems) {
			const ecosystemId = await insertEcosystem(trx, {
				slug: demo.slug,
				name: demo.name,
				name_es: demo.name_es,
				region: demo.region,
				tagline: demo.tagline,
				tagline_es: demo.tagline_es,
				mission: demo.mission,
				mission_es: demo.mission_es,
				vision: demo.vision,
				vision_es: demo.vision_es,
				goal: demo.goal,
				goal_es: demo.goal_es,
				goal_year: demo.goal_year,
				website: demo.website,
				contact_email: demo.contact_email,
				isDemo: true
			});
			for (const condition of conditions) {
				const practice = demo.conditions[condition];
				await saveCondition(trx, ecosystemId, condition, practice.practice_md, practice.practice_md_es);
			}
			let position = 0;
			for (const initiative of demo.initiatives) {
				await insertInitiative(trx, ecosystemId, { ...initiative, position: position++ });
			}
			const partnerIds = new Map<string, string>();
			for (const partner of demo.partners) {
				const { slug, ...profile } = partner;
				partnerIds.set(slug, await insertPartner(trx, ecosystemId, slug, { ...profile, website: profile.website ?? undefined, email: profile.email ?? undefined, phone: profile.phone ?? undefined }, true));
			}
			for (const person of demo.people) {
				await insertMembership(trx, {
					ecosystemId,
					userId: userIds.get(person.email)!,
					role: person.role,
					partnerId: person.partnerSlug ? partnerIds.get(person.partnerSlug) ?? null : null
				});
			}
			await insertDemoMeasurement(trx, ecosystemId, demo.slug);
			const submitter = (partnerSlug: string) => demo.people.find((p) => p.partnerSlug === partnerSlug && (p.role === 'partner_admin' || p.role === 'partner_member'));
			const reviewer = demo.people.find((p) => p.role === 'backbone_admin');
			await insertDemoSubmissions(trx, {
				ecosystemId,
				slug: demo.slug,
				partners: demo.partners.map((p) => ({ id: partnerIds.get(p.slug)!, slug: p.slug, sector: p.sector })),
				submitterOf: (partnerSlug) => {
					const person = submitter(partnerSlug);
					return person ? userIds.get(person.email)! : null;
				},
				reviewerId: reviewer ? userIds.get(reviewer.email)! : null
			});
			await insertDemoAgenda(trx, ecosystemId, demo.slug, { partnerIds, userIds });
			await insertDemoStories(trx, ecosystemId, demo.slug);
			await insertDemoEvents(trx, ecosystemId, demo.slug);
			await insertDemoGroups(trx, ecosystemId, demo.slug, userIds);
			await insertDemoPrograms(trx, ecosystemId, demo.slug, partnerIds);
			await insertDemoYouthPopulation(trx, ecosystemId, demo.slug);
			const schoolTeams = demo.people
				.filter((p) => p.role === 'educator' && p.partnerSlug)
				.map((p) => ({ slug: p.partnerSlug!, name: demo.partners.find((x) => x.slug === p.partnerSlug)?.name ?? p.partnerSlug!, userId: userIds.get(p.email)! }));
			await insertDemoEducators(trx, ecosystemId, demo.slug, partnerIds, schoolTeams);
			await insertDemoInstruments(trx, ecosystemId, demo.slug, partnerIds);
			await insertDemoOpportunities(trx, ecosystemId, demo.slug, partnerIds);
			await insertDemoLending(trx, ecosystemId, demo.slug, partnerIds);
			const members = new Map(demo.people.map((p) => [p.email, { userId: userIds.get(p.email)!, partnerId: p.partnerSlug ? (partnerIds.get(p.partnerSlug) ?? null) : null }]));
			await insertDemoMatchmaking(trx, ecosystemId, demo.slug, partnerIds, members);
			await insertDemoCommitments(trx, ecosystemId, demo.slug, partnerIds);
			await insertDemoProjects(trx, ecosystemId, demo.slug, partnerIds);
			await recordAudit(trx, {
				actor: { kind: 'public' },
				ecosystemId,
				action: 'demo.seed',
				entityType: 'ecosystem',
				entityId: ecosystemId,
				summary: `Seeded demo ecosystem “${demo.name}” with ${demo.partners.length} fictional partners`
			});
		}
	});
	return { ecosystems: demoEcosystems.length, accounts: people.length };
}

import type { LayoutServerLoad } from './$types';
import { runtime } from '#lib/server/runtime.js';
import { getEcosystem } from '#lib/server/ecosystems/ecosystems.service.js';
import { guard } from '#lib/server/http/route-helpers.js';
import { localized } from '#lib/server/content.js';
import { decide, membershipIn } from '#lib/server/auth/roles.js';

export const load: LayoutServerLoad = async (event) => {
	const { locals, params } = event;
	const ecosystem = await guard(event, () => getEcosystem({ db: runtime().db.kysely, slug: params.ecosystem }));
	const membership = membershipIn(locals.actor, ecosystem.id);
	const scope = { ecosystemId: ecosystem.id };
	const measurement = decide(locals.actor, 'ecosystem.measurement.manage', scope);
	const agenda = decide(locals.actor, 'ecosystem.agenda.manage', scope);
	const stories = decide(locals.actor, 'ecosystem.stories.moderate', scope);
	return {
		ecosystem: {
			id: ecosystem.id,
			slug: ecosystem.slug,
			name: localized(locals.locale, ecosystem.name, ecosystem.name_es),
			region: ecosystem.region,
			isDemo: ecosystem.is_demo === 1
		},
		membership: membership ? { role: membership.role, partnerId: membership.partnerId } : null,
		can: {
			workspace: decide(locals.actor, 'ecosystem.workspace.view', scope) === 'allow',
			editSite: decide(locals.actor, 'ecosystem.site.edit', scope) === 'allow',
			managePartners: decide(locals.actor, 'ecosystem.partners.manage', scope) === 'allow',
			proposeEvents: decide(locals.actor, 'ecosystem.events.propose', scope) !== 'deny' && locals.actor.kind === 'user',
			manageMembers: decide(locals.actor, 'ecosystem.members.manage', scope) !== 'deny' && locals.actor.kind === 'user',
			readAudit: decide(locals.actor, 'ecosystem.audit.read', scope) !== 'deny' && locals.actor.kind === 'user',
			/** Measurement (metric dictionary, benchmarks): false, or whether it opens now or after two-factor set-up. */
			manageMeasurement: measurement === 'allow' || measurement === 'two_factor_required' ? measurement : (false as const),
			/** The common agenda's backbone pages: false, or whether they open now or after two-factor set-up. */
			manageAgenda: agenda === 'allow' || agenda === 'two_factor_required' ? agenda : (false as const),
			/** Youth-story moderation: false, or whether it opens now or after two-factor set-up. */
			moderateStories: stories === 'allow' || stories === 'two_factor_required' ? stories : (false as const),
			manageAssetMap: decide(locals.actor, 'ecosystem.assetmap.manage', scope) === 'allow'
		}
	};
};

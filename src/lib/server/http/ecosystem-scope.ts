import type { RequestEvent } from '@sveltejs/kit';
import { runtime } from '../runtime.js';
import { getEcosystem } from '../ecosystems/ecosystems.service.js';
import type { EcosystemRow } from '../ecosystems/ecosystems.repository.js';
import { guard } from './route-helpers.js';

/**
 * Form actions under /e/[ecosystem] do not receive the layout's data, so they resolve the
 * ecosystem from the address here (404 when there is none) before calling their use-case.
 */
export async function ecosystemOf(
	event: Pick<RequestEvent, 'url'> & { params: { ecosystem: string } }
): Promise<EcosystemRow> {
	return guard(event, () => getEcosystem({ db: runtime().db.kysely, slug: event.params.ecosystem }));
}

import type { Executor } from '../audit/audit.repository.js';
import { insertProgram } from '../programs/programs.repository.js';
import { prepareProgramWrite } from '../programs/programs.service.js';
import { unique } from './factories.js';

/** A complete, valid program as a partner would enter it: weekly on Tuesdays and Thursdays at one place. */
export function programInput(overrides: Record<string, unknown> = {}): Record<string, unknown> {
	return {
		name: `Robotics club ${unique('r')}`,
		name_es: 'Club de robótica',
		description: 'Build and program robots with friends after school, no experience needed.',
		description_es: 'Construye y programa robots con amigos después de la escuela.',
		subjects: ['robotics', 'coding'],
		formats: ['after_school'],
		populations: ['girls'],
		languages: ['en', 'es'],
		min_age: '10',
		max_age: '14',
		cost_kind: 'free',
		capacity: '20',
		how_to_apply: 'Sign up at the front desk.',
		locations: [{ name: 'Community center', address_1: '100 Main St', city: 'Philadelphia', state_province: 'PA', postal_code: '19104' }],
		schedules: [{ freq: 'WEEKLY', byday: ['TU', 'TH'], dtstart: '2026-09-08', until: '2027-06-10', opens_at: '15:30', closes_at: '17:00' }],
		confirm_current: true,
		...overrides
	};
}

/** Inserts a program directly (no actor), e.g. to set up finder and export tests. */
export async function makeProgram(
	db: Executor,
	ecosystemId: string,
	partner: { id: string; name: string },
	overrides: Record<string, unknown> = {},
	options: { now?: string; verified?: boolean } = {}
): Promise<string> {
	const write = await prepareProgramWrite(db, ecosystemId, partner.name, programInput(overrides));
	if (!write.ok) throw new Error(`makeProgram: ${JSON.stringify(write.issues)}`);
	return insertProgram(db, ecosystemId, partner.id, write.value, { verifiedBy: options.verified === false ? null : 'seed', now: options.now });
}

import { z } from 'zod';
import { decide, type Actor } from '../auth/roles.js';

/**
 * Multi-partner projects (pure core): the forms' schemas and who may do what. A project has one
 * lead partner and several partners, each with a role; goals (optionally tied to a strategy of the
 * common agenda), milestones with an owning partner and a due date, updates and shared files.
 *
 * What the public sees: the project, its lead, its partners with their roles, and its goals.
 * Milestones, updates and files are for the project's partners and the backbone only.
 */

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isRealDate = (value: string) => DATE.test(value) && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
const text = (max: number, label: string) => z.string({ message: `Enter ${label.charAt(0).toLowerCase()}${label.slice(1)}.` }).trim().max(max, `${label} can have at most ${max} characters.`);
const optionalText = (max: number, label: string) =>
	text(max, label)
		.optional()
		.transform((v) => (v ? v : null));
const partnerSlug = (message: string) => z.string({ message }).trim().min(1, message);

export const projectSchema = z.object({
	lead: partnerSlug('Choose the lead partner.'),
	title: text(140, 'The title').min(4, 'Give the project a title of at least 4 characters.'),
	title_es: optionalText(140, 'The Spanish title'),
	summary: text(4000, 'The summary').min(20, 'Say what the project is in at least 20 characters.'),
	summary_es: optionalText(4000, 'The Spanish summary'),
	lead_role: text(200, 'The lead partner’s role').min(2, 'Say what the lead partner does in the project.')
});
export type ProjectInput = z.infer<typeof projectSchema>;

export const projectPartnerSchema = z.object({
	partner: partnerSlug('Choose a partner.'),
	role: text(200, 'The role').min(2, 'Say what this partner does in the project.'),
	role_es: optionalText(200, 'The Spanish role')
});

export const goalSchema = z.object({
	text: text(500, 'The goal').min(4, 'Write the goal in at least 4 characters.'),
	text_es: optionalText(500, 'The Spanish goal'),
	// The common-agenda strategy it serves; empty for none.
	strategy: z
		.string()
		.optional()
		.transform((v) => (v ? v : null))
});

export const milestoneSchema = z.object({
	title: text(200, 'The milestone').min(4, 'Name the milestone in at least 4 characters.'),
	title_es: optionalText(200, 'The Spanish milestone'),
	owner: partnerSlug('Choose the partner who owns this milestone.'),
	due_on: z.string({ message: 'Enter the due date as YYYY-MM-DD.' }).refine(isRealDate, 'Enter the due date as YYYY-MM-DD.')
});

export const updateSchema = z.object({
	body: text(4000, 'The update').min(2, 'Write the update.')
});

export interface ProjectMembership {
	leadPartnerId: string;
	partnerIds: readonly string[];
}

/**
 * What a person may do in a project. Backbone staff manage every project; the lead partner's
 * admins manage theirs (partners, goals, milestones). Staff of any partner in the project
 * contribute: they see milestones, updates and files, post updates, share files, and complete the
 * milestones their partner owns.
 */
export function projectAbilities(actor: Actor, ecosystemId: string, project: ProjectMembership) {
	const allowed = (permission: Parameters<typeof decide>[1], partnerId?: string) => decide(actor, permission, { ecosystemId, partnerId }) === 'allow';
	const manage = allowed('ecosystem.projects.manage') || allowed('partner.projects.lead', project.leadPartnerId);
	const contributesFor = project.partnerIds.filter((id) => allowed('partner.projects.contribute', id));
	return {
		manage,
		contribute: manage || contributesFor.length > 0,
		/** A milestone owned by this partner may be marked done by this person. */
		completes: (ownerPartnerId: string) => manage || contributesFor.includes(ownerPartnerId)
	};
}

/** Milestones in date order with whether each is done or late on `today` (YYYY-MM-DD). */
export function milestoneState(m: { due_on: string; done_at: string | null }, today: string): 'done' | 'late' | 'upcoming' {
	if (m.done_at) return 'done';
	return m.due_on < today ? 'late' : 'upcoming';
}

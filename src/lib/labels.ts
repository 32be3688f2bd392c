import * as m from '#lib/paraglide/messages.js';

/** Interface labels for stored codes, in the current language. */
export function sectorLabel(sector: string): string {
	switch (sector) {
		case 'k12': return m.sector_k12();
		case 'ost': return m.sector_ost();
		case 'higher_ed': return m.sector_higher_ed();
		case 'employer': return m.sector_employer();
		case 'government': return m.sector_government();
		case 'philanthropy': return m.sector_philanthropy();
		case 'community': return m.sector_community();
		default: return sector;
	}
}

export function conditionLabel(condition: string): string {
	switch (condition) {
		case 'common_agenda': return m.condition_common_agenda();
		case 'shared_measurement': return m.condition_shared_measurement();
		case 'mutually_reinforcing_activities': return m.condition_mutually_reinforcing_activities();
		case 'continuous_communication': return m.condition_continuous_communication();
		case 'backbone_support': return m.condition_backbone_support();
		default: return condition;
	}
}

export function conditionExplainer(condition: string): string {
	switch (condition) {
		case 'common_agenda': return m.condition_common_agenda_explainer();
		case 'shared_measurement': return m.condition_shared_measurement_explainer();
		case 'mutually_reinforcing_activities': return m.condition_mutually_reinforcing_activities_explainer();
		case 'continuous_communication': return m.condition_continuous_communication_explainer();
		case 'backbone_support': return m.condition_backbone_support_explainer();
		default: return '';
	}
}

export function roleName(role: string): string {
	switch (role) {
		case 'backbone_admin': return m.role_backbone_admin();
		case 'backbone_staff': return m.role_backbone_staff();
		case 'partner_admin': return m.role_partner_admin();
		case 'partner_member': return m.role_partner_member();
		case 'educator': return m.role_educator();
		default: return role;
	}
}

export function eventFormatLabel(format: string): string {
	if (format === 'online') return m.events_format_online();
	if (format === 'hybrid') return m.events_format_hybrid();
	return m.events_format_in_person();
}

export function visibilityLabel(visibility: string): string {
	if (visibility === 'members') return m.groups_visibility_members();
	if (visibility === 'invitation') return m.groups_visibility_invitation();
	return m.groups_visibility_public();
}

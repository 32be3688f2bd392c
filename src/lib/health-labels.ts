import * as m from '#lib/paraglide/messages.js';

/** The five conditions and the participation ladder's rungs, in the current language. */
export const conditionName: Record<string, () => string> = {
	common_agenda: m.condition_common_agenda,
	shared_measurement: m.condition_shared_measurement,
	mutually_reinforcing_activities: m.condition_mutually_reinforcing_activities,
	continuous_communication: m.condition_continuous_communication,
	backbone_support: m.condition_backbone_support
};

export const rungNames = () => [m.health_rung_informed(), m.health_rung_consulted(), m.health_rung_involved(), m.health_rung_collaborating(), m.health_rung_empowered()];

export const formatMean = (mean: number | null, locale: string) =>
	mean === null ? '—' : new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);

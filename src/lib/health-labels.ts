import * as m from '#lib/paraglide/messages.js';

/** The five conditions in their usual order (ecosystems.ts, which pages may not import). */
export const conditionKeys = ['common_agenda', 'shared_measurement', 'mutually_reinforcing_activities', 'continuous_communication', 'backbone_support'] as const;

/** The participation ladder's rungs, lowest first, in the current language. */
export const rungNames = () => [m.health_rung_informed(), m.health_rung_consulted(), m.health_rung_involved(), m.health_rung_collaborating(), m.health_rung_empowered()];

export const formatMean = (mean: number | null, locale: string) =>
	mean === null ? '—' : new Intl.NumberFormat(locale === 'es' ? 'es-US' : 'en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(mean);

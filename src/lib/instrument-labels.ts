import * as m from '#lib/paraglide/messages.js';

/** Interface labels for instrument codes, in the current language. */
export function instrumentKindLabel(kind: string): string {
	switch (kind) {
		case 'youth_survey': return m.instrument_kind_youth_survey();
		case 'educator_self': return m.instrument_kind_educator_self();
		case 'observation': return m.instrument_kind_observation();
		default: return kind;
	}
}

/** Two decimals, with a sign for changes; a dash when there is no number. */
export function decimal(value: number | null | undefined, signed = false): string {
	if (value === null || value === undefined) return '—';
	const rounded = Math.round(value * 100) / 100;
	const text = rounded.toFixed(2);
	if (text === '-0.00') return '0.00';
	return signed && rounded > 0 ? `+${text}` : text;
}

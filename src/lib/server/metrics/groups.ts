/**
 * The breakdowns and the groups within them, as stored in group keys. Plain constants with no
 * imports, so that code bundled on its own (the participant import's worker) can use them without
 * the rest of the metric dictionary.
 */

/** The dimensions a metric may be broken down by (the list, in this order). */
export const disaggregations = ['race_ethnicity', 'sex', 'zip', 'disability', 'english_learner', 'low_income', 'grade_band', 'age_band'] as const;
export type Disaggregation = (typeof disaggregations)[number];

/** Race and ethnicity in the 2024 OMB SPD-15 categories, as stored in group keys. */
export const raceEthnicityGroups = [
	'american_indian_alaska_native',
	'asian',
	'black',
	'hispanic',
	'middle_eastern_north_african',
	'native_hawaiian_pacific_islander',
	'white',
	'multiracial'
] as const;
export type RaceEthnicityGroup = (typeof raceEthnicityGroups)[number];
export const sexGroups = ['female', 'male'] as const;

/** School grade bands and age bands, as stored after `grade_band=` and `age_band=`. */
export const gradeBands = ['prek', 'k-2', '3-5', '6-8', '9-12', 'postsecondary', 'adult'] as const;
export const ageBands = ['under-10', '10-13', '14-17', '18-24', '25-34', '35-54', '55-plus'] as const;
/** The yes/no breakdowns: `disability=yes`, `english_learner=no`, `low_income=yes`. */
export const yesNoDisaggregations = ['disability', 'english_learner', 'low_income'] as const;

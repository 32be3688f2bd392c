/**
 * The Philadelphia STEM Equity Collective's "Population Goals" method as a variable mapping, for
 * any county or state the ACS 1-year tables cover (areas of 65,000 people or more).
 *
 *   Access Index = (group's % of the STEM labour force) ÷ (group's % of the population 16 and over)
 *
 * - Population 16 and over: C23001 (all races) and its race iterations C23002B (Black or African
 *   American alone), C23002D (Asian alone), C23002H (White alone, not Hispanic or Latino) and
 *   C23002I (Hispanic or Latino, of any race): each table's total, male and female lines.
 * - STEM labour force: civilian employed people 16 and over in "Computer, engineering, and science
 *   occupations" (B24010 and B24010B/D/H/I, "Sex by occupation"). The tables split it by sex only,
 *   so the both-sexes figure is male + female, with MOE √(MOE_m² + MOE_f²).
 * - Civilian employed 16 and over, all occupations: each B24010x table's total, male and female.
 *
 * Every group is also split by sex, so the intersectional groups PSEC focuses on (Black women,
 * Hispanic women, …) come straight from the race iteration's female lines, e.g. Black women =
 * B24010B_043E (STEM) over C23002B_015E (population).
 *
 * Caveats a reader of any chart built on this should see:
 * - The race groups overlap: "Black alone" and "Asian alone" include Hispanic people and
 *   "Hispanic or Latino" is of any race, so the groups do not add up to the total. People of two or
 *   more races, and American Indian, Alaska Native, Native Hawaiian and Pacific Islander people, have
 *   no group here (their iterations exist, C23002C/E/G and B24010C/E/G, but PSEC does not use them).
 * - The Census Bureau filters 1-year race-iteration tables that are too unreliable for an area; the
 *   API then answers null (or a code such as -666666666), and the count is "not available".
 * - The two universes differ: population counts everyone 16+, the STEM count only civilian
 *   employed people 16+.
 * - "Computer, engineering, and science occupations" = computer and mathematical; architecture and
 *   engineering; life, physical and social science. It leaves out health care, STEM managers and
 *   technicians elsewhere: narrower than NCSES's definition of STEM.
 * - Ids and labels were checked against the ACS 1-year legends for 2015, 2016, 2017 and 2018
 *   (`psecVariableLabels`). The 2018 legends reword some occupation labels for the 2018 SOC (e.g.
 *   "Educational instruction, and library occupations"), none of those used here. Before using
 *   another vintage, compare its labels with `checkLabels` (the client's `fetchGroupLabels` fetches
 *   them).
 */
import type { VariableMapping } from './census.js';

export const psecGroups = ['all', 'black', 'asian', 'white_non_hispanic', 'hispanic'] as const;
export type PsecGroup = (typeof psecGroups)[number];

/** How the Census names each group's table iteration. */
export const psecGroupLabels: Readonly<Record<PsecGroup, string>> = {
	all: 'All people',
	black: 'Black or African American alone',
	asian: 'Asian alone',
	white_non_hispanic: 'White alone, not Hispanic or Latino',
	hispanic: 'Hispanic or Latino (of any race)'
};

/** The ten ACS detailed tables the mapping reads. */
export const psecTables = ['C23001', 'C23002B', 'C23002D', 'C23002H', 'C23002I', 'B24010', 'B24010B', 'B24010D', 'B24010H', 'B24010I'] as const;

export const psecSource = {
	dataset: 'acs/acs1',
	title: 'U.S. Census Bureau, American Community Survey 1-Year Estimates, Detailed Tables',
	checkedVintages: [2015, 2016, 2017, 2018]
} as const;

/**
 * Group × sex × measure → ACS variables. Margins of error are each estimate's own `…M` variable
 * (the mapping type's default). Comments give each variable's table and its legend label.
 */
export const psecMapping: readonly VariableMapping<PsecGroup>[] = [
	// Population aged 16 and over: C23001 (all races) and C23002B/D/H/I (race iterations),
	// universe "population 16 years and over" (employed, unemployed, not in the labour force, armed forces).
	// C23001_001E (C23001, all races, population 16+): "Estimate!!Total"
	{ group: 'all', measure: 'population_16_plus', variables: { estimate: ['C23001_001E'] } },
	// C23001_002E (C23001, all races, population 16+): "Estimate!!Total!!Male"
	{ group: 'all', sex: 'male', measure: 'population_16_plus', variables: { estimate: ['C23001_002E'] } },
	// C23001_048E (C23001, all races, population 16+): "Estimate!!Total!!Female"
	{ group: 'all', sex: 'female', measure: 'population_16_plus', variables: { estimate: ['C23001_048E'] } },
	// C23002B_001E (C23002B, Black or African American alone, population 16+): "Estimate!!Total"
	{ group: 'black', measure: 'population_16_plus', variables: { estimate: ['C23002B_001E'] } },
	// C23002B_002E (C23002B, Black or African American alone, population 16+): "Estimate!!Total!!Male"
	{ group: 'black', sex: 'male', measure: 'population_16_plus', variables: { estimate: ['C23002B_002E'] } },
	// C23002B_015E (C23002B, Black or African American alone, population 16+): "Estimate!!Total!!Female"
	{ group: 'black', sex: 'female', measure: 'population_16_plus', variables: { estimate: ['C23002B_015E'] } },
	// C23002D_001E (C23002D, Asian alone, population 16+): "Estimate!!Total"
	{ group: 'asian', measure: 'population_16_plus', variables: { estimate: ['C23002D_001E'] } },
	// C23002D_002E (C23002D, Asian alone, population 16+): "Estimate!!Total!!Male"
	{ group: 'asian', sex: 'male', measure: 'population_16_plus', variables: { estimate: ['C23002D_002E'] } },
	// C23002D_015E (C23002D, Asian alone, population 16+): "Estimate!!Total!!Female"
	{ group: 'asian', sex: 'female', measure: 'population_16_plus', variables: { estimate: ['C23002D_015E'] } },
	// C23002H_001E (C23002H, White alone, not Hispanic or Latino, population 16+): "Estimate!!Total"
	{ group: 'white_non_hispanic', measure: 'population_16_plus', variables: { estimate: ['C23002H_001E'] } },
	// C23002H_002E (C23002H, White alone, not Hispanic or Latino, population 16+): "Estimate!!Total!!Male"
	{ group: 'white_non_hispanic', sex: 'male', measure: 'population_16_plus', variables: { estimate: ['C23002H_002E'] } },
	// C23002H_015E (C23002H, White alone, not Hispanic or Latino, population 16+): "Estimate!!Total!!Female"
	{ group: 'white_non_hispanic', sex: 'female', measure: 'population_16_plus', variables: { estimate: ['C23002H_015E'] } },
	// C23002I_001E (C23002I, Hispanic or Latino, population 16+): "Estimate!!Total"
	{ group: 'hispanic', measure: 'population_16_plus', variables: { estimate: ['C23002I_001E'] } },
	// C23002I_002E (C23002I, Hispanic or Latino, population 16+): "Estimate!!Total!!Male"
	{ group: 'hispanic', sex: 'male', measure: 'population_16_plus', variables: { estimate: ['C23002I_002E'] } },
	// C23002I_015E (C23002I, Hispanic or Latino, population 16+): "Estimate!!Total!!Female"
	{ group: 'hispanic', sex: 'female', measure: 'population_16_plus', variables: { estimate: ['C23002I_015E'] } },

	// Civilian employed 16+ in "Computer, engineering, and science occupations": B24010 (all races) and
	// B24010B/D/H/I. The tables have no both-sexes line for it, so the total is male + female.
	// B24010_019E (B24010, all races, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	// B24010_170E (B24010, all races, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'all', measure: 'stem_employed', variables: { estimate: ['B24010_019E', 'B24010_170E'] } },
	// B24010_019E (B24010, all races, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'all', sex: 'male', measure: 'stem_employed', variables: { estimate: ['B24010_019E'] } },
	// B24010_170E (B24010, all races, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'all', sex: 'female', measure: 'stem_employed', variables: { estimate: ['B24010_170E'] } },
	// B24010B_007E (B24010B, Black or African American alone, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	// B24010B_043E (B24010B, Black or African American alone, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'black', measure: 'stem_employed', variables: { estimate: ['B24010B_007E', 'B24010B_043E'] } },
	// B24010B_007E (B24010B, Black or African American alone, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'black', sex: 'male', measure: 'stem_employed', variables: { estimate: ['B24010B_007E'] } },
	// B24010B_043E (B24010B, Black or African American alone, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'black', sex: 'female', measure: 'stem_employed', variables: { estimate: ['B24010B_043E'] } },
	// B24010D_007E (B24010D, Asian alone, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	// B24010D_043E (B24010D, Asian alone, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'asian', measure: 'stem_employed', variables: { estimate: ['B24010D_007E', 'B24010D_043E'] } },
	// B24010D_007E (B24010D, Asian alone, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'asian', sex: 'male', measure: 'stem_employed', variables: { estimate: ['B24010D_007E'] } },
	// B24010D_043E (B24010D, Asian alone, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'asian', sex: 'female', measure: 'stem_employed', variables: { estimate: ['B24010D_043E'] } },
	// B24010H_007E (B24010H, White alone, not Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	// B24010H_043E (B24010H, White alone, not Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'white_non_hispanic', measure: 'stem_employed', variables: { estimate: ['B24010H_007E', 'B24010H_043E'] } },
	// B24010H_007E (B24010H, White alone, not Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'white_non_hispanic', sex: 'male', measure: 'stem_employed', variables: { estimate: ['B24010H_007E'] } },
	// B24010H_043E (B24010H, White alone, not Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'white_non_hispanic', sex: 'female', measure: 'stem_employed', variables: { estimate: ['B24010H_043E'] } },
	// B24010I_007E (B24010I, Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	// B24010I_043E (B24010I, Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'hispanic', measure: 'stem_employed', variables: { estimate: ['B24010I_007E', 'B24010I_043E'] } },
	// B24010I_007E (B24010I, Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'hispanic', sex: 'male', measure: 'stem_employed', variables: { estimate: ['B24010I_007E'] } },
	// B24010I_043E (B24010I, Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations"
	{ group: 'hispanic', sex: 'female', measure: 'stem_employed', variables: { estimate: ['B24010I_043E'] } },

	// Civilian employed 16+, all occupations: B24010 and B24010B/D/H/I totals.
	// B24010_001E (B24010, all races, civilian employed 16+): "Estimate!!Total"
	{ group: 'all', measure: 'employed_total', variables: { estimate: ['B24010_001E'] } },
	// B24010_002E (B24010, all races, civilian employed 16+): "Estimate!!Total!!Male"
	{ group: 'all', sex: 'male', measure: 'employed_total', variables: { estimate: ['B24010_002E'] } },
	// B24010_153E (B24010, all races, civilian employed 16+): "Estimate!!Total!!Female"
	{ group: 'all', sex: 'female', measure: 'employed_total', variables: { estimate: ['B24010_153E'] } },
	// B24010B_001E (B24010B, Black or African American alone, civilian employed 16+): "Estimate!!Total"
	{ group: 'black', measure: 'employed_total', variables: { estimate: ['B24010B_001E'] } },
	// B24010B_002E (B24010B, Black or African American alone, civilian employed 16+): "Estimate!!Total!!Male"
	{ group: 'black', sex: 'male', measure: 'employed_total', variables: { estimate: ['B24010B_002E'] } },
	// B24010B_038E (B24010B, Black or African American alone, civilian employed 16+): "Estimate!!Total!!Female"
	{ group: 'black', sex: 'female', measure: 'employed_total', variables: { estimate: ['B24010B_038E'] } },
	// B24010D_001E (B24010D, Asian alone, civilian employed 16+): "Estimate!!Total"
	{ group: 'asian', measure: 'employed_total', variables: { estimate: ['B24010D_001E'] } },
	// B24010D_002E (B24010D, Asian alone, civilian employed 16+): "Estimate!!Total!!Male"
	{ group: 'asian', sex: 'male', measure: 'employed_total', variables: { estimate: ['B24010D_002E'] } },
	// B24010D_038E (B24010D, Asian alone, civilian employed 16+): "Estimate!!Total!!Female"
	{ group: 'asian', sex: 'female', measure: 'employed_total', variables: { estimate: ['B24010D_038E'] } },
	// B24010H_001E (B24010H, White alone, not Hispanic or Latino, civilian employed 16+): "Estimate!!Total"
	{ group: 'white_non_hispanic', measure: 'employed_total', variables: { estimate: ['B24010H_001E'] } },
	// B24010H_002E (B24010H, White alone, not Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Male"
	{ group: 'white_non_hispanic', sex: 'male', measure: 'employed_total', variables: { estimate: ['B24010H_002E'] } },
	// B24010H_038E (B24010H, White alone, not Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Female"
	{ group: 'white_non_hispanic', sex: 'female', measure: 'employed_total', variables: { estimate: ['B24010H_038E'] } },
	// B24010I_001E (B24010I, Hispanic or Latino, civilian employed 16+): "Estimate!!Total"
	{ group: 'hispanic', measure: 'employed_total', variables: { estimate: ['B24010I_001E'] } },
	// B24010I_002E (B24010I, Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Male"
	{ group: 'hispanic', sex: 'male', measure: 'employed_total', variables: { estimate: ['B24010I_002E'] } },
	// B24010I_038E (B24010I, Hispanic or Latino, civilian employed 16+): "Estimate!!Total!!Female"
	{ group: 'hispanic', sex: 'female', measure: 'employed_total', variables: { estimate: ['B24010I_038E'] } },
];

/**
 * The legend label of every estimate the mapping uses: identical in the 2015, 2016, 2017 and 2018
 * legends. A vintage whose labels differ (see `checkLabels`) needs the mapping reviewed first.
 */
export const psecVariableLabels: Readonly<Record<string, string>> = {
	C23001_001E: 'Estimate!!Total',
	C23001_002E: 'Estimate!!Total!!Male',
	C23001_048E: 'Estimate!!Total!!Female',
	C23002B_001E: 'Estimate!!Total',
	C23002B_002E: 'Estimate!!Total!!Male',
	C23002B_015E: 'Estimate!!Total!!Female',
	C23002D_001E: 'Estimate!!Total',
	C23002D_002E: 'Estimate!!Total!!Male',
	C23002D_015E: 'Estimate!!Total!!Female',
	C23002H_001E: 'Estimate!!Total',
	C23002H_002E: 'Estimate!!Total!!Male',
	C23002H_015E: 'Estimate!!Total!!Female',
	C23002I_001E: 'Estimate!!Total',
	C23002I_002E: 'Estimate!!Total!!Male',
	C23002I_015E: 'Estimate!!Total!!Female',
	B24010_019E: 'Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010_170E: 'Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010B_007E: 'Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010B_043E: 'Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010D_007E: 'Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010D_043E: 'Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010H_007E: 'Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010H_043E: 'Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010I_007E: 'Estimate!!Total!!Male!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010I_043E: 'Estimate!!Total!!Female!!Management, business, science, and arts occupations!!Computer, engineering, and science occupations',
	B24010_001E: 'Estimate!!Total',
	B24010_002E: 'Estimate!!Total!!Male',
	B24010_153E: 'Estimate!!Total!!Female',
	B24010B_001E: 'Estimate!!Total',
	B24010B_002E: 'Estimate!!Total!!Male',
	B24010B_038E: 'Estimate!!Total!!Female',
	B24010D_001E: 'Estimate!!Total',
	B24010D_002E: 'Estimate!!Total!!Male',
	B24010D_038E: 'Estimate!!Total!!Female',
	B24010H_001E: 'Estimate!!Total',
	B24010H_002E: 'Estimate!!Total!!Male',
	B24010H_038E: 'Estimate!!Total!!Female',
	B24010I_001E: 'Estimate!!Total',
	B24010I_002E: 'Estimate!!Total!!Male',
	B24010I_038E: 'Estimate!!Total!!Female',
};

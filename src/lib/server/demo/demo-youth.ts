/**
 * Youth population per ZIP for the demo's program-desert maps: **demo estimates**, derived from
 * real figures with stated assumptions, not a published count of young people.
 *
 * Real figures (verbatim from ../shared/data/census/zcta_acs2013_5yr_race_ethnicity_phl_pdx.csv,
 * see ../shared/data/SOURCES.md §2): U.S. Census Bureau, ACS 2009–2013 5-year, table B03002, for
 * each 2010 ZCTA of the two demo regions: total population (all ages), the percentage
 * non-Hispanic Black and the percentage Hispanic (any race), whole numbers as published; null
 * where the source suppressed them (ZCTAs with no residents).
 *
 * Assumptions (ours, for the demo): young people aged 5–17 are 17% of each ZIP's residents
 * (about the U.S. share in ACS 2013); they have the same race/ethnicity mix as all ages in their
 * ZIP; 49% of them are girls, in every group. Counts are rounded to whole young people.
 */
import type { Executor } from '../audit/audit.repository.js';
import { replaceYouthPopulation, type YouthFigure } from '../geo/geo.repository.js';
import { nowIso } from '../util.js';

export const YOUTH_SHARE = 0.17;
export const FEMALE_SHARE = 0.49;
export const DEMO_YOUTH_SOURCE = 'Demo estimate: ACS 2009–2013 5-year B03002 (population, % Black, % Hispanic) × 17% aged 5–17 × 49% girls';

type AcsRow = [zcta: string, totalPopulation: number, pctBlack: number | null, pctHispanic: number | null];
export const acs2013: Record<'philadelphia' | 'portland_metro', AcsRow[]> = {
	philadelphia: [
		['19102', 4056, 4, 13],
		['19103', 22427, 5, 4],
		['19104', 52800, 40, 5],
		['19106', 11424, 8, 6],
		['19107', 12327, 8, 4],
		['19109', 0, null, null],
		['19111', 68620, 20, 14],
		['19112', 0, null, null],
		['19114', 30651, 9, 7],
		['19115', 33780, 5, 6],
		['19116', 31763, 6, 4],
		['19118', 9626, 13, 4],
		['19119', 29017, 61, 3],
		['19120', 76430, 48, 29],
		['19121', 33543, 76, 4],
		['19122', 19784, 35, 32],
		['19123', 13285, 42, 11],
		['19124', 64044, 36, 34],
		['19125', 23070, 4, 15],
		['19126', 16282, 85, 2],
		['19127', 5457, 9, 4],
		['19128', 35720, 7, 3],
		['19129', 11582, 33, 4],
		['19130', 25731, 23, 5],
		['19131', 42194, 75, 3],
		['19132', 36218, 93, 2],
		['19133', 25881, 35, 62],
		['19134', 61108, 17, 47],
		['19135', 32336, 18, 19],
		['19136', 36865, 18, 9],
		['19137', 8439, 2, 8],
		['19138', 34573, 91, 3],
		['19139', 43181, 91, 3],
		['19140', 53778, 55, 40],
		['19141', 32058, 83, 5],
		['19142', 29381, 77, 3],
		['19143', 66372, 84, 2],
		['19144', 44380, 79, 3],
		['19145', 47776, 33, 6],
		['19146', 34837, 51, 3],
		['19147', 35014, 9, 11],
		['19148', 51455, 8, 9],
		['19149', 53731, 24, 17],
		['19150', 24273, 96, 1],
		['19151', 32824, 85, 3],
		['19152', 33238, 8, 7],
		['19153', 12053, 72, 2],
		['19154', 33419, 8, 6]
	],
	portland_metro: [
		['97002', 5556, 0, 10],
		['97004', 4735, 0, 1],
		['97005', 24655, 2, 29],
		['97006', 65482, 3, 18],
		['97007', 69469, 2, 14],
		['97008', 29684, 2, 17],
		['97009', 7423, 0, 9],
		['97011', 854, 0, 0],
		['97013', 23269, 0, 21],
		['97014', 1129, 4, 2],
		['97015', 20872, 1, 12],
		['97017', 2462, 0, 2],
		['97019', 3573, 1, 1],
		['97022', 3208, 0, 5],
		['97023', 10759, 1, 9],
		['97024', 9914, 5, 19],
		['97027', 12434, 2, 7],
		['97028', 139, 0, 0],
		['97030', 37723, 2, 18],
		['97032', 4749, 0, 29],
		['97034', 18962, 0, 3],
		['97035', 23925, 0, 5],
		['97038', 15085, 0, 8],
		['97042', 3246, 0, 1],
		['97045', 51040, 0, 6],
		['97049', 1696, 0, 2],
		['97055', 16506, 0, 5],
		['97056', 11572, 0, 5],
		['97060', 21530, 2, 13],
		['97062', 27625, 2, 19],
		['97064', 3430, 0, 2],
		['97067', 1873, 0, 2],
		['97068', 28747, 0, 5],
		['97070', 21921, 1, 13],
		['97071', 28527, 0, 53],
		['97080', 40718, 2, 12],
		['97086', 26425, 1, 10],
		['97089', 11998, 0, 4],
		['97106', 4133, 0, 5],
		['97109', 825, 0, 0],
		['97113', 14262, 0, 42],
		['97116', 24816, 1, 19],
		['97117', 412, 0, 2],
		['97119', 4377, 0, 4],
		['97123', 45035, 1, 26],
		['97124', 48406, 1, 20],
		['97125', 204, 0, 0],
		['97132', 28687, 1, 12],
		['97133', 4558, 0, 7],
		['97140', 23697, 0, 6],
		['97144', 186, 0, 0],
		['97201', 15133, 1, 6],
		['97202', 39229, 2, 6],
		['97203', 31895, 9, 17],
		['97204', 1387, 12, 14],
		['97205', 6736, 6, 7],
		['97206', 48384, 2, 8],
		['97208', 0, null, null],
		['97209', 14698, 4, 6],
		['97210', 11422, 1, 7],
		['97211', 32376, 19, 8],
		['97212', 24433, 7, 5],
		['97213', 30186, 5, 4],
		['97214', 24072, 1, 5],
		['97215', 16158, 3, 3],
		['97216', 16445, 5, 12],
		['97217', 31929, 11, 8],
		['97218', 15252, 18, 20],
		['97219', 39392, 2, 4],
		['97220', 28847, 7, 12],
		['97221', 12348, 2, 5],
		['97222', 35108, 2, 7],
		['97223', 46574, 1, 11],
		['97224', 31981, 1, 8],
		['97225', 25737, 3, 5],
		['97227', 4111, 14, 7],
		['97229', 59983, 1, 5],
		['97230', 40197, 9, 16],
		['97231', 4131, 1, 8],
		['97232', 11784, 3, 5],
		['97233', 39849, 7, 24],
		['97236', 37033, 6, 18],
		['97239', 15530, 1, 6],
		['97266', 33933, 6, 15],
		['97267', 31897, 1, 9],
		['97362', 4161, 0, 29],
		['97375', 1149, 0, 3],
		['98601', 2345, 0, 1],
		['98604', 34033, 1, 3],
		['98606', 8810, 0, 4],
		['98607', 28582, 2, 5],
		['98629', 8716, 2, 4],
		['98642', 15973, 1, 5],
		['98660', 12539, 2, 15],
		['98661', 42097, 2, 14],
		['98662', 33132, 3, 6],
		['98663', 12925, 3, 6],
		['98664', 21361, 4, 8],
		['98665', 23462, 1, 14],
		['98671', 22496, 1, 3],
		['98674', 10836, 0, 11],
		['98675', 6844, 1, 2],
		['98682', 55759, 2, 10],
		['98683', 31182, 3, 9],
		['98684', 28078, 3, 7],
		['98685', 26528, 1, 6],
		['98686', 18362, 1, 11]
	]
};

/** The figures seeded for a demo region, as the youth CSV upload would store them. */
export function demoYouthFigures(region: keyof typeof acs2013): YouthFigure[] {
	return acs2013[region].flatMap(([zip, total, black, hispanic]) => {
		const youth = total * YOUTH_SHARE;
		const figures: YouthFigure[] = [
			{ zip, group_key: 'all', youth: Math.round(youth), year: 2013, source: DEMO_YOUTH_SOURCE },
			{ zip, group_key: 'female', youth: Math.round(youth * FEMALE_SHARE), year: 2013, source: DEMO_YOUTH_SOURCE }
		];
		for (const [group, pct] of [['black', black], ['hispanic', hispanic]] as const) {
			if (pct === null) continue;
			figures.push({ zip, group_key: group, youth: Math.round((youth * pct) / 100), year: 2013, source: DEMO_YOUTH_SOURCE });
			figures.push({ zip, group_key: `${group}:female`, youth: Math.round(((youth * pct) / 100) * FEMALE_SHARE), year: 2013, source: DEMO_YOUTH_SOURCE });
		}
		return figures;
	});
}

/** Seeds the demo region's figures (Philadelphia's 48 ZCTAs, Portland metro's 107). */
export async function insertDemoYouthPopulation(db: Executor, ecosystemId: string, ecosystemSlug: string): Promise<number> {
	const region = ecosystemSlug === 'philadelphia' ? 'philadelphia' : ecosystemSlug === 'portland' ? 'portland_metro' : null;
	if (!region) return 0;
	const figures = demoYouthFigures(region);
	await replaceYouthPopulation(db, ecosystemId, figures, nowIso());
	return figures.length;
}

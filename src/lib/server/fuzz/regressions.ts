/**
 * Inputs the fuzzing suite once failed on, replayed first on every run so a fixed bug stays
 * fixed. When a fuzz test fails, fast-check prints the counterexample: add it here (shrunk), fix
 * the parser, and keep it.
 */
export const regressions = {
	countsCsv: [['metric,group,value\n"unclosed,1\n'], ['\uFEFFsep=,\r\nmetric,group,value\r\n'], ['']] as [string][],
	// csv-parse's INVALID_OPENING_QUOTE escaped as an exception (its code has no CSV_ prefix).
	participantCsv: ['pseudonym,race_ethnicity,sex,zip,program,start_date,end_date,grade\n "', 'pseudonym,sex\n"a\nb",female\n', '\uFEFF', 'pseudonym\n' + '"'.repeat(3)] as string[],
	censusCsv: [['GEO_ID,GEO_ID,𝓟𝓪𝓻𝓲𝓽𝔂,GEO_ID\nNaN,,0,'], ['GEO_ID\n'], ['"']] as [string][],
	censusJson: [[[]], [[['NAME']]], [null], [[null]]] as [unknown][],
	// fromHsdsService read properties of a null list entry.
	hsdsJson: [[[null]], [{ contents: [null, 1, 'x'] }], [{ services: [[]] }]] as [unknown][],
	hsdsCsv: [[{ 'services.csv': 'id,name\n1\n' }]] as [Record<string, string>][],
	markdown: [['[x](javascript:alert(1))'], ['<img src=x onerror=alert(1)>']] as [string][],
	icalendar: [['\r\nX-INJECTED:1', '', 'America/New_York']] as [string, string, string][]
};

import zipcodes from 'zipcodes';

export interface Point {
	lat: number;
	lon: number;
}

/**
 * Where a US ZIP code is, from the `zipcodes` package's table (on this machine; no outside
 * geocoder is ever called). Undefined for a ZIP the table does not know.
 */
export function packageZipCentroid(zip: string): Point | undefined {
	if (!/^\d{5}$/.test(zip)) return undefined;
	const found = zipcodes.lookup(zip);
	if (!found || typeof found.latitude !== 'number' || typeof found.longitude !== 'number') return undefined;
	return { lat: found.latitude, lon: found.longitude };
}

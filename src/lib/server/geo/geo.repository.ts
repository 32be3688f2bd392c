import type { Geometry } from 'geojson';
import type { Executor } from '../audit/audit.repository.js';

export interface ZipAreaRow {
	zip: string;
	geometry: Geometry | null;
	lat: number;
	lon: number;
}

/** The ecosystem's uploaded ZIP areas (boundaries when uploaded, else only internal points). */
export async function listZipAreas(db: Executor, ecosystemId: string): Promise<ZipAreaRow[]> {
	const rows = await db
		.selectFrom('zip_area')
		.select(['zip', 'geometry_json', 'intpt_lat', 'intpt_lon'])
		.where('ecosystem_id', '=', ecosystemId)
		.orderBy('zip')
		.execute();
	return rows.map((r) => ({
		zip: r.zip,
		geometry: r.geometry_json ? (JSON.parse(r.geometry_json) as Geometry) : null,
		lat: Number(r.intpt_lat),
		lon: Number(r.intpt_lon)
	}));
}

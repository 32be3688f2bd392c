/**
 * Writes a large, valid, synthetic participant CSV (for the kill test and `npm run bench`):
 * deterministic from its seed, written in chunks so it never sits in memory. About 3 rows per
 * person (several programs), every row of a person agreeing on the answers.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { ageBands, gradeBands, raceEthnicityGroups } from '../metrics/metrics.js';
import type { Executor } from '../audit/audit.repository.js';

export const participantCsvHeader = 'pseudonym,program,race_ethnicity,sex,zip,grade_band,age_band,disability,english_learner,low_income,started_on,ended_on';

const programs = ['Saturday Robotics', 'Coding Club', 'Girls Who Build', 'Summer Science Camp', 'Makerspace Drop-in'];
const zips = Array.from({ length: 40 }, (_, i) => String(19100 + i * 3).padStart(5, '0'));
const sexes = ['female', 'male', ''];
const yesNo = ['yes', 'no', ''];

/** A row of the file, from the row's index (pure, so any row can be recomputed). */
export function participantCsvLine(index: number, seed = 1): string {
	const person = Math.floor(index / 3);
	// A small hash of the person: the same answers on each of their rows.
	let h = (person + 1) * 2654435761 + seed * 40503;
	const next = (n: number) => {
		h = (Math.imul(h ^ (h >>> 15), 2246822519) + 0x9e3779b9) >>> 0;
		return h % n;
	};
	const race = raceEthnicityGroups[next(raceEthnicityGroups.length)];
	return [
		`p-${person.toString(36)}`,
		programs[index % programs.length],
		race,
		sexes[next(3)],
		zips[next(zips.length)],
		gradeBands[next(gradeBands.length)],
		ageBands[next(ageBands.length)],
		yesNo[next(3)],
		yesNo[next(3)],
		yesNo[next(3)],
		'2026-01-10',
		'2026-05-30'
	].join(',');
}

export async function writeParticipantCsv(path: string, rows: number, seed = 1): Promise<number> {
	const out = createWriteStream(path);
	let bytes = 0;
	const write = async (text: string) => {
		bytes += Buffer.byteLength(text);
		if (!out.write(text)) await once(out, 'drain');
	};
	await write(`${participantCsvHeader}\n`);
	let chunk: string[] = [];
	for (let i = 0; i < rows; i++) {
		chunk.push(participantCsvLine(i, seed));
		if (chunk.length === 5000) {
			await write(`${chunk.join('\n')}\n`);
			chunk = [];
		}
	}
	if (chunk.length > 0) await write(`${chunk.join('\n')}\n`);
	out.end();
	await once(out, 'finish');
	return bytes;
}

/** Participant rows stored in an ecosystem (the sum of its row groups' sizes), for tests that check all or nothing. */
export async function storedParticipantRows(db: Executor, ecosystemId: string, cycleId?: string): Promise<number> {
	let query = db
		.selectFrom('participant_batch')
		.innerJoin('submission', (join) => join.onRef('submission.ecosystem_id', '=', 'participant_batch.ecosystem_id').onRef('submission.id', '=', 'participant_batch.submission_id'))
		.select((eb) => eb.fn.coalesce(eb.fn.sum<number>('participant_batch.row_count'), eb.lit(0)).as('n'))
		.where('participant_batch.ecosystem_id', '=', ecosystemId);
	if (cycleId) query = query.where('submission.cycle_id', '=', cycleId);
	return Number((await query.executeTakeFirstOrThrow()).n);
}

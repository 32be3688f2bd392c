import type { Executor } from '../audit/audit.repository.js';
import { insertMetric } from '../metrics/metrics.repository.js';
import type { Disaggregation, MetricInput } from '../metrics/metrics.js';
import { insertCycle } from '../submissions/submissions.repository.js';
import { unique } from './factories.js';

/** A metric counted in people, by default broken down by race/ethnicity, sex and ZIP. */
export async function makeMetric(db: Executor, ecosystemId: string, overrides: Partial<MetricInput> & { slug?: string } = {}) {
	const { slug = unique('metric'), ...values } = overrides;
	const input: MetricInput = {
		name: `Metric ${slug}`,
		definition: 'Young people who attended at least one out-of-school STEM session.',
		unit: 'people',
		stage: 'ost_participation',
		source: 'Partner records',
		frequency: 'annual',
		disaggregations: ['race_ethnicity', 'sex', 'zip'] satisfies Disaggregation[],
		...values
	};
	const id = await insertMetric(db, ecosystemId, slug, input);
	return { id, slug, name: input.name };
}

/** An open collection cycle asking these partners for these metrics. */
export async function makeCycle(
	db: Executor,
	ecosystemId: string,
	values: { metricIds: string[]; partnerIds: string[]; year?: number; dueOn?: string; name?: string; createdBy?: string | null }
) {
	const year = values.year ?? 2026;
	const name = values.name ?? `Cycle ${unique('c')}`;
	const id = await insertCycle(db, ecosystemId, {
		name,
		year,
		periodStart: `${year - 1}-07-01`,
		periodEnd: `${year}-06-30`,
		dueOn: values.dueOn ?? `${year}-07-31`,
		instructions: '',
		createdBy: values.createdBy ?? null,
		metricIds: values.metricIds,
		partnerIds: values.partnerIds
	});
	return { id, name, year };
}

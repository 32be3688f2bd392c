import type { TestProject } from 'vitest/node';
import { planPostgres, skipBanner } from './postgres-plan.js';

/** Probes PostgreSQL once per run, so every test file agrees and the skip banner prints once. */
export default async function setup(project: TestProject): Promise<void> {
	const plan = await planPostgres();
	if (!plan.run) console.warn(skipBanner(plan));
	else if (!plan.reachable) console.warn(`\nPostgreSQL is required in this run but ${plan.reason}: its suites will fail.\n`);
	project.provide('parityPostgres', plan);
}

import { expect, it } from 'vitest';
import { describeEachDatabase } from '../testing/databases.js';
import { makeActor, makeEcosystem, makePartner } from '../testing/factories.js';
import { makeCycle, makeMetric } from '../testing/submission-factories.js';
import { auditActions } from '../testing/assertions.js';
import { participantRowsOf } from '../participants/participants.repository.js';
import { bearerSecret } from './api-tokens.js';
import { createApiToken, listApiTokens, revokeApiToken } from './api-tokens.service.js';
import { ApiProblem, authenticate, canonicalJson, getCycleTemplate, listOwnSubmissions, submitViaApi } from './api.service.js';

describeEachDatabase('JSON API', (get) => {
	async function setup() {
		const { ctx, db } = get();
		const eco = await makeEcosystem(db);
		const partner = await makePartner(db, eco.id);
		const metric = await makeMetric(db, eco.id, { slug: 'ost', disaggregations: ['race_ethnicity', 'sex'] });
		const cycle = await makeCycle(db, eco.id, { metricIds: [metric.id], partnerIds: [partner.id] });
		const admin = await makeActor(ctx, { role: 'partner_admin', ecosystemId: eco.id, partnerId: partner.id, twoFactor: false });
		const created = await createApiToken({ db, actor: admin, ecosystemId: eco.id, partnerSlug: partner.slug, input: { name: 'Student information system' } });
		if (!created.ok) throw new Error('token not created');
		const principal = await authenticate(db, eco.slug, `Bearer ${created.value.secret}`);
		return { ctx, db, eco, partner, metric, cycle, admin, token: created.value, principal };
	}

	it('partner admins create tokens (secret shown once, stored hashed) and revoke them', async () => {
		const s = await setup();
		expect(s.token.secret).toMatch(/^pty_[A-Za-z0-9_-]{43}$/);
		const stored = await s.db.selectFrom('partner_api_token').selectAll().where('id', '=', s.token.id).executeTakeFirstOrThrow();
		expect(stored.token_hash).not.toContain(s.token.secret);
		expect(JSON.stringify(stored)).not.toContain(s.token.secret.slice(12));
		const { tokens } = await listApiTokens({ db: s.db, actor: s.admin, ecosystemId: s.eco.id, partnerSlug: s.partner.slug });
		expect(tokens).toEqual([expect.objectContaining({ name: 'Student information system', token_prefix: s.token.secret.slice(0, 10), revoked_at: null })]);
		expect(await createApiToken({ db: s.db, actor: s.admin, ecosystemId: s.eco.id, partnerSlug: s.partner.slug, input: { name: 'x' } })).toMatchObject({ ok: false, issues: [{ field: 'name' }] });

		const member = await makeActor(s.ctx, { role: 'partner_member', ecosystemId: s.eco.id, partnerId: s.partner.id });
		await expect(listApiTokens({ db: s.db, actor: member, ecosystemId: s.eco.id, partnerSlug: s.partner.slug })).rejects.toMatchObject({ code: 'FORBIDDEN' });

		await revokeApiToken({ db: s.db, actor: s.admin, ecosystemId: s.eco.id, partnerSlug: s.partner.slug, tokenId: s.token.id });
		await expect(authenticate(s.db, s.eco.slug, `Bearer ${s.token.secret}`)).rejects.toMatchObject({ status: 401 });
		await expect(revokeApiToken({ db: s.db, actor: s.admin, ecosystemId: s.eco.id, partnerSlug: s.partner.slug, tokenId: s.token.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
		expect(await auditActions(s.db, s.eco.id)).toEqual(['api_token.create', 'api_token.revoke']);
	});

	it('a token works only in its own ecosystem, and another partner’s admin cannot touch it', async () => {
		const s = await setup();
		const other = await setup();
		await expect(authenticate(s.db, other.eco.slug, `Bearer ${s.token.secret}`)).rejects.toMatchObject({ status: 401 });
		await expect(authenticate(s.db, s.eco.slug, 'Bearer pty_not-a-real-token-at-all')).rejects.toMatchObject({ status: 401 });
		await expect(authenticate(s.db, s.eco.slug, null)).rejects.toMatchObject({ status: 401 });
		await expect(getCycleTemplate({ db: s.db, principal: s.principal, cycleId: other.cycle.id })).rejects.toMatchObject({ status: 404 });
		await expect(revokeApiToken({ db: s.db, actor: other.admin, ecosystemId: s.eco.id, partnerSlug: s.partner.slug, tokenId: s.token.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
		expect(bearerSecret('Basic abc')).toBeNull();
	});

	it('gives the cycle template', async () => {
		const s = await setup();
		const template = await getCycleTemplate({ db: s.db, principal: s.principal, cycleId: s.cycle.id });
		expect(template).toMatchObject({ id: s.cycle.id, open: true, metrics: [{ slug: 'ost', unit: 'people', breakdowns: ['race_ethnicity', 'sex'] }] });
		expect(template.metrics[0]!.groups).toContain('black:female');
		expect(template.participant_columns).toContain('pseudonym');
	});

	it('same Idempotency-Key and body → the same submission (200); another body → 422; concurrent → one', async () => {
		const s = await setup();
		const body = { cells: [{ metric: 'ost', group: 'all', value: 120 }, { metric: 'ost', group: 'black:female', value: 31 }] };
		const first = await submitViaApi({ db: s.db, principal: s.principal, cycleId: s.cycle.id, body, idempotencyKey: 'key-1' });
		expect(first).toMatchObject({ status: 201, submission: { version: 1, method: 'api', status: 'submitted' } });
		const reordered = { cells: [{ value: 120, group: 'all', metric: 'ost' }, body.cells[1]] };
		const again = await submitViaApi({ db: s.db, principal: s.principal, cycleId: s.cycle.id, body: reordered, idempotencyKey: 'key-1' });
		expect(again).toEqual({ ...first, status: 200 });
		const changed = submitViaApi({ db: s.db, principal: s.principal, cycleId: s.cycle.id, body: { cells: [{ metric: 'ost', group: 'all', value: 121 }] }, idempotencyKey: 'key-1' });
		await expect(changed).rejects.toMatchObject({ status: 422, detail: expect.stringMatching(/already used with a different request/) });

		const racing = await Promise.allSettled(
			Array.from({ length: 4 }, () => submitViaApi({ db: s.db, principal: s.principal, cycleId: s.cycle.id, body, idempotencyKey: 'key-2' }))
		);
		const ids = racing.map((r) => (r.status === 'fulfilled' ? r.value.submission.id : String(r.reason)));
		expect(new Set(ids).size).toBe(1);
		expect(racing.filter((r) => r.status === 'fulfilled' && r.value.status === 201)).toHaveLength(1);
		const mine = await listOwnSubmissions({ db: s.db, principal: s.principal, cycleId: s.cycle.id });
		expect(mine.map((v) => [v.version, v.status])).toEqual([[2, 'submitted'], [1, 'superseded']]);
		expect(mine[1]!.cells).toEqual([{ metric: 'ost', group: 'all', value: 120 }, { metric: 'ost', group: 'black:female', value: 31 }]);
	});

	it('participant rows are counted by Parity; every problem is listed; nothing is stored on a problem', async () => {
		const s = await setup();
		const ok = await submitViaApi({
			db: s.db, principal: s.principal, cycleId: s.cycle.id, idempotencyKey: null,
			body: { participants: [{ pseudonym: 'a', race_ethnicity: 'black', sex: 'female' }, { pseudonym: 'a', race_ethnicity: 'black', sex: 'female', program: 'x' }] }
		});
		expect(ok.status).toBe(201);
		expect(ok.submission.row_count).toBe(2);
		expect(ok.submission.cells).toEqual([{ metric: 'ost', group: 'all', value: 1 }, { metric: 'ost', group: 'black', value: 1 }, { metric: 'ost', group: 'black:female', value: 1 }, { metric: 'ost', group: 'female', value: 1 }]);
		const rows = [];
		for await (const group of participantRowsOf(s.db, s.eco.id, ok.submission.id)) rows.push(...group);
		expect(rows.map((r) => [r.rowNumber, r.pseudonym, r.program])).toEqual([[1, 'a', ''], [2, 'a', 'x']]);

		const bad = submitViaApi({
			db: s.db, principal: s.principal, cycleId: s.cycle.id, idempotencyKey: null,
			body: { participants: [{ pseudonym: 'a', sex: 'x' }, { pseudonym: 'b@example.org', zip: '123' }] }
		});
		const problem = await bad.catch((e: unknown) => e);
		expect(problem).toBeInstanceOf(ApiProblem);
		expect((problem as ApiProblem).toJSON()).toMatchObject({
			status: 422,
			problems: [{ row: 1, column: 'sex', value: 'x' }, { row: 2, column: 'pseudonym' }, { row: 2, column: 'zip', value: '123' }]
		});
		const cells = submitViaApi({ db: s.db, principal: s.principal, cycleId: s.cycle.id, idempotencyKey: null, body: { cells: [{ metric: 'nope', group: 'all', value: 1 }, { metric: 'ost', group: 'zip=19104', value: -1 }] } });
		await expect(cells).rejects.toMatchObject({ status: 422, problems: [{ row: 1, column: 'metric' }, { row: 2, column: 'group' }, { row: 2, column: 'value' }] });
		await expect(submitViaApi({ db: s.db, principal: s.principal, cycleId: s.cycle.id, idempotencyKey: null, body: { cells: [], participants: [], extra: 1 } })).rejects.toMatchObject({ status: 422, problems: [{ column: 'extra' }, { column: 'cells' }] });
		expect((await listOwnSubmissions({ db: s.db, principal: s.principal, cycleId: s.cycle.id })).length).toBe(1);
	});

	it('canonical JSON ignores key order only', () => {
		expect(canonicalJson({ b: 1, a: [{ d: 1, c: null }] })).toBe(canonicalJson({ a: [{ c: null, d: 1 }], b: 1 }));
		expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
	});
});

/**
 * An open-model load generator: requests are sent at a constant arrival rate whatever the server
 * does, and each latency is measured from the moment the request was due, not from when a free
 * connection let it go. autocannon's model is closed (each connection waits for its response
 * before sending the next request, `overallRate` only caps the pace), so a slow server there
 * lowers the offered load and hides its own queueing ("coordinated omission"); here it cannot.
 */
import http from 'node:http';

export interface Target {
	/** Label for the report: the page, and which group it belongs to. */
	label: string;
	group: 'public' | 'signed-in' | 'reference';
	url: string;
	headers?: Record<string, string>;
}

export interface Sample {
	target: number;
	/** Milliseconds from when the request was due to the end of its response. */
	ms: number;
	status: number;
	/** A socket error or a timeout (status 0). */
	error?: string;
	/** Sent a second time after the kept-alive connection it went out on turned out closed. */
	resent?: boolean;
}

export interface OpenLoadResult {
	samples: Sample[];
	/** Requests due during the run (all sent: the model is open). */
	sent: number;
	seconds: number;
	/** The largest number of requests in flight at once. */
	maxInFlight: number;
}

export interface Summary {
	requests: number;
	p50: number;
	p95: number;
	p99: number;
	max: number;
	/** Responses that were not 2xx/3xx. */
	badStatus: number;
	/** Socket errors and timeouts. */
	socketErrors: number;
	/** Completed responses per second over the run. */
	throughput: number;
	/** Requests resent once after a closed kept-alive connection (not errors: they were answered). */
	resent: number;
}

export function quantile(sorted: number[], q: number): number {
	if (sorted.length === 0) return NaN;
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function summarize(samples: Sample[], seconds: number): Summary {
	const times = samples.map((s) => s.ms).sort((a, b) => a - b);
	return {
		requests: samples.length,
		p50: quantile(times, 0.5),
		p95: quantile(times, 0.95),
		p99: quantile(times, 0.99),
		max: times.at(-1) ?? NaN,
		badStatus: samples.filter((s) => !s.error && (s.status < 200 || s.status >= 400)).length,
		socketErrors: samples.filter((s) => s.error).length,
		throughput: samples.length / seconds,
		resent: samples.filter((s) => s.resent).length
	};
}

interface Answer {
	status: number;
	error?: string;
	/** The request failed on a kept-alive connection before any answer: it may be sent again. */
	staleConnection?: boolean;
}

function once(agent: http.Agent, target: Target, timeoutMs: number): Promise<Answer> {
	return new Promise((resolve) => {
		let answered = false;
		const request = http.get(target.url, { agent, headers: { accept: 'text/html', ...target.headers }, timeout: timeoutMs }, (response) => {
			answered = true;
			response.on('data', () => {});
			response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
			response.on('error', (error) => resolve({ status: 0, error: error.message }));
		});
		request.on('timeout', () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
		request.on('error', (error: NodeJS.ErrnoException) =>
			resolve({ status: 0, error: error.message, staleConnection: !answered && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE') })
		);
	});
}

/**
 * One request, sent again once if it failed on a kept-alive connection the server had just
 * closed (the idle-timeout race of HTTP/1.1 keep-alive; browsers and proxies resend idempotent
 * requests the same way, RFC 9112 §9.3.1). Such resends are counted, not hidden.
 */
async function request(agent: http.Agent, target: Target, timeoutMs: number): Promise<Answer & { resent: boolean }> {
	const first = await once(agent, target, timeoutMs);
	if (!first.staleConnection) return { ...first, resent: false };
	return { ...(await once(agent, target, timeoutMs)), resent: true };
}

/**
 * Sends `rate` requests a second for `seconds`, cycling through `targets` in order, each on time
 * (a late timer sends the overdue ones at once, still timed from when they were due). Waits for
 * the last answers, then returns every sample.
 */
export async function openLoad(targets: Target[], { rate, seconds, timeoutMs = 10_000, maxSockets = 64 }: { rate: number; seconds: number; timeoutMs?: number; maxSockets?: number }): Promise<OpenLoadResult> {
	if (targets.length === 0) throw new Error('openLoad needs at least one target');
	if (!(rate > 0) || !(seconds > 0)) throw new Error(`openLoad needs a positive rate and duration (got ${rate}/s for ${seconds} s)`);
	const agent = new http.Agent({ keepAlive: true, maxSockets });
	const samples: Sample[] = [];
	const pending = new Set<Promise<void>>();
	const total = Math.round(rate * seconds);
	const interval = 1000 / rate;
	const start = performance.now();
	let next = 0;
	let maxInFlight = 0;
	const fire = (index: number, due: number) => {
		const targetIndex = index % targets.length;
		const promise = request(agent, targets[targetIndex]!, timeoutMs).then(({ status, error, resent }) => {
			samples.push({ target: targetIndex, ms: performance.now() - due, status, error, resent });
			pending.delete(promise);
		});
		pending.add(promise);
		maxInFlight = Math.max(maxInFlight, pending.size);
	};
	await new Promise<void>((resolve) => {
		const tick = () => {
			const now = performance.now();
			while (next < total && start + next * interval <= now) {
				fire(next, start + next * interval);
				next += 1;
			}
			if (next >= total) return resolve();
			setTimeout(tick, Math.max(0, start + next * interval - performance.now()));
		};
		tick();
	});
	await Promise.all(pending);
	agent.destroy();
	return { samples, sent: total, seconds, maxInFlight };
}

import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Which route (its pattern, e.g. `/e/[slug]/members`, never the filled-in path) and form action
 * the current request runs, so code deep inside a request, such as validation, can name it in
 * security logs without being handed the request.
 */
export interface RequestScope {
	method: string;
	route: string;
	action?: string;
}

const scope = new AsyncLocalStorage<RequestScope>();

export function runInRequestScope<T>(value: RequestScope, run: () => T): T {
	return scope.run(value, run);
}

export function currentRequestScope(): RequestScope | undefined {
	return scope.getStore();
}

/** A form action is named by a `?/name` query key; only a plain identifier is kept. */
export function formActionOf(url: URL): string | undefined {
	for (const key of url.searchParams.keys()) {
		if (key.startsWith('/')) return /^\/[A-Za-z][A-Za-z0-9_-]{0,40}$/.test(key) ? key.slice(1) : 'unnamed';
	}
	return undefined;
}

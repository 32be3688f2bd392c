/**
 * Recognises a write the database refused because a unique constraint (or primary key) already
 * holds the value: node:sqlite reports SQLITE_CONSTRAINT_UNIQUE (2067) or _PRIMARYKEY (1555) with
 * "UNIQUE constraint failed: …"; PostgreSQL reports SQLSTATE 23505. Wrapped errors are followed
 * through `cause`.
 */
export function isUniqueViolation(error: unknown): boolean {
	for (let current = error, depth = 0; current && typeof current === 'object' && depth < 5; depth++) {
		const e = current as { code?: unknown; errcode?: unknown; message?: unknown; cause?: unknown };
		if (e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return true;
		if (e.errcode === 2067 || e.errcode === 1555) return true;
		if (typeof e.message === 'string' && e.message.includes('UNIQUE constraint failed')) return true;
		current = e.cause;
	}
	return false;
}

/** What a person sees when someone else took the web address in the same instant. */
export const ADDRESS_JUST_TAKEN = 'That web address was just taken by something added at the same moment. Please try again.';

/**
 * Runs a create that picks a free web address by check-then-insert. Two simultaneous creates can
 * both find an address free; the second insert then breaks the unique constraint and its
 * transaction rolls back, leaving nothing behind. `attempt` (which must open its own transaction)
 * runs once more: its check now sees the other row and picks the next address. If it collides
 * again, `taken()` gives the field issue to show instead of a server error.
 */
export async function retryOnUniqueViolation<T>(attempt: () => Promise<T>, taken: () => T): Promise<T> {
	for (let tries = 1; ; tries++) {
		try {
			return await attempt();
		} catch (error) {
			if (!isUniqueViolation(error)) throw error;
			if (tries >= 2) return taken();
		}
	}
}

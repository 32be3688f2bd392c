/** Only same-site absolute paths may be redirect targets: no open redirects. */
export function safeNextPath(next: string | null | undefined, fallback = '/'): string {
	if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return fallback;
	if (/[\r\n]/.test(next)) return fallback;
	return next;
}

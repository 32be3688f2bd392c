// Plain JavaScript so that server.js (which refuses an oversized body before Kit reads a byte of
// it) and the upload routes (through uploads.ts) share one table of limits.

const MB = 1024 * 1024;
/** Room for the text fields, boundaries and headers of a multipart form around its files. */
export const FORM_OVERHEAD_BYTES = 64 * 1024;
/** Any request not named below: forms, JSON and the 5 MB uploads with their form around them. */
export const DEFAULT_REQUEST_LIMIT = 6 * MB;

/**
 * Every upload Parity takes, with the largest file (or files, together) it accepts. `path` is
 * the page the form posts to; a request to it may carry up to `bytes` plus the form overhead.
 * @type {ReadonlyArray<{ name: string; path: RegExp; bytes: number }>}
 */
export const UPLOADS = [
	{ name: 'story photo', path: /^\/e\/[^/]+\/stories\/join\/story\/?$/, bytes: 8 * MB },
	{ name: 'group file', path: /^\/e\/[^/]+\/groups\/[^/]+\/?$/, bytes: 5 * MB },
	{ name: 'project file', path: /^\/e\/[^/]+\/projects\/[^/]+\/?$/, bytes: 5 * MB },
	{ name: 'evidence file', path: /^\/e\/[^/]+\/evidence\/(suggest|[^/]+\/edit)\/?$/, bytes: 5 * MB },
	{ name: 'counts CSV', path: /^\/e\/[^/]+\/partners\/[^/]+\/data\/[^/]+\/?$/, bytes: 5 * MB },
	{ name: 'participant CSV', path: /^\/e\/[^/]+\/partners\/[^/]+\/data\/[^/]+\/participants\/?$/, bytes: 200 * MB },
	{ name: 'benchmark CSV or Census JSON', path: /^\/e\/[^/]+\/admin\/measurement\/benchmarks\/[^/]+\/?$/, bytes: 5 * MB },
	{ name: 'HSDS import', path: /^\/e\/[^/]+\/admin\/asset-map\/?$/, bytes: 5 * MB },
	{ name: 'ZIP boundaries or youth population', path: /^\/e\/[^/]+\/admin\/asset-map\/geography\/?$/, bytes: 10 * MB }
];

/**
 * The most a request to `pathname` may send: the largest upload posted there plus its form, and
 * never less than the default.
 * @param {string} pathname
 * @returns {number}
 */
export function requestLimitFor(pathname) {
	let limit = DEFAULT_REQUEST_LIMIT;
	for (const upload of UPLOADS) {
		if (upload.path.test(pathname)) limit = Math.max(limit, upload.bytes + FORM_OVERHEAD_BYTES);
	}
	return limit;
}

/** adapter-node's own ceiling (read once, at start): the largest upload with its form. */
export const BODY_SIZE_CEILING = Math.max(...UPLOADS.map((u) => u.bytes)) + FORM_OVERHEAD_BYTES;

/**
 * The page answering a request refused for its size, in English and Spanish (the refusal comes
 * before the app knows the visitor's language). No styles or scripts: the default-deny CSP holds.
 * @param {number} limit bytes
 * @returns {string}
 */
export function tooLargePage(limit) {
	const mb = Math.floor(limit / MB);
	return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Too large to accept</title></head>
<body><main>
<h1>Too large to accept</h1>
<p>What you sent is larger than ${mb} MB, so nothing was saved. Go back, choose a smaller file (or fewer files) and send it again.</p>
<div lang="es"><h2>Demasiado grande</h2>
<p>Lo que envió supera los ${mb} MB, así que no se guardó nada. Vuelva atrás, elija un archivo más pequeño (o menos archivos) y envíelo de nuevo.</p></div>
</main></body></html>
`;
}

// Parity's production server: adapter-node's handler behind a small node:http front that
// (1) fixes the request origin at run time and (2) puts the security headers on every response,
// static files included. Run through `npm start` (Node 24 from devDependencies).
import http from 'node:http';
import process from 'node:process';

const PROTO = 'x-parity-forwarded-proto';
const HOST = 'x-parity-forwarded-host';
// adapter-node 6 reads these once, at import, to build each request's origin.
process.env.PROTOCOL_HEADER = PROTO;
process.env.HOST_HEADER = HOST;

const port = Number(process.env.PORT ?? 3000);
const listenHost = process.env.HOST ?? '0.0.0.0';
const fixedOrigin = process.env.ORIGIN ? new URL(process.env.ORIGIN) : null;
const trustProxy = /^(1|true|yes)$/i.test(process.env.TRUST_PROXY ?? '');
if (trustProxy) {
	process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
}

// Each request's body limit comes from one table (upload-limits.js): the default for forms and
// JSON, more for the pages that take uploads. adapter-node's own limit (read once, at import)
// sits at the largest upload: participant files stream to disk with bounded memory.
const limits = await import('./src/lib/server/http/upload-limits.js');
process.env.BODY_SIZE_LIMIT ??= String(limits.BODY_SIZE_CEILING);

const { handler } = await import('./build/handler.js');
const { securityHeaders } = await import('./src/lib/server/http/security-headers.js');


/**
 * Without ORIGIN, Parity serves plain http on whatever host the browser used (the local quick
 * start); with ORIGIN it trusts only that origin; behind a proxy (TRUST_PROXY) it reads
 * X-Forwarded-Proto/Host. Client-sent copies of the internal headers are always dropped.
 */
function originOf(req) {
	if (fixedOrigin) return { proto: fixedOrigin.protocol.slice(0, -1), host: fixedOrigin.host };
	if (trustProxy) {
		const proto = String(req.headers['x-forwarded-proto'] ?? 'http').split(',')[0].trim();
		const host = String(req.headers['x-forwarded-host'] ?? req.headers.host ?? '').split(',')[0].trim();
		return { proto: proto === 'https' ? 'https' : 'http', host };
	}
	return { proto: 'http', host: req.headers.host ?? `localhost:${port}` };
}

const server = http.createServer((req, res) => {
	delete req.headers[PROTO];
	delete req.headers[HOST];
	const { proto, host } = originOf(req);
	req.headers[PROTO] = proto;
	req.headers[HOST] = host;
	// Behind a proxy the client address comes from X-Forwarded-For; a request that reached us
	// directly has none, so the socket's own address stands in.
	if (trustProxy && !req.headers['x-forwarded-for']) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
	for (const [name, value] of Object.entries(securityHeaders(proto === 'https'))) res.setHeader(name, value);
	const writeHead = res.writeHead;
	res.writeHead = function (status, ...rest) {
		// Browsers merge a 304's headers into the cached response: a default-deny policy here
		// would replace the page's own and block its stylesheets on the next visit.
		if (status === 304) res.removeHeader('content-security-policy');
		// Embeds (CSP frame-ancestors *) must not be contradicted by the legacy header.
		if (/frame-ancestors \*/.test(String(res.getHeader('content-security-policy') ?? ''))) res.removeHeader('x-frame-options');
		return writeHead.call(this, status, ...rest);
	};
	if (refuseOversized(req, res)) return;
	handler(req, res, () => {
		res.statusCode = 404;
		res.setHeader('content-type', 'text/plain; charset=utf-8');
		res.end('Not found');
	});
});

server.listen(port, listenHost, () => {
	const shown = fixedOrigin ? fixedOrigin.origin : `http://localhost:${port}`;
	console.log(`Parity is listening on ${shown}`);
});

/** The rest of a refused body is read and dropped, so the client sees the answer, up to this much. */
const DRAIN_LIMIT = 64 * 1024 * 1024;

/**
 * Answers 413 with a plain page. The rest of a body of sensible size is read and dropped (a client
 * still sending would otherwise get a broken connection instead of the answer); past that the
 * connection is closed.
 */
function tooLarge(req, res, limit, unread) {
	res.statusCode = 413;
	res.setHeader('content-type', 'text/html; charset=utf-8');
	if (unread > DRAIN_LIMIT) res.setHeader('connection', 'close');
	res.end(limits.tooLargePage(limit));
	if (unread <= DRAIN_LIMIT) req.resume();
}

/**
 * A body over its route's limit is refused before Kit reads it: at once when Content-Length says
 * so, and, for a body sent without one (chunked), as soon as the count passes the limit. The
 * counting listener is added paused, so Kit still receives every chunk from the start; past the
 * limit Kit's copy of the body fails (nothing is stored) and whatever Kit answers is dropped.
 */
function refuseOversized(req, res) {
	const limit = limits.requestLimitFor((req.url ?? '').split('?')[0]);
	const declared = Number(req.headers['content-length']);
	if (Number.isFinite(declared) && declared > limit) {
		tooLarge(req, res, limit, declared);
		return true;
	}
	if (req.headers['content-length'] !== undefined || req.headers['transfer-encoding'] === undefined) return false;
	let size = 0;
	let refused = false;
	req.pause();
	req.on('data', (chunk) => {
		size += chunk.length;
		if (refused && size > limit + DRAIN_LIMIT) req.destroy();
		if (refused || size <= limit) return;
		refused = true;
		if (req.listenerCount('error') > 0) req.emit('error', Object.assign(new Error('request body too large'), { status: 413 }));
		if (!res.headersSent) tooLarge(req, res, limit, 0);
		for (const method of ['writeHead', 'setHeader', 'write', 'end']) res[method] = () => res;
		req.resume();
	});
	return false;
}

function shutdown(signal) {
	server.close(() => {
		process.emit('sveltekit:shutdown', signal);
		setTimeout(() => process.exit(0), 200).unref();
	});
	server.closeIdleConnections();
	setTimeout(() => process.exit(0), 10_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));

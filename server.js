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

// Benchmark imports accept up to 5 MB of files (checked, with a clear message, by the page), so
// requests keep a 6 MB limit, checked below from Content-Length. Participant files are the
// exception: they stream to disk with bounded memory and may be up to 200 MB, so adapter-node's
// own limit (read once, at import) sits above that.
process.env.BODY_SIZE_LIMIT ??= '201M';
const REQUEST_LIMIT = 6 * 1024 * 1024;
const LARGE_UPLOAD = /^\/e\/[^/]+\/partners\/[^/]+\/data\/[^/]+\/participants\/?$/;

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
	const length = Number(req.headers['content-length'] ?? 0);
	if (length > REQUEST_LIMIT && !LARGE_UPLOAD.test((req.url ?? '').split('?')[0])) {
		res.statusCode = 413;
		res.setHeader('content-type', 'text/plain; charset=utf-8');
		res.end('This request is too large.');
		return;
	}
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

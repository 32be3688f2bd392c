/** The reference for dashboard reads: bare node:http answering a fixed page of similar size. */
import http from 'node:http';

const size = Number(process.argv[2] ?? 20_000);
const page = `<!doctype html><html><body>${'x'.repeat(size)}</body></html>`;
const server = http.createServer((_req, res) => {
	res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
	res.end(page);
});
server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
});
